/** @noSelfInFile */
/**
 * The core state that outlives one copy of the library. When a newer copy takes over, it
 * receives this table, upgrades it in place (src/versions/upgrade.ts) and runs it from then on.
 * Who writes which field is in the types: the scheduler owns some (its locals, written back by
 * syncState), caches others (read into its locals by loadState), and cold modules own the rest.
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

/**
 * What the scheduler owns: its locals are the truth while this copy runs, and syncState()
 * writes them back here. Cold code reads these only through syncedState() (settings.ts), which
 * writes them back first, and changes them only through editState().
 */
export interface SchedulerOwned {
    /** The owner being served (its queue positions too are the scheduler's: storeServing). */
    serving: Owner;
    /** Tasks created and not yet dead; of those, created and not started. */
    live: number;
    pendingCount: number;
    /** False while the frame driver sleeps; the next queued task then calls onWork. */
    awake: boolean;
}

/**
 * What the scheduler caches: loadState() reads these into its locals, so a plain write is lost
 * at the next syncState(). Cold code reads them here and changes them only through editState().
 */
export interface SchedulerCached {
    /** Owners in round-robin order, their count; the default one. */
    owners: LuaArray<Owner>;
    ownerCount: number;
    defaultOwner: Owner;
    /** The most idle worker coroutines kept for reuse. */
    poolMax: number;
    /** Whether tasks record where they were created (a traceback per task). */
    traceCreation: boolean;
    onWork: (() => void) | undefined;
    /**
     * Registers a wait once its task has parked on it (the client glue's wait kinds): cached, as
     * every park calls it. Its twin onDetach is cold (only cancellation calls it).
     */
    onPark: ((wait: Wait) => void) | undefined;
    /** Async wrapper → body (weak), so `await(asyncFn, ...)` can call the body directly. */
    asyncBodies: LuaTable<AnyFunction, AnyFunction>;
    /** The metatable of every task record (task.ts). */
    taskMeta: LuaMetatable<TaskRecord>;
    /** Takes a coroutine's traceback (debug.traceback, or the client's debugstack). */
    tracer: Tracer;
    signals: Signals;
    /** Slices from this long (ms) are reported, once per task; false: never (slices.ts). */
    longSliceMs: number | false;
}

/** What only cold code uses: here alone, read and written directly. */
export interface ColdOwned {
    /** The LibStub minor of the copy whose code last ran this state. */
    minor: number;
    /** Owners by name. */
    ownersByName: LuaTable<string, Owner>;
    /** Releases a wait whose task was cancelled (the client glue's wait kinds). */
    onDetach: ((wait: Wait) => void) | undefined;
    /** Body → where async() made it ("file:line", weak keys), for unhandled-error reports. */
    madeAt: LuaTable<AnyFunction, string>;
    /** The metatable of runtime errors (errors.ts). */
    errorMeta: LuaMetatable<object>;
    /** Receives failed tasks no one awaited (the client glue reports them). */
    reporter: Reporter | undefined;
    /** The await chain a forced completion walks (forced.ts): an explicit stack. */
    chain: LuaArray<TaskRecord | undefined>;
    chainTop: number;
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

/** The whole state a copy hands over: one flat table (its layout is the contract between versions). */
export interface CoreState extends SchedulerOwned, SchedulerCached, ColdOwned {}

/**
 * The state as cold modules see it: what the scheduler caches, read-only, and what they own.
 * What the scheduler owns is not in it (read it with syncedState()).
 */
export type ColdView = Readonly<SchedulerCached> & ColdOwned;

/**
 * This copy's core state: filled by the upgrade steps at boot, replaced field by field on a
 * takeover. Cold modules read it through this view; the writable whole is wholeState.ts's.
 * @handedOver CoreState (the table itself: a newer copy takes it over)
 */
export const coreState: ColdView = {} as CoreState;

/** Registers a new owner (addon) in `s`, last in round-robin order. */
export function addOwner(s: CoreState, name: string): Owner {
    s.ownerCount += 1;
    const owner = makeOwner(name, s.ownerCount);
    s.owners[s.ownerCount] = owner;
    s.ownersByName.set(name, owner);
    return owner;
}
