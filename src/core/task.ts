/**
 * The task record: one plain Lua table per task, laid out as an array so that a task costs
 * a table header plus 16 bytes per slot (a hash part would cost 40 bytes per field and grow
 * in powers of two). The public fields (`state`, `result`) are served by one shared metatable;
 * rare fields (`error`, `traceback`, `waiters`) live in the hash part and are only created on
 * the paths that need them.
 *
 * The slot layout is part of the upgrade contract: a newer copy of the library takes over
 * records created by an older one, so slots are only ever appended.
 */

/** Task states, as the public `state` field shows them. */
export type TaskState = "pending" | "runnable" | "running" | "suspended" | "dead";

export const PENDING: TaskState = "pending";
export const RUNNABLE: TaskState = "runnable";
export const RUNNING: TaskState = "running";
export const SUSPENDED: TaskState = "suspended";
export const DEAD: TaskState = "dead";

/** Array slots of a task record (Lua indices). */
export const enum Slot {
    /** The TaskState string. */
    State = 1,
    /** The task's body function. */
    Fn = 2,
    /** The pooled coroutine while the task has started and not finished, else false. */
    Thread = 3,
    /** True while the record sits in its owner's run queue (the entry may be stale; see scheduler.ts). */
    Queued = 4,
    /** The first task waiting for this one, else false; further waiters are in `waiters`. */
    Waiter = 5,
    /** What this task is suspended on (a task record, or a Wait outside the scheduler), else false. */
    Awaiting = 6,
    /** Number of arguments until the task ends, then number of results; FAILED if it failed. */
    Count = 7,
    /** The Owner (addon) the task is attributed to. */
    Owner = 8,
    /** First argument, later first result. */
    Values = 9,
}

/** The Count slot of a task that ended with an error. */
export const FAILED = -1;

/** A packed list of values, like `table.pack` makes: `{ n = count, ... }`. */
export interface Packed {
    readonly n: number;
    readonly [index: number]: unknown;
}

/** The internal view of a task record. */
export interface TaskRecord {
    [slot: number]: any;
    /** The error value of a failed task (hash part; only set on failure). */
    error?: unknown;
    /** The traceback of the failure point (hash part; only set on failure). */
    traceback?: string;
    /** Waiters after the first, in the order they began to wait (hash part). */
    waiters?: { [index: number]: TaskRecord };
    /** Cache of the materialized public `result` table (hash part). */
    result?: Packed;
    /** A failed task's error was awaited or joined (hash part). */
    observed?: boolean;
    /** A failed task's error was reported as unhandled (hash part). */
    reported?: boolean;
    /** Where the task was created, when creation tracing is on (hash part). */
    created?: string;
}

/** An addon that tasks are attributed to, with its run queue and CPU time. */
export interface Owner {
    readonly name: string;
    /** Position in the scheduler's owner list (round robin order). */
    readonly index: number;
    /** Milliseconds of task time spent under the frame driver. */
    cpu: number;
    /** Run queue while the owner is not being served (see scheduler.ts). */
    d: { [index: number]: TaskRecord | undefined };
    dp: number;
    dl: number;
    i: { [index: number]: TaskRecord | undefined };
    il: number;
}

/** Something outside the scheduler a task is suspended on (a timer, an event...). */
export interface Wait {
    /** Shown in errors, e.g. "sleep(2)" or "event BAG_UPDATE". */
    readonly what: string;
    /** The suspended task (set when it parks). */
    task?: TaskRecord;
    /** What the task's park call returns, packed (set when it is woken). */
    values?: Packed;
}

/** Serves the public read-only fields of a task from its slots. */
function taskIndex(this: void, task: TaskRecord, key: string): unknown {
    if (key === "state") {
        return task[Slot.State];
    }
    if (key === "owner") {
        return (task[Slot.Owner] as Owner).name;
    }
    if (key === "result") {
        const n = task[Slot.Count] as number;
        if (task[Slot.State] !== DEAD || n === FAILED || n === 0) {
            return undefined;
        }
        // Materialized on first read only: awaiting never needs this table.
        const packed: { n: number; [index: number]: unknown } = { n };
        for (const i of $range(1, n)) {
            packed[i] = task[Slot.Values + i - 1];
        }
        rawset(task, "result", packed);
        return packed;
    }
    return undefined;
}

/** The metatable every task record carries: it serves the public fields and marks tasks. */
export function createTaskMeta(this: void): LuaMetatable<TaskRecord> {
    return { __index: taskIndex };
}
