/** @noSelfInFile */
/**
 * Wait kinds: the extension point for what a task can wait for outside the scheduler (time,
 * frames, events, conditions, combat...). Each kind is one module in src/wow/waits/ that owns
 * its part of the glue state, attaches a wait once its task has parked (so a park that fails
 * leaves nothing behind), says how many waiters it holds and when it next needs a frame, wakes
 * what is due, and can detach a waiter. The driver (driver.ts) loops over the kinds for its
 * per-frame work, its events and its idle test; /asyncawait counts the tasks waiting on each.
 * A new kind is one file, plus its line in the driver's KINDS.
 *
 * User callbacks a kind runs (predicates, filters) run guarded: an error fails the waiting task
 * with the original value and a traceback, and is never taken as a result.
 *
 * A kind's fields of the glue state keep their names across versions: functions an addon
 * cached from an older copy still read and write them (see src/wow/state.ts).
 */
import { forwardingTo, newParkedTask, newTask, park, retiredTo, runningTask, startTask } from "../core/kernel";
import type { AnyFunction, Entries, LuaArray } from "../core/types";
import { PENDING, TaskRecord, Wait } from "../core/task";
import { currentTrace } from "../core/trace";
import { callerPosition, raiseValue, runtimeError } from "../core/errors";
import type { WowState } from "./state";

/**
 * How far a time may fall short of a deadline and still count as reaching it: GetTime() sums
 * frame durations, and a C_Timer set for a deadline can fire on a frame whose sum lands a hair
 * below it. Without this, such a wait would resume a frame late.
 */
export const TIME_TOLERANCE = 1e-6;

/**
 * What a kind may ask of the driver.
 * @noSelf
 */
export interface DriverHooks {
    /** A waiter was attached that needs a frame at GetTime() `due` (0: the next frame). */
    wantFrame(due: number): void;
    /** Whether the client knows `event` (its RegisterEvent raises for one it does not). */
    knowsEvent(event: string): boolean;
    /** Registers `event` on the driver's frame (check knowsEvent first). */
    listen(event: string): void;
    /** Unregisters `event` unless another kind (or the driver) still listens to it. */
    unlisten(event: string): void;
    /** Attaches a wait to its kind (and its timer, if it has one). */
    attach(wait: Wait): void;
    /** Detaches a wait from its kind (and its timer, if it has one). */
    detach(wait: Wait): void;
}

/** @noSelf */
export interface WaitKind {
    /** What waits of this kind carry in `kind`. */
    readonly name: string;
    /** How /asyncawait names the tasks waiting on it: "sleeping", "waiting for events"... */
    readonly label: string;
    /** Takes the (shared, possibly upgraded) glue state: fills this kind's fields' defaults. */
    bind(state: WowState, driver: DriverHooks): void;
    /** Registers a wait whose task has parked on it. */
    attach(wait: Wait): void;
    /** How many waiters it holds. */
    count(): number;
    /** When it next needs a frame: 0 for the next one, a GetTime() deadline, or undefined (never). */
    nextDue(): number | undefined;
    /** At the start of a frame, before tasks run: wakes what is due at GetTime() `now`. */
    onFrame?(now: number): void;
    /** An event the driver's frame received. */
    onEvent?(event: string, ...payload: unknown[]): void;
    /** Whether it needs `event` registered on the frame. */
    listensTo?(event: string): boolean;
    /** Removes a waiter that was not woken, releasing what it holds (timer entry, event...). */
    detach(wait: Wait): void;
    /** Calls `visit` with each wait it holds (cancelAll finds parked tasks this way). */
    each(visit: (this: void, wait: Wait) => void): void;
}

/** The newer copy's glue once this copy is retired, else undefined. */
export function newerGlue(): Entries | undefined {
    return retiredTo();
}

/** A future doing `fn(...)` as a task (queued now). */
export function asFuture(fn: AnyFunction, ...args: unknown[]): TaskRecord {
    const task = newTask(PENDING, undefined, fn, ...args);
    startTask(task);
    return task;
}

