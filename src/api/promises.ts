/** @noSelfInFile */
/**
 * Futures as promises, and promises as futures. A task answers `then`, `catch` and `finally` as
 * a Promise does (TypeScript types an async function's result as one), and `andThen` for Lua
 * authors (`then` is a reserved word in Lua), each returning a new future; `fromPromise` turns
 * any promise-like table (one with a `then` method: a TypeScriptToLua `Promise`, a Lua promise
 * library's) into a future; `awaitAny` awaits whatever it is given, as JavaScript's `await` does.
 *
 * `then`, `catch` and `finally` call their callbacks as TypeScriptToLua calls them, with a first
 * argument for `self` (nil): `t["then"](t, function(_, value) ... end)`; `andThen` calls them as
 * Lua promise libraries do: `t:andThen(function(value) ... end)`. Callbacks run in a task of
 * their own, never before the method returns (Promises/A+ 2.2.4).
 *
 * Whatever a future adopts (a callback's return value, a promise's settlement value, awaitAny's
 * argument) goes through the Promises/A+ resolution procedure (2.3), `resolveWith` below.
 */
import { describe, raise, raiseAtCaller, raiseValue, tooManyArguments } from "../core/errors";
import {
    awaitValue,
    cancellationPoint,
    failParked,
    isTask,
    joinWait,
    newParkedTask,
    newTask,
    runningTask,
    startTask,
    wakeParked,
} from "../core/kernel";
import { DEAD, FAILED, Owner, PENDING, Slot, TaskRecord, Wait, taskMethods } from "../core/task";
import { callingAddon } from "../wow/callers";
import type { Future, Task } from "./types";

type Callback = (this: void, self: undefined, value: unknown) => unknown;
type LuaCallback = (this: void, ...values: unknown[]) => unknown;
type Then = (this: void, x: object, resolvePromise: unknown, rejectPromise: unknown) => unknown;

function indexThen(x: { then?: unknown }): unknown {
    return x.then;
}

/**
 * `x.then`, read once (A+ 2.3.3.1: a getter may answer differently each time, so the value read
 * is the one called); a read that raises (an __index getter) raises its error (2.3.3.2).
 */
function readThen(x: object): unknown {
    const [ok, then] = pcall(indexThen, x);
    if (!ok) {
        raiseValue(then, 0);
    }
    return then;
}

/** Whether `list` (a self argument) is an array holding `callback`. */
function holds(list: unknown[], callback: unknown): boolean {
    for (const i of $range(1, list.length)) {
        if (rawget(list, i) === callback) {
            return true;
        }
    }
    return false;
}

/**
 * The value a thenable settled with, from what it called `callback` with. Two conventions meet
 * here: TypeScriptToLua calls a callback with a `self` argument first, `cb(nil, value)` (or, a
 * Promise settling later, `cb(callbacks, value)` with the list of callbacks holding it), while a
 * Lua promise library calls `onFulfilled(value)`. Two arguments whose first is nil or a table
 * holding `callback` are the first kind: the value is the second. Anything else is the second
 * kind: the value is the first. (Ambiguous, and read as the first kind: a Lua library settling
 * with nil plus one extra value.)
 */
function settlementValue(callback: unknown, n: number, first?: unknown, second?: unknown): unknown {
    if (n === 2 && (first === undefined || (type(first) === "table" && holds(first as unknown[], callback)))) {
        return second;
    }
    return first;
}

interface PromiseWait extends Wait {
    settled: boolean;
}

function detachPromise(wait: Wait): void {
    (wait as PromiseWait).settled = true; // a promise cannot be unsubscribed from: its callbacks now do nothing
}

/**
 * Calls `then` (`x`'s, read once) as `x:then(resolvePromise, rejectPromise)` (A+ 2.3.3.3): a
 * task parked until the first call of either, later calls ignored (2.3.3.3.3). It fails with
 * the reason rejectPromise gets, or with what `then` raised before either was called (a raise
 * after a call is ignored: 2.3.3.3.4). Woken by resolvePromise(y), it runs `body(wait)`, by
 * default returning y as it is.
 */
function callThen(x: object, then: unknown, body?: (this: void, wait: Wait) => unknown): TaskRecord {
    const wait: PromiseWait = { what: "a promise", kind: "promise", settled: false, detach: detachPromise } as unknown as PromiseWait;
    const task = body !== undefined ? newParkedTask(wait, undefined, body, wait) : newParkedTask(wait, undefined);
    const resolvePromise = (...args: unknown[]) => {
        if (!wait.settled) {
            wait.settled = true;
            wakeParked(wait, settlementValue(resolvePromise, select("#", ...args), ...args));
        }
    };
    const rejectPromise = (...args: unknown[]) => {
        if (!wait.settled) {
            wait.settled = true;
            failParked(wait, settlementValue(rejectPromise, select("#", ...args), ...args), "");
        }
    };
    const [ok, err] = pcall(then as Then, x, resolvePromise, rejectPromise);
    if (!ok && !wait.settled) {
        wait.settled = true;
        failParked(wait, err, "");
    }
    return task;
}

