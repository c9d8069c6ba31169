/** @noSelfInFile */
/**
 * The core state that outlives one copy of the library. When a newer copy takes over, it
 * receives this table (the older copy's `exportState`), upgrades it in place (upgrade.ts) and
 * runs it from then on. Cold modules (forced completion, unhandled errors, introspection) read
 * and write their fields here directly; the fields the run loop touches are cached in the
 * scheduler's locals while this copy runs, and written back (scheduler.ts: syncState) before
 * anyone else reads them.
 *
 * What a copy hands over is a contract between versions: fields are added, and an upgrade step
 * keyed on the older copy's minor converts what changed (upgrade.ts). Transient run state
 * (the running task, forced completions under way) is never handed over: a handover happens
 * only between runs.
 */
import type { AnyFunction, LuaArray } from "./types";
import { Owner, TaskRecord, Wait, Watcher, makeOwner } from "./task";

/** One of the slowest slices (slices.ts): no task reference, so a finished task is not kept alive. */
export interface SliceRecord {
    ms: number;
    owner: string;
    /** Where the task's async function was made, or its creation stack's first line. */
    where: string;
}

/** Sentinels workers yield to the scheduler; shared by every copy, compared by identity. */
export interface Signal {
    readonly signal: string;
}
export interface Signals {
    YIELD: Signal;
    SUSPEND: Signal;
    PARK: Signal;
    IDLE: Signal;
    RETIRED: Signal;
}

export type Reporter = (task: TaskRecord) => void;
/** A coroutine's traceback, or the running code's when `thread` is undefined. */
export type Tracer = (thread: LuaThread | undefined, message?: string, level?: number) => string;

/** Starts inside the caller under way (eager.ts). */
export interface EagerState {
    depth: number;
}

export interface CoreState {
    /** The LibStub minor of the copy whose code last ran this state. */
    minor: number;
    /** Owners in round-robin order, by name, their count; the one served; the default one. */
    owners: LuaArray<Owner>;
    ownerCount: number;
    ownersByName: LuaTable<string, Owner>;
    serving: Owner;
    defaultOwner: Owner;
    /** Tasks created and not yet dead; of those, created and not started. */
    live: number;
    pendingCount: number;
    /** The most idle worker coroutines kept for reuse. */
    poolMax: number;
    /** Whether tasks record where they were created (a traceback per task). */
    traceCreation: boolean;
    /** False while the frame driver sleeps; the next queued task then calls onWork. */
    awake: boolean;
    onWork: (() => void) | undefined;
    /** Registers a wait once its task has parked on it (the client glue's wait kinds). */
    onPark: ((wait: Wait) => void) | undefined;
    /** Releases a wait whose task was cancelled (the client glue's wait kinds). */
    onDetach: ((wait: Wait) => void) | undefined;
    /** Async wrapper → body (weak), so `await(asyncFn, ...)` can call the body directly. */
    asyncBodies: LuaTable<AnyFunction, AnyFunction>;
    /** Body → where async() made it ("file:line", weak keys), for unhandled-error reports. */
    madeAt: LuaTable<AnyFunction, string>;
    /** The metatable of every task record (task.ts) and of runtime errors (errors.ts). */
    taskMeta: LuaMetatable<TaskRecord>;
    errorMeta: LuaMetatable<object>;
    signals: Signals;
    /** Receives failed tasks no one awaited (the client glue reports them). */
    reporter: Reporter | undefined;
    /** Takes a coroutine's traceback (debug.traceback, or the client's debugstack). */
    tracer: Tracer;
    /** The await chain a forced completion walks (forced.ts): an explicit stack. */
    chain: LuaArray<TaskRecord | undefined>;
    chainTop: number;
    /** Slices from this long (ms) are reported, once per task; false: never (slices.ts). */
    longSliceMs: number | false;
    onLongSlice: ((task: TaskRecord, ms: number) => void) | undefined;
    /** The slowest slices noted, slowest first (slices.ts). */
    slowest: LuaArray<SliceRecord | undefined>;
    /** Failed tasks no one was waiting for, to report unless awaited first (unhandled.ts). */
    unobserved: LuaArray<TaskRecord | undefined>;
    unobservedLen: number;
    /**
     * Task → the watcher holding its deferred cleanups (cleanup.ts, weak keys): handed over, so a
     * cleanup registered under a newer copy joins the same list and still runs first.
     */
    cleanups: LuaTable<TaskRecord, Watcher>;
    /** Starts inside the caller under way (eager.ts). */
    eager: EagerState;
}

/** This copy's core state: filled by upgrade.ts, replaced field by field on a takeover. */
export const S = {} as CoreState;

/** Registers a new owner (addon) in `s`, last in round-robin order. */
export function addOwner(s: CoreState, name: string): Owner {
    s.ownerCount += 1;
    const owner = makeOwner(name, s.ownerCount);
    s.owners[s.ownerCount] = owner;
    s.ownersByName.set(name, owner);
    return owner;
}
