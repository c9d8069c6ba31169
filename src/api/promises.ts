/** @noSelfInFile */
/**
 * Futures as promises, and promises as futures. A task answers `then`, `catch` and `finally` as
 * a Promise does (TypeScript types an async function's result as one), each returning a new
 * future; `fromPromise` turns any promise-like table (one with a `then` method: a
 * TypeScriptToLua `Promise`, another library's) into a future; `awaitAny` awaits whatever it is
 * given, as JavaScript's `await` does.
 *
 * Callbacks are called as TypeScriptToLua calls them, with a first argument for `self` (nil):
 * `then(task, function(_, value) ... end)`. They run in a task of their own, never before
 * `then` returns (Promises/A+ 2.2.4).
 */
import { describe, raise, raiseAtCaller, raiseValue, tooManyArguments } from "../core/errors";
import {
    awaitValue, failParked, isTask, joinWait, newParkedTask, newTask, runningTask, startTask, wakeParked,
} from "../core/scheduler";
import { FAILED, Owner, PENDING, Slot, TaskRecord, Wait, taskMethods } from "../core/task";
import type { Future, Task } from "./types";

type Callback = (this: void, self: undefined, value: unknown) => unknown;

/** Whether `value` is promise-like: a table (not a task) with a `then` method. */
function isThenable(value: unknown): boolean {
    return type(value) === "table" && !isTask(value) && type((value as { then?: unknown }).then) === "function";
}

/** What a callback's value settles a then-future with: a future's or a promise's values are awaited. */
function adopt(value: unknown): LuaMultiReturn<unknown[]> {
    if (isTask(value)) {
        return awaitValue(value);
    }
    if (isThenable(value)) {
        return awaitValue(fromPromise(value as PromiseLike<unknown>));
    }
    return $multi(value);
}

/**
 * Waits (in a continuation's task) until `source` is dead; whether it failed. Its error is then
 * handled: a callback takes it, or the continuation passes it on.
 */
function settled(source: TaskRecord, call: string): boolean {
    const problem = joinWait(source);
    if (problem !== undefined) {
        raise(problem.kind, `AsyncAwait: ${call}: ${problem.message}`);
    }
    if (source[Slot.Count] === FAILED) {
        source.observed = true;
        return false;
    }
    return true;
}

/** A dead task's first value (a promise settles with one). */
function firstValue(source: TaskRecord): unknown {
    return (source[Slot.Count] as number) > 0 ? source[Slot.Values] : undefined;
}

/** The body of a then-future: waits for `source`, then calls the callback its outcome calls for. */
function settleThen(source: TaskRecord, onFulfilled: unknown, onRejected: unknown): LuaMultiReturn<unknown[]> {
    if (!settled(source, "then(onFulfilled, onRejected)")) {
        if (type(onRejected) === "function") {
            return adopt((onRejected as Callback)(undefined, source.error));
        }
        raiseValue(source.error, 0);
    }
    if (type(onFulfilled) === "function") {
        return adopt((onFulfilled as Callback)(undefined, firstValue(source)));
    }
    return $multi(firstValue(source));
}

/** A task continuing `source`, attributed to the same addon. */
function continuation(source: TaskRecord, body: (this: void, ...args: any[]) => unknown, a?: unknown, b?: unknown): Future {
    if (source[Slot.Count] === FAILED) {
        // Its error is the continuation's from now on, as a rejected promise is handled once a
        // callback is attached: not reported should the run end before the continuation runs.
        source.observed = true;
    }
    const task = newTask(PENDING, source[Slot.Owner] as Owner, body, source, a, b);
    startTask(task);
    return task as unknown as Future;
}

function checkSource(call: string, source: unknown): void {
    if (!isTask(source)) {
        raiseAtCaller(`AsyncAwait: ${call}: expected to be called on a task (task:${call}), got ${describe(source)}`, 1);
    }
    if ((source as TaskRecord)[Slot.State] === PENDING) {
        raiseAtCaller(`AsyncAwait: ${call}: the task is pending; start it with startTask(task) first`, 1);
    }
}

/**
 * `task:then(onFulfilled, onRejected)`: a future of what the callback for the task's outcome
 * returns (a future or promise returned is awaited); without that callback, of the outcome itself.
 */
function thenMethod(source: Task, onFulfilled?: unknown, onRejected?: unknown): Future {
    checkSource("then(onFulfilled, onRejected)", source);
    return continuation(source as unknown as TaskRecord, settleThen, onFulfilled, onRejected);
}

/** `task:catch(onRejected)`: `task:then(nil, onRejected)`. */
function catchMethod(source: Task, onRejected?: unknown): Future {
    checkSource("catch(onRejected)", source);
    return continuation(source as unknown as TaskRecord, settleThen, undefined, onRejected);
}

function settleFinally(source: TaskRecord, onFinally: unknown): unknown {
    const fulfilled = settled(source, "finally(onFinally)");
    if (type(onFinally) === "function") {
        adopt((onFinally as (this: void, self: undefined) => unknown)(undefined)); // it may wait; its value is dropped
    }
    if (!fulfilled) {
        raiseValue(source.error, 0);
    }
    return firstValue(source);
}

