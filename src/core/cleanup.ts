/** @noSelfInFile */
/**
 * Deferred cleanup: functions a task registers (defer) run, last registered first, when it ends
 * by any route: returned, failed or cancelled. They are one Watcher on the task, not a consumer
 * of it: they run as the task's waiters are told, before anything can resume. Each runs
 * guarded: one that raises stops neither the others nor the task's outcome; its error is
 * reported as unhandled, with its traceback.
 */
import { FAILED, DEAD, Owner, Slot, TaskRecord, Watcher, WatcherSlot } from "./task";
import { addWatcher, forwardingTo } from "./scheduler";
import { coreState } from "./state";
import { currentTrace } from "./trace";
import { noteUnobserved } from "./unhandled";

/** Where a cleanup watcher keeps the task's cleanups, in the order they were registered. */
const FNS = WatcherSlot.Own;
type Cleanup = Watcher & { [FNS]: ((this: void, task: TaskRecord) => void)[] };

/** @transient keepTrace sets it, the xpcall that called it reads it at once */
let lastTrace = "";

function keepTrace(err: unknown): unknown {
    lastTrace = currentTrace();
    return err;
}

/** Runs a task's cleanups, newest first; one that raises is reported, and the others still run. */
function runCleanups(watcher: Watcher, task: TaskRecord): void {
    const fns = (watcher as Cleanup)[FNS];
    coreState.cleanups.delete(task);
    for (const i of $range(fns.length, 1, -1)) {
        const fn = fns[i - 1];
        const [ok, err] = xpcall(() => fn(task), keepTrace);
        if (!ok) {
            // Reported like a failed task of the same addon, whose body is the cleanup.
            const record = setmetatable(
                [DEAD, fn, false, false, false, false, FAILED, task[Slot.Owner] as Owner] as unknown as TaskRecord,
                coreState.taskMeta,
            );
            record.error = err;
            record.traceback = lastTrace;
            noteUnobserved(record);
        }
    }
}

/** Registers `fn` to run with `task` once `task` ends (a task not yet dead). */
export function deferCleanup(task: TaskRecord, fn: (this: void, task: TaskRecord) => void): void {
    const next = forwardingTo();
    if (next) {
        return next.deferCleanup(task, fn);
    }
    let watcher = coreState.cleanups.get(task) as Cleanup | undefined;
    if (watcher === undefined) {
        watcher = [runCleanups, false, []] as unknown as Cleanup;
        coreState.cleanups.set(task, watcher);
        addWatcher(task, watcher);
    }
    watcher[FNS].push(fn);
}

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        deferCleanup: typeof deferCleanup;
    }
}