/** A dead task's values. */
function valuesOf(task: TaskRecord): LuaMultiReturn<unknown[]> {
    return unpack(task as unknown as unknown[], Slot.FirstResult, Slot.FirstResult + (task[Slot.ResultCount] as number) - 1);
}

/**
 * The Promises/A+ resolution procedure (2.3), run in the task being settled with `x`: the values
 * it settles with, or the reason it is rejected with raised.
 *   - 2.3.1: `x` is that task itself: an AwaitCycle error (the counterpart of a TypeError).
 *   - 2.3.2: a future adopts its state: its values, or its error. Its first value, when a
 *     future or a thenable, is resolved in turn (a future is a promise resolved with what its
 *     function returns, as a JavaScript async function's is).
 *   - 2.3.3: a table: its `then` read once (a raising read rejects); a function is called with
 *     `x` as self and resolvePromise/rejectPromise (see callThen); resolvePromise(y) resolves
 *     with y in turn (2.3.3.3.1); any other `then` fulfils with `x` (2.3.3.4).
 *   - 2.3.4: any other value fulfils as it is.
 */
function resolveWith(x: unknown): LuaMultiReturn<unknown[]> {
    while (true) {
        if (type(x) !== "table") {
            return $multi(x);
        }
        if (isTask(x)) {
            if (x === runningTask()) {
                raise("AwaitCycle", "AsyncAwait: a future cannot be resolved with itself (a callback returned its own future)");
            }
            awaitValue(x);
            const first = (x[Slot.ResultCount] as number) > 0 ? x[Slot.FirstResult] : undefined;
            if (type(first) !== "table") {
                return valuesOf(x);
            }
            if (isTask(first)) {
                x = first;
            } else {
                const then = readThen(first as object);
                if (type(then) !== "function") {
                    return valuesOf(x);
                }
                const [y] = awaitValue(callThen(first as object, then));
                x = y;
            }
        } else {
            const then = readThen(x as object);
            if (type(then) !== "function") {
                return $multi(x);
            }
            const [y] = awaitValue(callThen(x as object, then));
            x = y;
        }
    }
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
    if (source[Slot.ResultCount] === FAILED) {
        source.observed = true;
        return false;
    }
    return true;
}

/** A dead task's first value (a promise settles with one). */
function firstValue(source: TaskRecord): unknown {
    return (source[Slot.ResultCount] as number) > 0 ? source[Slot.FirstResult] : undefined;
}

/** The body of a then-future: waits for `source`, then calls the callback its outcome calls for. */
function settleThen(source: TaskRecord, onFulfilled: unknown, onRejected: unknown): LuaMultiReturn<unknown[]> {
    if (!settled(source, "then(onFulfilled, onRejected)")) {
        if (type(onRejected) === "function") {
            return resolveWith((onRejected as Callback)(undefined, source.error));
        }
        raiseValue(source.error, 0);
    }
    if (type(onFulfilled) === "function") {
        return resolveWith((onFulfilled as Callback)(undefined, firstValue(source)));
    }
    return $multi(firstValue(source));
}

/** The body of an andThen-future: as settleThen, with Lua's callback convention and all the values. */
function settleAndThen(source: TaskRecord, onFulfilled: unknown, onRejected: unknown): LuaMultiReturn<unknown[]> {
    if (!settled(source, "andThen(onFulfilled, onRejected)")) {
        if (type(onRejected) === "function") {
            return resolveWith((onRejected as LuaCallback)(source.error));
        }
        raiseValue(source.error, 0);
    }
    if (type(onFulfilled) === "function") {
        return resolveWith((onFulfilled as LuaCallback)(...valuesOf(source)));
    }
    return valuesOf(source);
}

/**
 * A task continuing `source`, attributed to the addon whose code chains it (the running task's),
 * or else to `source`'s: its callbacks are that addon's code, and that addon's cancelAll ends it.
 */
