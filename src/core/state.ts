/**
 * All scheduler state lives in one table so that a newer copy of the library (LibStub upgrade)
 * can adopt it and carry on with the tasks, queue and pool of the old one. Hot paths read it
 * through the module-level `S` upvalue.
 */
import { DEAD, FAILED, Slot, TaskRecord } from "./task";

/** Lua's array view of a table: raw 1-based indexing with no offset. */
export interface LuaArray<T> {
    [index: number]: T;
}

/** Sentinel values workers yield to the scheduler. */
export interface Signal {
    readonly signal: string;
}

export interface SchedulerState {
    /** The task being resumed by the scheduler, else false. */
    current: TaskRecord | false;
    /** Depth of forced (synchronous) completions under way; yield() is a no-op meanwhile. */
    forced: number;
    /** Whether a worker may go on to run the next fresh task inline (inside scheduleAll, not while forcing). */
    inline: boolean;

    /** The run queue is two arrays: `run` is drained from `runPos` while `next` is appended to. */
    run: LuaArray<TaskRecord | undefined>;
    runPos: number;
    runLen: number;
    next: LuaArray<TaskRecord | undefined>;
    nextLen: number;

    /** Idle workers (coroutines), a stack of at most `poolMax`. */
    pool: LuaArray<LuaThread | undefined>;
    poolLen: number;
    poolMax: number;

    /** Explicit stack used by forced completion to walk await chains without recursion. */
    chain: LuaArray<TaskRecord | undefined>;
    chainTop: number;

    /** Async wrapper → body function, weak-keyed, so `await(asyncFn, ...)` can run it inline. */
    asyncFns: LuaTable<AnyFunction, AnyFunction>;

    /** The metatable every task record carries: it serves the public fields and marks tasks. */
    taskMeta: LuaMetatable<TaskRecord>;

    YIELD: Signal;
    SUSPEND: Signal;
    IDLE: Signal;
}

export type AnyFunction = (this: void, ...args: any[]) => any;

/** Serves the public read-only fields of a task from its slots. */
function taskIndex(this: void, task: TaskRecord, key: string): unknown {
    if (key === "state") {
        return task[Slot.State];
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

export function createState(this: void): SchedulerState {
    return {
        current: false,
        forced: 0,
        inline: false,
        run: {},
        runPos: 1,
        runLen: 0,
        next: {},
        nextLen: 0,
        pool: {},
        poolLen: 0,
        poolMax: 64,
        chain: {},
        chainTop: 0,
        asyncFns: setmetatable(new LuaTable<AnyFunction, AnyFunction>(), { __mode: "k" }),
        taskMeta: { __index: taskIndex },
        YIELD: { signal: "yield" },
        SUSPEND: { signal: "suspend" },
        IDLE: { signal: "idle" },
    };
}

/** The live scheduler state. */
export const S: SchedulerState = createState();
