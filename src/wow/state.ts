/**
 * The client glue's state: timers, event and per-frame waiters, the frame and its settings.
 * None of it is touched per resume, so it lives in one table that a newer copy of the library
 * simply keeps (lib state survives upgrades; see src/lib/register.ts).
 */
import type { LuaArray } from "../core/scheduler";
import type { Wait } from "../core/task";

/** A task sleeping until GetTime() reaches `due`; `seq` orders equal deadlines. */
export interface TimerWait extends Wait {
    due: number;
    seq: number;
}

/** A task waiting for an event, optionally only for payloads that pass `filter`. */
export interface EventWait extends Wait {
    event: string;
    filter?: (this: void, ...payload: unknown[]) => unknown;
}

/** A task waiting until `predicate()` is truthy (checked once per frame). */
export interface PredicateWait extends Wait {
    predicate: (this: void) => unknown;
}

/** How much of each frame tasks may use: fixed milliseconds, or a fraction of the last frame. */
export interface Budget {
    ms?: number;
    fraction: number;
    min: number;
    max: number;
}

export interface WowState {
    frame?: WowFrame;
    /** Binary min-heap of sleeping tasks by (due, seq). */
    heap: LuaArray<TimerWait | undefined>;
    heapLen: number;
    seq: number;
    /** The deadline a wake-up C_Timer is set for while the driver sleeps (0: none). */
    wakeAt: number;
    /** Tasks waiting for the next frame, and for conditions. */
    frameWaits: LuaArray<Wait | undefined>;
    frameWaitsLen: number;
    predicates: LuaArray<PredicateWait | undefined>;
    predicatesLen: number;
    /** Event → its waiters in the order they began to wait. */
    events: LuaTable<string, EventWait[]>;
    budget: Budget;
    /** The previous frame's duration in ms. */
    lastFrameMs: number;
    /** Ring of the last frames' task time and budget, in ms. */
    recentSpent: LuaArray<number>;
    recentBudget: LuaArray<number>;
    recentPos: number;
    /** Whether the OnUpdate driver runs (false while there is nothing to do). */
    running: boolean;
}

export const RECENT_FRAMES = 60;

export function createWowState(this: void): WowState {
    return {
        heap: {},
        heapLen: 0,
        seq: 0,
        wakeAt: 0,
        frameWaits: {},
        frameWaitsLen: 0,
        predicates: {},
        predicatesLen: 0,
        events: new LuaTable(),
        budget: { fraction: 0.2, min: 1, max: 8 },
        lastFrameMs: 1000 / 60,
        recentSpent: {},
        recentBudget: {},
        recentPos: 0,
        running: false,
    };
}
