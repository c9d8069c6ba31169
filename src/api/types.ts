/** @noSelfInFile */
/** The public types: tasks, futures, async functions, await's signatures. */
import type { Future } from "../core/types";

export type { ErrorKind, RuntimeError } from "../core/errors";
export type { Packed, TaskState } from "../core/task";
export type { EventName, EventPayload, Future, Task } from "../core/types";

/** A function made by `async`: each call starts a task and returns its future. */
export type AsyncFunction<A extends unknown[], R> = (this: void, ...args: A) => Future<R>;

/** The signatures of `await`. */
export interface Await {
    /** The values of the future's task once it is dead, or its error re-raised unchanged. */
    <R>(this: void, future: Future<R>): R;
    /** Calls the async function's body directly, with no task, and returns its values. */
    <A extends unknown[], R>(this: void, fn: AsyncFunction<A, R>, ...args: A): R;
}
