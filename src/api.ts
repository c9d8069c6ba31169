/**
 * The public API. Every function checks its input and raises at the caller's line
 * (`error(msg, 2)`), naming the call and what it got.
 */
import { describe } from "./core/errors";
import { enqueue } from "./core/queue";
import { prepareWait, schedule, scheduleAll, suspendUntilDead, valuesOf, yieldTurn } from "./core/scheduler";
import { AnyFunction, S } from "./core/state";
import { DEAD, PENDING, RUNNABLE, Slot, TaskRecord, TaskState } from "./core/task";

export type { TaskState } from "./core/task";

/** A packed list of values: `{ n = count, ... }`. */
export interface Packed {
    readonly n: number;
    readonly [index: number]: unknown;
}

/**
 * A task: a function running on the scheduler. Its fields are read-only.
 * A future (what calling an async function returns) is the task itself.
 */
export interface Task<R = unknown> {
    /** "pending", "runnable", "running", "suspended" or "dead". */
    readonly state: TaskState;
    /** The error value if the task failed, else nil. */
    readonly error: unknown;
    /** nil if the task returned nothing (or has not finished), else its values packed with `n`. */
    readonly result: Packed | undefined;
    /** The traceback of the failure point if the task failed. */
    readonly traceback: string | undefined;
    /** Type-level only: what awaiting the task returns. Never set. */
    readonly __returns?: R;
}

/** What calling an async function returns: the task it started. */
export type Future<R = unknown> = Task<R>;

/** A function made by `async`: each call starts a task and returns its future. */
export type AsyncFunction<A extends unknown[], R> = (this: void, ...args: A) => Future<R>;

const getmeta = getmetatable;
const yieldThread = coroutine.yield;
const setmeta = setmetatable;

// getmetatable accepts any value, and is cheaper than type() (which interns a string per call).
function isTask(this: void, value: unknown): value is TaskRecord {
    return getmeta(value as object) === S.taskMeta;
}

/** Makes a task record. Slot order: see task.ts. */
function newTask(this: void, state: TaskState, fn: AnyFunction, ...args: unknown[]): TaskRecord {
    return setmeta(
        [state, fn, false, false, false, false, select("#", ...args), ...args] as unknown as TaskRecord,
        S.taskMeta,
    );
}

/**
 * Wraps `fn` so that each call starts a task running `fn` with the call's arguments and returns
 * the task's future. The task does not run inside the call: it is queued.
 *
 * ```lua
 * local double = AsyncAwait.async(function(x) return x * 2 end)
 * local future = double(21)   -- queued, not run yet
 * print(AsyncAwait.await(future)) --> 42
 * ```
 */
export function async<A extends unknown[], R>(fn: (this: void, ...args: A) => R): AsyncFunction<A, R> {
    if (type(fn) !== "function") {
        error(`AsyncAwait: async(fn): expected a function, got ${describe(fn)}`, 2);
    }
    const wrapper = (...args: A): Future<R> => {
        const task = newTask(RUNNABLE, fn, ...args);
        enqueue(task);
        return task as unknown as Future<R>;
    };
    S.asyncFns.set(wrapper, fn);
    return wrapper;
}

/**
 * Returns the values of a task once it is dead, or re-raises its error value unchanged.
 * Inside a task, suspends it until then; outside any task (plain code or a coroutine the
 * scheduler does not own), runs the task to completion right here.
 * `await(asyncFn, ...)` instead calls the async function's body inline, with no task.
 *
 * ```lua
 * local values = AsyncAwait.await(future)
 * local ok, err = pcall(AsyncAwait.await, failingFuture) -- false, the original error value
 * ```
 */
function awaitFuture<R>(future: Future<R>): R;
function awaitFuture<A extends unknown[], R>(fn: AsyncFunction<A, R>, ...args: A): R;
function awaitFuture(value: unknown, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    if (getmeta(value as object) === S.taskMeta) {
        const task = value as TaskRecord;
        const state = task[Slot.State];
        if (state === DEAD) {
            return valuesOf(task);
        }
        if (state === PENDING) {
            error("AsyncAwait: await(future): the task is pending; start it with startTask(task) first", 2);
        }
        const problem = prepareWait(task);
        if (problem !== undefined) {
            error(`AsyncAwait: await(future): ${problem}`, 2);
        }
        if (task[Slot.State] === DEAD) {
            return valuesOf(task); // completed synchronously
        }
        return suspendUntilDead(task); // a tail call: see suspendUntilDead

    }
    if (type(value) === "function") {
        const body = S.asyncFns.get(value as AnyFunction);
        if (body === undefined) {
            error("AsyncAwait: await(fn, ...): expected an async function (made by async), got a plain function", 2);
        }
        return body(...args);
    }
    error(`AsyncAwait: await(future): expected a future or an async function, got ${describe(value)}`, 2);
}

/**
 * Creates a task in state "pending" that will call `fn(...)` once started with `startTask`.
 *
 * ```lua
 * local task = AsyncAwait.createTask(print, "hello")
 * AsyncAwait.startTask(task)
 * AsyncAwait.joinTask(task)
 * ```
 */
export function createTask<A extends unknown[], R>(fn: (this: void, ...args: A) => R, ...args: A): Task<R> {
    if (type(fn) !== "function") {
        error(`AsyncAwait: createTask(fn, ...): expected a function, got ${describe(fn)}`, 2);
    }
    return newTask(PENDING, fn, ...args) as unknown as Task<R>;
}

/** Makes a pending task runnable (queued). Raises if the task was already started. */
export function startTask(this: void, task: Task): void {
    if (!isTask(task)) {
        error(`AsyncAwait: startTask(task): expected a task, got ${describe(task)}`, 2);
    }
    const state = task[Slot.State];
    if (state !== PENDING) {
        error(`AsyncAwait: startTask(task): the task was already started (state "${state}")`, 2);
    }
    task[Slot.State] = RUNNABLE;
    enqueue(task);
}

/**
 * Waits until a started task is dead, like `await` but without returning its values or raising
 * its error (read `task.result` and `task.error`).
 */
export function joinTask(this: void, task: Task): void {
    if (!isTask(task)) {
        error(`AsyncAwait: joinTask(task): expected a task, got ${describe(task)}`, 2);
    }
    const state = task[Slot.State];
    if (state === PENDING) {
        error("AsyncAwait: joinTask(task): the task is pending; start it with startTask(task) first", 2);
    }
    if (state !== DEAD) {
        const problem = prepareWait(task);
        if (problem !== undefined) {
            error(`AsyncAwait: joinTask(task): ${problem}`, 2);
        }
        if (task[Slot.State] !== DEAD) {
            yieldThread(S.SUSPEND, task);
        }
    }
}

export { awaitFuture as await, schedule, scheduleAll, yieldTurn as yield };
