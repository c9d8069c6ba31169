/**
 * The public API, with its types and documentation. Every function checks its input and raises
 * at the caller's line (`error(msg, 2)`), naming the call and what it got. The hot ones
 * (`await`, `yield`, the functions `async` returns) are the core's own functions, exported
 * under their public names without a wrapper call.
 */
import { describe } from "./core/errors";
import * as core from "./core/scheduler";
import { Owner, Packed, PENDING, Slot, TaskRecord, TaskState } from "./core/task";
import type { AnyFunction } from "./core/scheduler";

export type { Packed, TaskState } from "./core/task";

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
    /** The addon the task is attributed to (see forAddon). */
    readonly owner: string;
    /** Type-level only: what awaiting the task returns. Never set. */
    readonly __returns?: R;
}

/** What calling an async function returns: the task it started. */
export type Future<R = unknown> = Task<R>;

/** A function made by `async`: each call starts a task and returns its future. */
export type AsyncFunction<A extends unknown[], R> = (this: void, ...args: A) => Future<R>;

/** The signatures of `await`. */
export interface Await {
    /** The values of the future's task once it is dead, or its error re-raised unchanged. */
    <R>(this: void, future: Future<R>): R;
    /** Calls the async function's body inline, with no task, and returns its values. */
    <A extends unknown[], R>(this: void, fn: AsyncFunction<A, R>, ...args: A): R;
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
    return core.wrapAsync(fn) as AsyncFunction<A, R>;
}

/**
 * Returns the values of a task once it is dead (all of them, nils included), or re-raises its
 * error value unchanged. Inside a task, suspends it until then; outside any task (plain code or
 * a coroutine the scheduler does not own), runs the task to completion right here, with every
 * task it awaits. `await(asyncFn, ...)` instead calls the async function's body inline.
 *
 * ```lua
 * local values = AsyncAwait.await(future)
 * local ok, err = pcall(AsyncAwait.await, failingFuture) -- false, the original error value
 * ```
 */
const awaitFuture = core.awaitValue as unknown as Await;

/**
 * Inside a task, gives up the rest of this turn: the task goes to the back of the run queue.
 * Outside tasks, and while a task is being completed synchronously, it does nothing.
 */
const yieldTask: (this: void) => void = core.yieldTurn;

/**
 * Runs the oldest runnable task until it yields, suspends or finishes.
 * Returns true if it ran one, false if nothing was runnable.
 */
export const schedule: (this: void) => boolean = core.schedule;

/** Runs tasks until none is runnable, including tasks created meanwhile. */
export const scheduleAll: (this: void) => void = core.scheduleAll;

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
    return core.newTask(PENDING, undefined, fn, ...(args as unknown[])) as unknown as Task<R>;
}

/** Makes a pending task runnable (queued). Raises if the task was already started. */
export function startTask(this: void, task: Task): void {
    if (!core.isTask(task)) {
        error(`AsyncAwait: startTask(task): expected a task, got ${describe(task)}`, 2);
    }
    const state = task[Slot.State] as TaskState;
    if (state !== PENDING) {
        error(`AsyncAwait: startTask(task): the task was already started (state "${state}")`, 2);
    }
    core.startTask(task);
}

/**
 * Waits until a started task is dead, like `await` but without returning its values or raising
 * its error (read `task.result` and `task.error`).
 */
export function joinTask(this: void, task: Task): void {
    if (!core.isTask(task)) {
        error(`AsyncAwait: joinTask(task): expected a task, got ${describe(task)}`, 2);
    }
    const record: TaskRecord = task;
    if (record[Slot.State] === PENDING) {
        error("AsyncAwait: joinTask(task): the task is pending; start it with startTask(task) first", 2);
    }
    const problem = core.joinWait(record);
    if (problem !== undefined) {
        error(`AsyncAwait: joinTask(task): ${problem}`, 2);
    }
}

export { awaitFuture as await, yieldTask as yield };

/**
 * Records where each task is created (a traceback per task, shown with unhandled errors).
 * Costs a traceback per task: for debugging.
 */
export function traceCreation(this: void, on: boolean): void {
    core.setTraceCreation(on === true);
}

/** An addon's own `async`: its tasks (and the tasks they create) are attributed to `owner`. */
export function asyncFor<A extends unknown[], R>(
    this: void,
    owner: Owner,
    fn: (this: void, ...args: A) => R,
): AsyncFunction<A, R> {
    if (type(fn) !== "function") {
        error(`AsyncAwait: async(fn): expected a function, got ${describe(fn)}`, 3);
    }
    return core.wrapAsync(fn, owner) as AsyncFunction<A, R>;
}

/** An addon's own `createTask`. */
export function createTaskFor(this: void, owner: Owner, fn: AnyFunction, ...args: unknown[]): Task {
    if (type(fn) !== "function") {
        error(`AsyncAwait: createTask(fn, ...): expected a function, got ${describe(fn)}`, 3);
    }
    return core.newTask(PENDING, owner, fn, ...args) as unknown as Task;
}
