/** @noSelfInFile */
/**
 * The public functions on tasks, with their documentation. Each checks its input and raises at
 * the caller's line (raiseAtCaller), naming the call and what it got. The hot ones (`await`,
 * `yield`, the functions `async` returns) are the core's own functions, published under their
 * public names without a wrapper call.
 */
import {
    ErrorKind,
    callerPosition,
    describe,
    errorKind as kindOf,
    isFiniteNumber,
    raise,
    raiseAtCaller,
    tooManyArguments,
} from "../core/errors";
import { positionOf } from "../core/trace";
import { callingAddon } from "../wow/callers";
import {
    awaitValue as coreAwait,
    isTask,
    joinWait,
    newTask,
    schedule as coreSchedule,
    scheduleAll as coreScheduleAll,
    startTask as coreStart,
    wrapAsync,
    yieldTurn as coreYield,
} from "../core/kernel";
import { configure } from "../core/settings";
import { DEAD, Owner, PENDING, Slot, TaskRecord, TaskState } from "../core/task";
import type { AnyFunction } from "../core/types";
import type { Await, AsyncFunction, Task } from "./types";

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
export function async<A extends unknown[], R>(
    fn: (this: void, ...args: A) => R,
    origin?: string,
    ...extra: unknown[]
): AsyncFunction<A, R> {
    return asyncFor(callingAddon(), fn, origin, ...extra) as AsyncFunction<A, R>;
}

/**
 * `async` for an addon's handle (see forAddon): its tasks are attributed to `owner`. `origin`
 * says where `fn` is defined, for reports, where the Lua line would mislead (the TypeScript
 * plugin passes the .ts file and line).
 */