/**
 * Waits for `wait`. Inside a task, parks it: the wait's kind attaches the wait once the task has
 * parked, and this returns the values it is woken with. Outside any task, attaches the wait now
 * and returns the future of a task parked on it, which once woken returns the wait's values, or
 * runs `then(...)` when given.
 */
export function waitOn(wait: Wait, driver: DriverHooks, then?: AnyFunction, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    if (runningTask() !== undefined) {
        if (forwardingTo() !== undefined) {
            driver.attach(wait); // an older copy runs the scheduler until its run ends: it attaches nothing
        }
        if (wait.timer !== undefined) {
            return afterTimed(wait as TimedWait, driver, ...park(wait));
        }
        return park(wait);
    }
    const task =
        wait.timer !== undefined
            ? newParkedTask(wait, undefined, timedThen, wait, driver, then, ...args)
            : newParkedTask(wait, undefined, then, ...args);
    driver.attach(wait);
    return $multi(task);
}

/** A wait bounded by a timer (src/wow/timers.ts: withTimeout). */
export interface TimedWait extends Wait {
    /** Set when the timer fired first: the wait raises TimedOut. */
    timedOut?: boolean;
    /** The call and the seconds, for the TimedOut message. */
    call: string;
    seconds: number;
}

/** A bounded wait returned: raises TimedOut if the timer fired first, else releases the timer. */
function afterTimed(wait: TimedWait, driver: DriverHooks, ...values: unknown[]): LuaMultiReturn<unknown[]> {
    if (wait.timedOut) {
        raiseValue(runtimeError("TimedOut", `${callerPosition(3)}AsyncAwait: ${wait.call}: timed out after ${wait.seconds} s`));
    }
    const timer = wait.timer;
    if (timer !== undefined) {
        wait.timer = undefined;
        driver.detach(timer);
    }
    return $multi(...values);
}

/** The body of a task parked on a bounded wait outside any task. */
function timedThen(wait: TimedWait, driver: DriverHooks, then: AnyFunction | undefined, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    if (wait.timedOut) {
        raiseValue(runtimeError("TimedOut", `AsyncAwait: ${wait.call}: timed out after ${wait.seconds} s`));
    }
    const timer = wait.timer;
    if (timer !== undefined) {
        wait.timer = undefined;
        driver.detach(timer);
    }
    if (then !== undefined) {
        return then(...args);
    }
    const values = wait.values!;
    return unpack(values as unknown as unknown[], 1, values.n);
}

/**
 * waitOn for waits that return one value (or none): typed so, TSTL returns the call's values as
 * they are rather than packing them into a table.
 */
export const waitOnValue = waitOn as unknown as (wait: Wait, driver: DriverHooks, then?: AnyFunction, ...args: unknown[]) => unknown;

let lastTrace = "";

function keepTrace(err: unknown): unknown {
    lastTrace = currentTrace();
    return err;
}

/** Calls a user callback guarded: true and its first value, or false, its error value unchanged and a traceback. */
export function guarded(callback: (this: void) => unknown): LuaMultiReturn<[boolean, unknown, string]> {
    const [ok, value] = xpcall(callback, keepTrace);
    return $multi(ok, value, ok ? "" : lastTrace);
}

/** Calls `visit` with each wait in `list[1..len]`. */
export function eachIn(list: LuaArray<Wait | undefined>, len: number, visit: (this: void, wait: Wait) => void): void {
    for (const i of $range(1, len)) {
        visit(list[i] as Wait);
    }
}

/** Removes `wait` from `list[1..len]`, keeping the others' order; returns the new length. */
export function removeWait(list: LuaArray<Wait | undefined>, len: number, wait: Wait): number {
    for (const i of $range(1, len)) {
        if (list[i] === wait) {
            for (const j of $range(i, len - 1)) {
                list[j] = list[j + 1];
            }
            list[len] = undefined;
            return len - 1;
        }
    }
    return len;
}