/** `task:finally(onFinally)`: a future of the task's outcome, once `onFinally()` has run (and ended). */
function finallyMethod(source: Task, onFinally?: unknown): Future {
    checkSource("finally(onFinally)", source);
    return continuation(source as unknown as TaskRecord, settleFinally, onFinally);
}

taskMethods.set("then", thenMethod);
taskMethods.set("catch", catchMethod);
taskMethods.set("finally", finallyMethod);
// What a TypeScriptToLua Promise calls on a promise it adopts (the plugin makes it adopt tasks).
taskMethods.set("addCallbacks", thenMethod);

/**
 * Whether `value` is a future (a task).
 *
 * ```lua
 * if AsyncAwait.isFuture(x) then x = AsyncAwait.await(x) end
 * ```
 */
export function isFuture(value: unknown, ...extra: unknown[]): boolean {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("isFuture(value)", 1, 1 + select("#", ...extra)));
    }
    return isTask(value);
}

/**
 * A Promise of `future`'s outcome, for TypeScript compiled without the plugin, whose `await`
 * only adopts its own Promises: an instance of `PromiseClass`, the caller's `Promise` (pass it
 * when the library is not bundled with your code), by default the Promise of the bundle the
 * library was compiled into.
 *
 * ```ts
 * const value = await AA.toPromise(AA.async(work)(), Promise);
 * ```
 */
export function toPromise<T>(future: Future<T>, PromiseClass?: PromiseConstructor, ...extra: unknown[]): Promise<T> {
    if (!isTask(future)) {
        raiseAtCaller(`AsyncAwait: toPromise(future, Promise): expected a future, got ${describe(future)}`);
    }
    if (PromiseClass !== undefined && type(PromiseClass) !== "table") {
        raiseAtCaller(`AsyncAwait: toPromise(future, Promise): expected a Promise class, got ${describe(PromiseClass)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("toPromise(future, Promise)", 2, 2 + select("#", ...extra)));
    }
    checkSource("toPromise(future, Promise)", future);
    const P = PromiseClass ?? Promise;
    return new P<T>((resolve, reject) => {
        thenMethod(future, (_self: undefined, value: unknown) => resolve(value as T), (_self: undefined, reason: unknown) => reject(reason));
    });
}

interface PromiseWait extends Wait {
    settled: boolean;
}

function detachPromise(wait: Wait): void {
    (wait as PromiseWait).settled = true; // a promise cannot be unsubscribed from: its callbacks now do nothing
}

/**
 * A future of a promise-like's outcome (a table with a `then` method, such as a
 * TypeScriptToLua `Promise`): its value, or its rejection reason raised. It wakes when the
 * promise settles (no polling). Cancelling the future stops waiting; the promise goes on.
 *
 * ```lua
 * local value = AsyncAwait.await(AsyncAwait.fromPromise(somePromise))
 * ```
 */
export function fromPromise<T>(promise: PromiseLike<T>, ...extra: unknown[]): Future<T> {
    if (!isThenable(promise)) {
        raiseAtCaller(`AsyncAwait: fromPromise(promise): expected a promise (a table with a then method), got ${describe(promise)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("fromPromise(promise)", 1, 1 + select("#", ...extra)));
    }
    const current = runningTask() as TaskRecord | undefined;
    const wait: PromiseWait = { what: "a promise", kind: "promise", settled: false, detach: detachPromise } as unknown as PromiseWait;
    const task = newParkedTask(wait, current !== undefined ? (current[Slot.Owner] as Owner) : undefined);
    const onFulfilled = (_self: undefined, value: unknown) => {
        if (!wait.settled) {
            wait.settled = true;
            wakeParked(wait, value);
        }
    };
    const onRejected = (_self: undefined, reason: unknown) => {
        if (!wait.settled) {
            wait.settled = true;
            failParked(wait, reason, "");
        }
    };
    // Promises/A+ 2.3.3: a then that raises rejects (unless a callback came first).
    const [ok, err] = pcall(() => (promise as unknown as { then: (this: unknown, a: unknown, b: unknown) => unknown }).then(onFulfilled, onRejected));
    if (!ok) {
        onRejected(undefined, err);
    }
    return task as unknown as Future<T>;
}

/**
 * Inside a task: a future's values or a promise-like's value, awaited; any other value as it is
 * (JavaScript's `await`). What the TypeScript plugin compiles `await x` to.
 *
 * ```lua
 * local data = AsyncAwait.awaitAny(maybeAPromise)
 * ```
 */
function awaitAnyValue(value: unknown, ...extra: unknown[]): LuaMultiReturn<unknown[]> {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("awaitAny(value)", 1, 1 + select("#", ...extra)));
    }
    if (isTask(value)) {
        return awaitValue(value);
    }
    if (isThenable(value)) {
        return awaitValue(fromPromise(value as PromiseLike<unknown>));
    }
    return $multi(value);
}

/** awaitAny, typed as TypeScript types `await value`. */
export const awaitAny = awaitAnyValue as <T>(this: void, value: T) => Awaited<T>;
