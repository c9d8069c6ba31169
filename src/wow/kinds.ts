/** @noSelfInFile */
/**
 * Wait kinds: the extension point for what a task can wait for outside the scheduler (time,
 * frames, events, conditions, combat...). This module declares what a kind is and what the
 * driver offers it, and the helpers kinds share; it knows no kind. Each kind is one module in
 * src/wow/waits/ that owns its fields of the glue state, attaches a wait once its task has
 * parked (so a park that fails leaves nothing behind), says how many waiters it holds and when
 * it next needs a frame, wakes what is due, and can detach a waiter. The driver (driver.ts)
 * loops over its KINDS for its per-frame work, its events and its idle test; the glue state's
 * layout (state.ts) and the glue's entry points (Entries) are made from that list; /asyncawait
 * counts the tasks waiting on each. Kinds that keep their waits in a list swept at each frame
 * or at one event are made by listKind (listkind.ts).
 *
 * User callbacks a kind runs (predicates, filters) run guarded: an error fails the waiting task
 * with the original value and a traceback, and is never taken as a result.
 *
 * A kind's fields of the glue state keep their names across versions: functions an addon
 * cached from an older copy still read and write them (see src/wow/state.ts).
 */
import { forwardingTo, newParkedTask, newTask, park, retiredTo, runningTask, startTask } from "../core/kernel";
import type { AnyFunction, Entries } from "../core/types";
import { PENDING, TaskRecord, Wait } from "../core/task";
import { currentTrace } from "../core/trace";
import { callerPosition, raiseValue, runtimeError } from "../core/errors";

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

/**
 * A wait kind: `State` is its fields of the glue state, `KindEntries` its entry points (the
 * wait functions a retired copy's glue forwards to, by name).
 * @noSelf
 */
export interface WaitKind<State = any, KindEntries = object> {
    /** What waits of this kind carry in `kind`. */
    readonly name: string;
    /** How /asyncawait names the tasks waiting on it: "sleeping", "waiting for events"... */
    readonly label: string;
    /** Its entry points, by name: part of every copy's Entries (src/versions/handover.ts). */
    readonly entries: KindEntries;
    /** Takes the (shared, possibly upgraded) glue state: fills this kind's fields' defaults. */
    bind(state: State, driver: DriverHooks): void;
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

/** A union's members, intersected. */
type Together<U> = (U extends unknown ? (member: U) => void : never) extends (member: infer I) => void ? I : never;

/** The glue state's fields of the kinds `K` (a union of kinds): every kind's State. */
export type StateOf<K> = Together<K extends WaitKind<infer State, any> ? State : never>;

/** The entry points of the kinds `K` (a union of kinds): every kind's entries. */
export type EntriesOf<K> = Together<K extends WaitKind<any, infer KindEntries> ? KindEntries : never>;

/** The newer copy's entry points once this copy is retired (this copy's wait functions forward there), else undefined. */
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

/** @transient the handler below sets it, the xpcall that called it reads it at once */
let lastTrace = "";

/** An xpcall handler for user callbacks: keeps the traceback (tracebackKept) and the error value unchanged. */
export function keepTrace(err: unknown): unknown {
    lastTrace = currentTrace();
    return err;
}

/** The traceback keepTrace kept last. */
export function tracebackKept(): string {
    return lastTrace;
}

/** Calls a user callback guarded: true and its first value, or false, its error value unchanged and a traceback. */
export function guarded(callback: (this: void) => unknown): LuaMultiReturn<[boolean, unknown, string]> {
    const [ok, value] = xpcall(callback, keepTrace);
    return $multi(ok, value, ok ? "" : lastTrace);
}