export function asyncFor(owner: Owner | undefined, fn: AnyFunction, origin?: string, ...extra: unknown[]): AnyFunction {
    if (type(fn) !== "function") {
        raiseAtCaller(`AsyncAwait: async(fn): expected a function, got ${describe(fn)}`);
    }
    if (origin !== undefined && type(origin) !== "string") {
        raiseAtCaller(`AsyncAwait: async(fn, origin): expected a string as origin, got ${describe(origin)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("async(fn, origin)", 2, 2 + select("#", ...extra)));
    }
    return wrapAsync(fn, owner, positionOf(origin !== undefined ? `${origin}: ` : callerPosition(2)));
}

/**
 * Returns the values of a task once it is dead (all of them, nils included), or re-raises its
 * error value unchanged. Inside a task, suspends it until then; outside any task (plain code or
 * a coroutine the scheduler does not own), runs the task to completion right here, with every
 * task it awaits. `await(asyncFn, ...)` instead calls the async function's body directly.
 *
 * ```lua
 * local values = AsyncAwait.await(future)
 * local ok, err = pcall(AsyncAwait.await, failingFuture) -- false, the original error value
 * ```
 */
export const awaitValue = coreAwait as unknown as Await;

/**
 * Inside a task, gives up the rest of this turn: the task goes to the back of the run queue.
 * Outside tasks, and while a task is being completed synchronously, it does nothing.
 */
export const yieldTurn: () => void = coreYield;

/**
 * Runs the oldest runnable task until it yields, suspends or finishes.
 * Returns true if it ran one, false if nothing was runnable.
 */
export function schedule(...extra: unknown[]): boolean {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("schedule()", 0, select("#", ...extra), select(1, ...extra)[0]));
    }
    return coreSchedule();
}

/** Runs tasks until none is runnable, including tasks created meanwhile. */
export function scheduleAll(...extra: unknown[]): void {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("scheduleAll()", 0, select("#", ...extra), select(1, ...extra)[0]));
    }
    coreScheduleAll();
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
    return createTaskFor(callingAddon(), fn, ...(args as unknown[])) as unknown as Task<R>;
}

/** `createTask` for an addon's handle (see forAddon). */
export function createTaskFor(owner: Owner | undefined, fn: AnyFunction, ...args: unknown[]): Task {
    if (type(fn) !== "function") {
        raiseAtCaller(`AsyncAwait: createTask(fn, ...): expected a function, got ${describe(fn)}`);
    }
    return newTask(PENDING, owner, fn, ...args) as unknown as Task;
}

/**
 * Makes a pending task runnable (queued). A cancelled task stays as it is (one cancelled while
 * pending never runs: cancel's contract); any other task already started raises.
 */
export function startTask(task: Task, ...extra: unknown[]): void {
    if (!isTask(task)) {
        raiseAtCaller(`AsyncAwait: startTask(task): expected a task, got ${describe(task)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("startTask(task)", 1, 1 + select("#", ...extra)));
    }
    const state = task[Slot.State] as TaskState;
    if (state === DEAD && (task as unknown as Task & { cancelled: boolean }).cancelled) {
        return; // cancelled (a pending one never starts): nothing left to start
    }
    if (state !== PENDING) {
        raiseAtCaller(`AsyncAwait: startTask(task): the task was already started (state "${state}")`);
    }
    coreStart(task);
}

/**
 * Waits until a started task is dead, like `await` but without returning its values or raising
 * its error (read `task.result` and `task.error`).
 */
export function joinTask(task: Task, ...extra: unknown[]): void {
    if (!isTask(task)) {
        raiseAtCaller(`AsyncAwait: joinTask(task): expected a task, got ${describe(task)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("joinTask(task)", 1, 1 + select("#", ...extra)));
    }
    const record: TaskRecord = task;
    if (record[Slot.State] === PENDING) {
        raiseAtCaller("AsyncAwait: joinTask(task): the task is pending; start it with startTask(task) first");
    }
    const problem = joinWait(record);
    if (problem !== undefined) {
        raise(problem.kind, `AsyncAwait: joinTask(task): ${problem.message}`);
    }
}

/**
 * Records where each task is created (a traceback per task, shown with unhandled errors).
 * Costs a traceback per task: for debugging.
 */
export function traceCreation(on: boolean, ...extra: unknown[]): void {
    if (type(on) !== "boolean") {
        raiseAtCaller(`AsyncAwait: traceCreation(on): expected true or false, got ${describe(on)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("traceCreation(on)", 1, 1 + select("#", ...extra)));
    }
    configure({ traceCreation: on });
}

/**
 * Reports each task's first slice of `ms` milliseconds or more — the time it ran under the frame
 * driver without waiting or yielding — once, through the error handler, with its addon and
 * where its async function was made. `false` turns the reports off. Default: 50 ms (the client
 * stops a script that runs about 200 ms; `yield()` in long loops). `/asyncawait` lists the
 * slowest slices either way.
 *
 * ```lua
 * AsyncAwait.reportLongSlices(20)
 * ```
 */
export function reportLongSlices(ms: number | false, ...extra: unknown[]): void {
    if (ms !== false && (!isFiniteNumber(ms) || ms <= 0)) {
        raiseAtCaller(`AsyncAwait: reportLongSlices(ms): expected a finite number > 0 or false, got ${describe(ms)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("reportLongSlices(ms)", 1, 1 + select("#", ...extra)));
    }
    configure({ longSliceMs: ms });
}

/**
 * The kind of an error AsyncAwait raised at run time — "AwaitCycle", "WouldBlock" (a forced
 * await of a task that waits for time, an event or this code), "DirectYield" (a task called
 * coroutine.yield) — or nil for any other value, such as errors your own code raised.
 *
 * ```lua
 * local ok, err = pcall(AsyncAwait.await, task)
 * if not ok and AsyncAwait.errorKind(err) == "WouldBlock" then print("it waits: await it inside a task") end
 * ```
 */
export function errorKind(err: unknown, ...extra: unknown[]): ErrorKind | undefined {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("errorKind(err)", 1, 1 + select("#", ...extra)));
    }
    return kindOf(err);
}
