/** @noSelfInFile */
/**
 * Wait kinds: the extension point for what a task can wait for outside the scheduler (time,
 * frames, events, conditions, combat...). Each kind is one module in src/wow/waits/ that owns
 * its part of the glue state, says how many waiters it holds and when it next needs a frame,
 * wakes what is due, and can detach a waiter. The driver (driver.ts) loops over the kinds for
 * its per-frame work, its events and its idle test; /asyncawait counts waiters per kind.
 * A new kind is one file, plus its line in the driver's KINDS.
 *
 * A kind's fields of the glue state keep their names across versions: functions an addon
 * cached from an older copy still read and write them (see src/lib/register.ts).
 */
import { newTask, retiredTo, startTask } from "../core/scheduler";
import type { LuaArray } from "../core/state";
import { PENDING, TaskRecord, Wait } from "../core/task";
import type { WowState } from "./state";
import type { detachWait, setBudget } from "./driver";
import type { outOfCombat } from "./waits/combat";
import type { waitForEvent } from "./waits/event";
import type { nextFrame } from "./waits/nextFrame";
import type { sleep } from "./waits/sleep";
import type { waitUntil } from "./waits/until";

/**
 * What a kind may ask of the driver.
 * @noSelf
 */
export interface DriverHooks {
    /** A waiter was added that needs a frame at GetTime() `due` (0: the next frame). */
    wantFrame(due: number): void;
    /** Registers `event` on the driver's frame (it raises for an event the client lacks). */
    listen(event: string): void;
    /** Unregisters `event` unless another kind still listens to it. */
    unlisten(event: string): void;
}

/** @noSelf */
export interface WaitKind {
    /** What waits of this kind carry in `kind`. */
    readonly name: string;
    /** How /asyncawait counts its waiters: "sleeping", "waiting for events"... */
    readonly label: string;
    /** Takes the (shared, possibly upgraded) glue state: fills this kind's fields' defaults. */
    bind(state: WowState, driver: DriverHooks): void;
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
}

/** The glue's entry points, which a retired copy's glue functions forward to (see handover.ts). */
export interface GlueEntries {
    sleep: typeof sleep;
    nextFrame: typeof nextFrame;
    waitForEvent: typeof waitForEvent;
    waitUntil: typeof waitUntil;
    outOfCombat: typeof outOfCombat;
    setBudget: typeof setBudget;
    detachWait: typeof detachWait;
}

/** The newer copy's glue once this copy is retired, else undefined. */
export function newerGlue(): GlueEntries | undefined {
    return retiredTo() as GlueEntries | undefined;
}

/** A future doing `fn(...)` as a task: what the waits return when called outside tasks. */
export function asFuture(fn: (...args: any[]) => unknown, ...args: unknown[]): LuaMultiReturn<[TaskRecord]> {
    const task = newTask(PENDING, undefined, fn, ...args);
    startTask(task);
    return $multi(task);
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