function continuation(source: TaskRecord, body: (this: void, ...args: any[]) => unknown, a?: unknown, b?: unknown): Future {
    // Handled from now on, even if it fails before the continuation runs (later in the same
    // run, or in a later frame under the budget): its error is the continuation's to take or
    // pass on, and an unhandled one is reported once, at the end of the chain.
    source.observed = true;
    const running = runningTask();
    const owner = (running !== undefined ? running[Slot.Owner] : source[Slot.Owner]) as Owner;
    const task = newTask(PENDING, owner, body, source, a, b);
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
 * returns (resolved: a future or promise returned is awaited); without that callback, of the
 * outcome itself. Callbacks are called `onFulfilled(nil, value)`, as TypeScriptToLua calls them.
 */
function thenMethod(source: Task, onFulfilled?: unknown, onRejected?: unknown): Future {
    checkSource("then(onFulfilled, onRejected)", source);
    return continuation(source as unknown as TaskRecord, settleThen, onFulfilled, onRejected);
}

/**
 * `task:andThen(onFulfilled, onRejected)`: `then` for Lua authors, its callbacks called
 * `onFulfilled(...)` with the task's values and `onRejected(err)`, as Lua promise libraries call
 * theirs. `task:andThen(nil, onRejected)` is Lua's `catch`.
 */
function andThenMethod(source: Task, onFulfilled?: unknown, onRejected?: unknown): Future {
    checkSource("andThen(onFulfilled, onRejected)", source);
    return continuation(source as unknown as TaskRecord, settleAndThen, onFulfilled, onRejected);
}

/** `task:catch(onRejected)`: `task:then(nil, onRejected)`. */
function catchMethod(source: Task, onRejected?: unknown): Future {
    checkSource("catch(onRejected)", source);
    return continuation(source as unknown as TaskRecord, settleThen, undefined, onRejected);
}

function settleFinally(source: TaskRecord, onFinally: unknown): unknown {
    const fulfilled = settled(source, "finally(onFinally)");
    if (type(onFinally) === "function") {
        resolveWith((onFinally as (this: void, self: undefined) => unknown)(undefined)); // it may wait; its value is dropped
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

/** Gives every task its promise methods (boot). */
export function installPromiseMethods(): void {
    taskMethods.set("then", thenMethod);
    taskMethods.set("andThen", andThenMethod);
    taskMethods.set("catch", catchMethod);
    taskMethods.set("finally", finallyMethod);
    // What a TypeScriptToLua Promise calls on a promise it adopts (the plugin makes it adopt tasks).
    taskMethods.set("addCallbacks", thenMethod);
}

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
        thenMethod(
            future,
            (_self: undefined, value: unknown) => resolve(value as T),
            (_self: undefined, reason: unknown) => reject(reason),
        );
    });
}

/**
 * A future of a promise-like's outcome (a table with a `then` method, such as a
 * TypeScriptToLua `Promise` or a Lua promise library's): its value (resolved in turn when it is
 * a promise or a future), or its rejection reason raised. `then` is read once and called at
 * once; the future wakes when the promise settles (no polling). Cancelling the future stops
 * waiting; the promise goes on.
 *
 * The callbacks it passes tell the two calling conventions apart by their arguments: exactly
 * two, the first nil (or the list of callbacks a TypeScriptToLua Promise calls them from), is
 * TypeScriptToLua's `cb(nil, value)`: the value is the second; anything else is a Lua
 * library's `onFulfilled(value, ...)`: the value is the first. Ambiguous: a Lua library settling
 * with nil and one extra value settles the future with that extra value.
 *
 * ```lua
 * local value = AsyncAwait.await(AsyncAwait.fromPromise(somePromise))
 * ```
 */
