/** @noSelfInFile */
/**
 * Time bounds, on the sleep kind's timers: `delay` (a call later, as a task), `timeout` (a
 * future's outcome, or TimedOut), and the optional timeout of the waits (withTimeout).
 */
import { describe, isFiniteNumber, raiseAtCaller, runtimeError, tooManyArguments } from "../core/errors";
import { Gate, counted, openGate, settleGate, settleGateAs } from "../core/gates";
import { isTask, newParkedTask, wakeParked } from "../core/kernel";
import { Owner, PENDING, Slot, TaskRecord } from "../core/task";
import type { AnyFunction } from "../core/types";
import type { Future } from "../core/types";
import { callingAddon } from "./callers";
import { DriverHooks, TimedWait, newerGlue } from "./kinds";
import { TimerWait, newTimer } from "./waits/sleep";

/** @transient per copy: this copy's driver hooks, bound at start */
let driver: DriverHooks;

/** Takes the driver's hooks (driver.ts, when it starts). */
export function bindTimers(hooks: DriverHooks): void {
    driver = hooks;
}

/** Whether `seconds` is a valid duration (a finite number >= 0). */
export function isDuration(seconds: unknown): seconds is number {
    return isFiniteNumber(seconds) && seconds >= 0;
}

interface BoundTimer extends TimerWait {
    bound: TimedWait;
}

/** The timer of a bounded wait fired first: the wait's task is woken to raise TimedOut. */
function boundTimedOut(timer: TimerWait): void {
    const wait = (timer as BoundTimer).bound;
    if (wait.task === undefined || wait.timer !== timer) {
        return; // woken already
    }
    wait.timer = undefined;
    wait.timedOut = true;
    wakeParked(wait);
    driver.detach(wait); // no longer waits for its event, condition...
}

/** Bounds `wait` (not attached yet) by `seconds`: once they pass, the wait raises TimedOut (see kinds.ts). */
export function withTimeout<W extends { timer?: unknown }>(wait: W, seconds: number, call: string): W {
    const bounded = wait as unknown as TimedWait;
    const timer = newTimer(`timeout of ${call}`, seconds) as BoundTimer;
    timer.fire = boundTimedOut;
    timer.bound = bounded;
    bounded.timer = timer;
    bounded.call = call;
    bounded.seconds = seconds;
    return wait;
}

function doNothing(): void {
    // a delay without a function resolves with no values
}

/**
 * A task that calls `fn(...)` once `seconds` have passed (at the start of the first frame whose
 * GetTime() reaches the deadline), and its future; without `fn`, a future that resolves then.
 * Inside a task too it returns the future at once: await it to wait. Cancelling it before then
 * releases its timer.
 *
 * ```lua
 * local later = AsyncAwait.delay(5, print, "five seconds later")
 * AsyncAwait.cancel(later) -- changed our mind
 * ```
 */
export function delay<A extends unknown[], R>(seconds: number, fn?: (this: void, ...args: A) => R, ...args: A): Future<R> {
    return delayFor(callingAddon(), seconds, fn as AnyFunction | undefined, ...(args as unknown[])) as unknown as Future<R>;
}

/** `delay` for an addon's handle (see forAddon): the task is attributed to `owner`. */
export function delayFor(owner: Owner | undefined, seconds: number, fn?: AnyFunction, ...args: unknown[]): TaskRecord {
    const newer = newerGlue();
    if (newer) {
        return newer.delayFor(owner, seconds, fn, ...args);
    }
    if (!isDuration(seconds)) {
        raiseAtCaller(`AsyncAwait: delay(seconds, fn, ...): expected a finite number >= 0, got ${describe(seconds)}`);
    }
    if (fn !== undefined && type(fn) !== "function") {
        raiseAtCaller(`AsyncAwait: delay(seconds, fn, ...): expected a function or nil as fn, got ${describe(fn)}`);
    }
    const timer = newTimer(`delay(${seconds})`, seconds);
    const task = newParkedTask(timer, owner, fn ?? doNothing, ...args);
    driver.attach(timer);
    return task;
}

interface TimeoutTimer extends TimerWait {
    gate: Gate;
}

function timeoutFired(timer: TimerWait): void {
    const gate = (timer as TimeoutTimer).gate;
    gate.timer = undefined;
    const seconds = (gate as Gate & { seconds: number }).seconds;
    settleGate(gate, "timed out", true, runtimeError("TimedOut", `AsyncAwait: timeout(future, seconds): timed out after ${seconds} s`));
}

function timeoutRule(gate: Gate, input: TaskRecord): void {
    if (counted(gate, input)) {
        settleGateAs(gate, undefined, input);
    }
}

/**
 * A future of `future`'s outcome if it settles within `seconds`, else of a TimedOut error; then
 * `future` is cancelled unless another task or combinator waits for it.
 *
 * ```lua
 * local ok, err = AsyncAwait.pcall(AsyncAwait.await, AsyncAwait.timeout(fetch(), 2))
 * if not ok and AsyncAwait.errorKind(err) == "TimedOut" then print("no answer in 2 s") end
 * ```
 */
export function timeout<R>(future: Future<R>, seconds: number, ...extra: unknown[]): Future<R> {
    const newer = newerGlue();
    if (newer) {
        return newer.timeout(future, seconds, ...extra);
    }
    if (!isTask(future)) {
        raiseAtCaller(`AsyncAwait: timeout(future, seconds): expected a future, got ${describe(future)}`);
    }
    if ((future as TaskRecord)[Slot.State] === PENDING) {
        raiseAtCaller("AsyncAwait: timeout(future, seconds): the task is pending; start it with startTask(task) first");
    }
    if (!isDuration(seconds)) {
        raiseAtCaller(`AsyncAwait: timeout(future, seconds): expected a finite number >= 0 as seconds, got ${describe(seconds)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("timeout(future, seconds)", 2, 2 + select("#", ...extra)));
    }
    const [task, gate] = openGate("timeout", [future], 1, timeoutRule, `timeout(${seconds})`);
    if (!gate.settled) {
        (gate as Gate & { seconds: number }).seconds = seconds;
        const timer = newTimer(`timeout(${seconds})`, seconds) as TimeoutTimer;
        timer.fire = timeoutFired;
        timer.gate = gate;
        gate.timer = timer;
        driver.attach(timer);
    }
    return task as unknown as Future<R>;
}

/** This module's entry points (see Entries). */
declare module "../core/types" {
    interface Entries {
        delayFor: typeof delayFor;
        timeout: typeof timeout;
    }
}
