/** @noSelfInFile */
/**
 * The task record: one plain Lua table per task, laid out as an array so that a task costs
 * a table header plus 16 bytes per slot (a hash part would cost 40 bytes per field and grow
 * in powers of two). The public fields (`state`, `result`, `owner`) are served by one shared
 * metatable; rare fields (`error`, `traceback`, `waiters`) live in the hash part and are only
 * created on the paths that need them.
 *
 * The slot layout is part of the upgrade contract: a newer copy of the library takes over
 * records created by an older one, and an older copy's code still running inside a task reads
 * them, so slots are only ever appended.
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
    /**
     * The first waiter of this one, else false; further waiters are in `waiters`. A waiter is a
     * task suspended on this one (its Awaiting slot is this task) or a Watcher.
     */
    Waiter = 5,
    /** What this task is suspended on (a task record, or a Wait outside the scheduler), else false. */
    Awaiting = 6,
    /**
     * Slot 7 holds the number of arguments until the task ends (ArgCount), then the number of
     * results (ResultCount), or FAILED if it failed: one slot, two names, so that each use
     * says which it reads.
     */
    ArgCount = 7,
    // eslint-disable-next-line @typescript-eslint/no-duplicate-enum-values -- one slot, two names (above)
    ResultCount = 7,
    /** The Owner (addon) the task is attributed to. */
    Owner = 8,
    /** Slots from 9 hold the arguments until the task ends (from FirstArg), then its results (from FirstResult). */
    FirstArg = 9,
    // eslint-disable-next-line @typescript-eslint/no-duplicate-enum-values -- one slot, two names (above)
    FirstResult = 9,
}

/** The ResultCount slot of a task that ended with an error. */
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
    waiters?: { [index: number]: TaskRecord | Watcher };
    /** Cache of the materialized public `result` table (hash part). */
    result?: Packed;
    /** A failed task's error was awaited or joined (hash part). */
    observed?: boolean;
    /** A failed task's error was reported as unhandled (hash part). */
    reported?: boolean;
    /** Where the task was created, when creation tracing is on (hash part). */
    created?: string;
    /** Its longest slice under the frame driver, in ms, when one took a millisecond or more (hash part). */
    longestSlice?: number;
    /** A slice of it was reported as too long (hash part). */
    longSliceReported?: boolean;
    /** The task whose error its last await re-raised (hash part): reports follow the await chain. */
    causedBy?: TaskRecord;
    /** While it runs and has been asked to cancel: the error it will end with (hash part; cancel.ts). */
    cancelRequest?: unknown;
}

/**
 * A waiter that is not a task: something to notify, synchronously, when the task dies. A gate of
 * a combinator watching its inputs, a task's deferred cleanup. Array-shaped like a task (a
 * combinator makes one per input); its Awaiting slot (6) is never the task it watches, which is
 * how notifyWaiter (scheduler.ts) tells it from a task.
 */
export interface Watcher {
    [slot: number]: any;
}

/** Array slots of a Watcher (Lua indices); slots after these are its kind's own. */
export const enum WatcherSlot {
    /** `(watcher, task) => void`, called once the watched task is dead (and never again). */
    Notify = 1,
    /** Whether it needs the task's outcome: a task no consumer needs is cancelled with its last consumer. */
    Consumer = 2,
    /** The first slot a kind of watcher may use for itself. */
    Own = 3,
}

export type Notify = (this: void, watcher: Watcher, task: TaskRecord) => void;

/** A run queue array: entries from 1, holes where entries were taken. */
export type QueueArray = { [index: number]: TaskRecord | undefined };

/**
 * An addon that tasks are attributed to, with its run queue and CPU time. The queue is two
 * arrays: `draining` is read from `drainPos` while new entries go to `incoming`; when `draining`
 * is used up the two swap (see scheduler.ts). While the scheduler serves this owner, the five
 * queue fields live in the scheduler's locals and the record's copy is stale.
 */
export interface Owner {
    readonly name: string;
    /** Position in the scheduler's owner list (round robin order). */
    readonly index: number;
    /** Milliseconds of task time spent under the frame driver. */
    cpu: number;
    draining: QueueArray;
    drainPos: number;
    drainLen: number;
    incoming: QueueArray;
    incomingLen: number;
}

/** A new owner record with empty queues. */
export function makeOwner(name: string, index: number): Owner {
    return { name, index, cpu: 0, draining: {}, drainPos: 1, drainLen: 0, incoming: {}, incomingLen: 0 };
}

/**
 * Something outside the scheduler a task is suspended on: a timer, an event... The client glue
 * makes waits (src/wow/kinds.ts); the core only parks a task on one and wakes it.
 */
export interface Wait {
    /** Shown in errors, e.g. "sleep(2)" or "event BAG_UPDATE". */
    readonly what: string;
    /** The name of the wait kind that holds this wait (src/wow/kinds.ts). */
    readonly kind?: string;
    /** The suspended task (set when it parks). */
    task?: TaskRecord;
    /** What the task's park call returns, packed (set when it is woken). */
    values?: Packed;
    /** The tasks a combinator's gate watches (src/core/gates.ts): a forced await runs them. */
    inputs?: { [index: number]: TaskRecord };
    /**
     * Releases what the wait holds when its task is cancelled, for waits the core owns (a gate);
     * the client glue's waits are detached by the onDetach setting instead.
     */
    detach?: (this: void, wait: Wait, reason: unknown) => void;
    /** A timer bounding this wait (src/wow/timers.ts: withTimeout), released with it. */
    timer?: Wait;
}

/** @transient per copy: the state's error metatable, as installTaskMeta last gave it (the state has it: errorMeta) */
let errorMeta: LuaMetatable<object> | undefined;

/**
 * Methods every task answers, by name: the promise methods (`then`, `catch`, `finally`, and
 * `andThen` for Lua authors) that src/api/promises.ts registers, so a task behaves as a Promise
 * where code uses it as one.
 * @transient per copy: filled at boot; installTaskMeta puts this copy's on the shared metatable
 */
export const taskMethods = new LuaTable<string, (this: void, ...args: any[]) => unknown>();

/** Serves the public read-only fields of a task from its slots, and its methods. */
function taskIndex(task: TaskRecord, key: string): unknown {
    if (key === "state") {
        return task[Slot.State];
    }
    if (key === "cancelled") {
        // Cancelled: it ended with a cancellation error, its own or one an await passed on.
        const err = task.error as { kind?: string } | undefined;
        return task[Slot.ResultCount] === FAILED && getmetatable(err as object) === errorMeta && err!.kind === "Cancelled";
    }
    if (key === "owner") {
        return (task[Slot.Owner] as Owner).name;
    }
    if (key === "result") {
        const n = task[Slot.ResultCount] as number;
        if (task[Slot.State] !== DEAD || n === FAILED || n === 0) {
            return undefined;
        }
        // Materialized on first read only: awaiting never needs this table.
        const packed: { n: number; [index: number]: unknown } = { n };
        for (const i of $range(1, n)) {
            packed[i] = task[Slot.FirstResult + i - 1];
        }
        rawset(task, "result", packed);
        return packed;
    }
    return taskMethods.get(key);
}

/**
 * Gives the metatable every task record carries this copy's behaviour. The table itself is
 * shared by every copy of the library (it is how a task is recognised), so a newer copy
 * updates it in place: records an older copy made get the newer behaviour too.
 */
export function installTaskMeta(meta: LuaMetatable<TaskRecord>, errors: LuaMetatable<object>): void {
    errorMeta = errors;
    meta.__index = taskIndex;
}