export function fromPromise<T>(promise: PromiseLike<T>, ...extra: unknown[]): Future<T> {
    if (type(promise) !== "table" || isTask(promise)) {
        raiseAtCaller(`AsyncAwait: fromPromise(promise): expected a promise (a table with a then method), got ${describe(promise)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("fromPromise(promise)", 1, 1 + select("#", ...extra)));
    }
    const [ok, then] = pcall(indexThen, promise);
    if (!ok) {
        // Reading `then` raised (a getter): a future rejected with that error (A+ 2.3.3.2).
        const task = newTask(PENDING, undefined, raiseValue, then, 0);
        startTask(task);
        return task as unknown as Future<T>;
    }
    if (type(then) !== "function") {
        raiseAtCaller(
            `AsyncAwait: fromPromise(promise): expected a promise (a table with a then method), got a table whose then is ${describe(then)}`,
        );
    }
    return callThen(promise, then, settlePromise) as unknown as Future<T>;
}

/** The body of a fromPromise future, once the promise called resolvePromise(y): y, resolved. */
function settlePromise(wait: Wait): LuaMultiReturn<unknown[]> {
    return resolveWith(wait.values![1]);
}

/**
 * Inside a task: a future's values or a promise-like's value, awaited (resolved as Promises/A+
 * 2.3 says); any other value as it is (JavaScript's `await`). What the TypeScript plugin compiles
 * `await x` to.
 *
 * ```lua
 * local data = AsyncAwait.awaitAny(maybeAPromise)
 * ```
 */
function awaitAnyValue(value: unknown, ...extra: unknown[]): LuaMultiReturn<unknown[]> {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("awaitAny(value)", 1, 1 + select("#", ...extra)));
    }
    cancellationPoint(); // an await, even of a plain value
    return resolveWith(value);
}

/** awaitAny, typed as TypeScript types `await value`. */
export const awaitAny = awaitAnyValue as <T>(this: void, value: T) => Awaited<T>;

/** A fromCallback wait: whether resolve or reject was called, the failure, the onCancel handlers. */
interface CallbackWait extends Wait {
    settled: boolean;
    failed: boolean;
    reason: unknown;
    onCancel: ((this: void, reason: unknown) => void)[] | undefined;
}

/** A fromCallback future's task cancelled while waiting: its onCancel handlers run, once each. */
function detachCallback(wait: Wait, reason: unknown): void {
    const w = wait as CallbackWait;
    w.settled = true; // resolve and reject do nothing from now on
    const handlers = w.onCancel;
    w.onCancel = undefined;
    if (handlers !== undefined) {
        for (const handler of handlers) {
            handler(reason);
        }
    }
}

/** The body of a fromCallback future, once settled: the values resolve got (one value resolved), or reject's reason raised. */
function settleCallback(wait: CallbackWait): LuaMultiReturn<unknown[]> {
    if (wait.failed) {
        raiseValue(wait.reason, 0);
    }
    const values = wait.values!;
    if (values.n === 1) {
        return resolveWith(values[1]);
    }
    return unpack(values as unknown as unknown[], 1, values.n);
}

/**
 * fromCallback, for `owner`'s tasks (a forAddon handle's variant). The settling runs in the
 * future's task, after fromCallback has returned: a reject or a raise in `starter` is judged
 * unhandled at the end of that run, when the caller has had the future (as JavaScript judges a
 * promise rejected in its executor).
 */
export function fromCallbackFor<T>(owner: Owner | undefined, starter: unknown, ...extra: unknown[]): Future<T> {
    if (type(starter) !== "function") {
        raiseAtCaller(`AsyncAwait: fromCallback(starter): expected a function (resolve, reject, onCancel), got ${describe(starter)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("fromCallback(starter)", 1, 1 + select("#", ...extra)));
    }
    const wait = {
        what: "fromCallback(starter)",
        kind: "callback",
        settled: false,
        failed: false,
        detach: detachCallback,
    } as unknown as CallbackWait;
    const task = newParkedTask(wait, owner, settleCallback, wait);
    const resolve = (...values: unknown[]): void => {
        if (!wait.settled) {
            wait.settled = true;
            wait.onCancel = undefined;
            wakeParked(wait, ...values);
        }
    };
    const reject = (reason?: unknown): void => {
        if (!wait.settled) {
            wait.settled = true;
            wait.onCancel = undefined;
            wait.failed = true;
            wait.reason = reason;
            wakeParked(wait);
        }
    };
    const onCancel = (handler: unknown): void => {
        if (type(handler) !== "function") {
            raiseAtCaller(`AsyncAwait: fromCallback's onCancel(handler): expected a function, got ${describe(handler)}`);
        }
        if (task[Slot.State] === DEAD) {
            if ((task as unknown as Task).cancelled) {
                (handler as (this: void, reason: unknown) => void)(task.error);
            }
        } else if (!wait.settled) {
            wait.onCancel ??= [];
            wait.onCancel.push(handler as (this: void, reason: unknown) => void);
        }
    };
    const [ok, err] = pcall(starter as (this: void, ...args: unknown[]) => void, resolve, reject, onCancel);
    if (!ok) {
        reject(err); // ignored if resolve or reject came first, as a throw after either is
    }
    return task as unknown as Future<T>;
}

/**
 * A future of a callback-style API's outcome, as JavaScript's `new Promise(executor)` makes a
 * promise. `starter(resolve, reject, onCancel)` runs at once, inside this call. The first call of
 * `resolve(...)` or `reject(reason)` settles the future: the values `resolve` got (one value, a
 * future or a promise-like, is adopted as Promises/A+ says), or `reason` as its error; later
 * calls do nothing. An error `starter` raises before either fails the future with it. A handler
 * given to `onCancel` runs, with the cancellation, if the future is cancelled before it settles.
 *
 * ```lua
 * local loaded = AsyncAwait.fromCallback(function(resolve) item:ContinueOnItemLoad(resolve) end)
 * AsyncAwait.await(loaded)
 * ```
 */
export function fromCallback<T = unknown>(
    starter: (
        this: void,
        resolve: (this: void, value?: T | PromiseLike<T>) => void,
        reject: (this: void, reason?: unknown) => void,
        onCancel: (this: void, handler: (this: void, reason: unknown) => void) => void,
    ) => void,
    ...extra: unknown[]
): Future<T> {
    return fromCallbackFor(callingAddon(), starter, ...extra); // a tail call: errors name the caller's line
}
