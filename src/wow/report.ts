/** @noSelfInFile */
/**
 * Unhandled task errors go to the client's error handler (geterrorhandler()), once each, with
 * the error, the traceback of the failure and where the task came from.
 */
import { whenInCharge } from "../core/handover";
import { configure } from "../core/settings";
import { Owner, Slot, TaskRecord } from "../core/task";

/** Where a task came from: its creation traceback when tracing is on, else its function. */
function origin(task: TaskRecord): string {
    if (task.created !== undefined) {
        return `created at:${task.created}`;
    }
    const fn = task[Slot.Fn] as () => void;
    const info = debug !== undefined && debug.getinfo !== undefined ? debug.getinfo(fn, "S") : undefined;
    const where = info !== undefined ? `${info.short_src}:${info.linedefined}` : tostring(fn);
    return `created from the function defined at ${where} (AsyncAwait.traceCreation(true) records call sites)`;
}

/** The message the error handler receives for a task error no one awaited. */
function unhandledMessage(task: TaskRecord): string {
    const owner = (task[Slot.Owner] as Owner).name;
    return `AsyncAwait: unhandled error in a task of ${owner}: ${tostring(task.error)}\n${task.traceback ?? ""}\n${origin(task)}`;
}

function report(task: TaskRecord): void {
    geterrorhandler()(unhandledMessage(task));
}

/** The client has no debug.traceback: debugstack gives a coroutine's stack. */
function clientTraceback(thread: LuaThread): string {
    return debugstack(thread, 1, 12, 12);
}

/** Sends unhandled task errors to the client's error handler, once this copy runs the scheduler. */
export function reportToErrorHandler(): void {
    whenInCharge(() => {
        configure({ reporter: report, tracer: debug === undefined || debug.traceback === undefined ? clientTraceback : undefined });
    });
}
