/** @noSelfInFile */
/**
 * Unhandled task errors go to the client's error handler (geterrorhandler()), once each, with
 * the error, the traceback of the failure and where the task came from.
 */
import { configure, whenInCharge } from "../core/settings";
import { client } from "./client";
import { FAILED, Owner, Slot, TaskRecord } from "../core/task";
import { addonFrames, madeAt } from "../core/trace";
import { withSourcePositions } from "./sourcemaps";

/**
 * Where a task came from: its creation stack when tracing is on, else where async() made its
 * function, else where the function is defined (only Lua's debug library knows that).
 */
function origin(task: TaskRecord): string {
    if (task.created !== undefined) {
        return `created at:\n${task.created}`;
    }
    const fn = task[Slot.Fn] as () => void;
    const hint = "(AsyncAwait.traceCreation(true) records where each task is created)";
    const made = madeAt(fn);
    if (made !== undefined) {
        return `a task of the async function made at ${made} ${hint}`;
    }
    // eslint-disable-next-line no-restricted-globals -- feature-detected: stock Lua's (specs), absent in the client
    const info = debug !== undefined && debug.getinfo !== undefined ? debug.getinfo(fn, "S") : undefined;
    const where = info !== undefined ? `${info.short_src}:${info.linedefined}` : tostring(fn);
    return `created from the function defined at ${where} ${hint}`;
}

/**
 * The tasks an error went through, from `task` (whose report this is) down to the one it
 * failed in: each awaited the next, which failed with the same error value.
 */
function awaitChain(task: TaskRecord): TaskRecord[] {
    const chain = [task];
    let t = task;
    while (t.causedBy !== undefined && t.causedBy.error === t.error && t.causedBy[Slot.ResultCount] === FAILED && chain.length < 50) {
        t = t.causedBy;
        chain.push(t);
    }
    return chain;
}

/**
 * The message the error handler receives for a task error no one awaited: the error, where it
 * was raised and where that task came from; then, for each task up the await chain, where it
 * awaited the failed one and where it came from.
 */
function unhandledMessage(task: TaskRecord): string {
    const owner = (task[Slot.Owner] as Owner).name;
    const chain = awaitChain(task);
    const failed = chain[chain.length - 1];
    const parts = [
        `AsyncAwait: unhandled error in a task of ${owner}: ${tostring(task.error)}`,
        addonFrames(failed.traceback ?? ""),
        origin(failed),
    ];
    for (const i of $range(chain.length - 1, 1, -1)) {
        const awaiter = chain[i - 1];
        parts.push(`awaited by a task of ${(awaiter[Slot.Owner] as Owner).name} at:\n${addonFrames(awaiter.traceback ?? "")}`);
        parts.push(origin(awaiter));
    }
    return parts.join("\n");
}

function report(task: TaskRecord): void {
    deliver(unhandledMessage(task));
}

function reportLongSlice(task: TaskRecord, ms: number): void {
    const owner = (task[Slot.Owner] as Owner).name;
    deliver(
        `AsyncAwait: a task of ${owner} ran ${string.format("%.1f", ms)} ms without waiting or yielding ` +
            `(the client stops scripts that run about 200 ms: AsyncAwait.yield() in long loops)\n${origin(task)}`,
    );
}

/**
 * Hands a message to the client's error handler. Without one, or when it raises, the message
 * still surfaces in the chat (print): an error must never vanish.
 */
function deliver(message: string): void {
    message = withSourcePositions(message); // TypeScript positions of registered chunks
    const handler = client.geterrorhandler();
    let ok = false;
    let err: unknown = "no error handler";
    if (type(handler) === "function") {
        [ok, err] = pcall(handler!, message);
    }
    if (!ok) {
        print(message);
        print(`AsyncAwait: the error handler could not report it: ${tostring(err)}`);
    }
}

/** The client has no debug.traceback: debugstack gives a coroutine's stack, or the running code's. */
function clientTraceback(thread?: LuaThread): string {
    // With a nil thread argument debugstack returns its last argument: pass one only when there is one.
    return thread !== undefined ? client.debugstack(thread, 1, 12, 12) : client.debugstack(1, 12, 12);
}

/** Sends unhandled task errors to the client's error handler, once this copy runs the scheduler. */
export function reportToErrorHandler(): void {
    whenInCharge(() => {
        configure({
            reporter: report,
            onLongSlice: reportLongSlice,
            // eslint-disable-next-line no-restricted-globals -- feature-detected: stock Lua's (specs), absent in the client
            tracer: debug === undefined || debug.traceback === undefined ? clientTraceback : undefined,
        });
    });
}
