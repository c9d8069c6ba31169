/** @noSelfInFile */
/**
 * Unhandled task errors go to the client's error handler (geterrorhandler()), once each, with
 * the error, the traceback of the failure and where the task came from.
 */
import { whenInCharge } from "../core/handover";
import { configure } from "../core/settings";
import { client } from "./client";
import { Owner, Slot, TaskRecord } from "../core/task";
import { madeAt } from "../core/trace";

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
    const info = debug !== undefined && debug.getinfo !== undefined ? debug.getinfo(fn, "S") : undefined;
    const where = info !== undefined ? `${info.short_src}:${info.linedefined}` : tostring(fn);
    return `created from the function defined at ${where} ${hint}`;
}

/** The message the error handler receives for a task error no one awaited. */
function unhandledMessage(task: TaskRecord): string {
    const owner = (task[Slot.Owner] as Owner).name;
    return `AsyncAwait: unhandled error in a task of ${owner}: ${tostring(task.error)}\n${task.traceback ?? ""}\n${origin(task)}`;
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
            tracer: debug === undefined || debug.traceback === undefined ? clientTraceback : undefined,
        });
    });
}
