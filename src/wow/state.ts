/** @noSelfInFile */
/**
 * The client glue's state: one table on the library (`lib._state.wow`) that every copy of the
 * library uses as it is, never copies: the driver's frame and settings, and each wait kind's
 * fields. None of it is touched per resume, so it can live in a table.
 *
 * Its layout is a contract between versions. Functions an addon cached from an older copy that
 * does not forward them (0.1.x's waits) still read and write these fields by name, so fields
 * are only added and keep their meaning. Each part fills its own fields' defaults when a copy
 * binds the table (the driver's in driver.ts, each kind's in its bind): a field a newer version
 * added has its default after an upgrade.
 */
import type { CombatState } from "./waits/combat";
import type { EventState } from "./waits/event";
import type { FrameState } from "./waits/nextFrame";
import type { SleepState } from "./waits/sleep";
import type { UntilState } from "./waits/until";
import type { RestrictionState } from "./waits/restriction";
import type { SourceMapState } from "./sourcemaps";
import type { LuaArray } from "../core/types";
import type { WowFrame } from "./client";

/** How much of each frame tasks may use: fixed milliseconds, or a fraction of the last frame. */
export interface Budget {
    ms?: number;
    fraction: number;
    min: number;
    max: number;
    /** The most per frame in combat inside an instance. */
    instanceCombatMs: number;
}

/** The driver's fields. */
export interface DriverState {
    frame?: WowFrame;
    budget: Budget;
    /** The previous frame's duration in ms. */
    lastFrameMs: number;
    /** Ring of the last frames' task time and budget, in ms. */
    recentSpent: LuaArray<number>;
    recentBudget: LuaArray<number>;
    recentPos: number;
    /** Whether the OnUpdate driver runs (false while there is nothing to do). */
    running: boolean;
    /** The deadline a wake-up C_Timer is set for while the driver sleeps (0: none). */
    wakeAt: number;
    /** Task time event passes used in the current frame, in ms (charged to its budget). */
    eventSpent: number;
    /** Whether a frame has run since the client loaded (event passes before it are not charged). */
    inWorld: boolean;
    /** Events the client is known to have (true) or lack (false). */
    knownEvents: LuaTable<string, boolean>;
}

export type WowState = DriverState & SleepState & FrameState & UntilState & EventState & CombatState & RestrictionState & SourceMapState;

export const RECENT_FRAMES = 60;
