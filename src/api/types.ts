/** @noSelfInFile */
/** The public types: tasks, futures, async functions, await's signatures. */
import type { TaskState, Packed } from "../core/task";

export type { ErrorKind, RuntimeError } from "../core/errors";
export type { Packed, TaskState } from "../core/task";

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
    /** Calls the async function's body directly, with no task, and returns its values. */
    <A extends unknown[], R>(this: void, fn: AsyncFunction<A, R>, ...args: A): R;
}
