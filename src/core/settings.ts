/** @noSelfInFile */
/**
 * Cold changes to the state the scheduler owns or caches in its locals: settings, the driver
 * going to sleep, new owners. editState is the one way to make them: it writes the locals back
 * (syncState), edits the state, reads it back (loadState), instead of a setter per local.
 */
import { forwardingTo, loadState, retiredTo, syncState } from "./scheduler";
import { CoreState, Reporter, coreState, Tracer, addOwner } from "./state";
import { wholeState } from "./wholeState";
import type { Owner, TaskRecord, Wait } from "./task";

/** What configure can set, each optional. */
export interface Settings {
    /** Most idle worker coroutines kept (default 256, ~1.3 KB each). */
    poolMax?: number;
    /** Record where each task is created (a traceback per task). */
    traceCreation?: boolean;
    /** Receives failed tasks no one awaited. */
    reporter?: Reporter;
    /** Takes a coroutine's traceback, where Lua's debug.traceback is missing. */
    tracer?: Tracer;
    /** Registers a wait once its task has parked on it. */
    onPark?: (wait: Wait) => void;
    /** Releases a wait whose task was cancelled. */
    onDetach?: (wait: Wait) => void;
    /** Slices from this long (ms) are reported once per task; false: never. */
    longSliceMs?: number | false;
    /** Receives those reports. */
    onLongSlice?: (task: TaskRecord, ms: number) => void;
}

/** Changes the settings given; the others stay. */
export function configure(settings: Settings): void {
    const next = forwardingTo();
    if (next) {
        return next.configure(settings);
    }
    editState((s) => {
        s.poolMax = settings.poolMax ?? s.poolMax;
        s.traceCreation = settings.traceCreation ?? s.traceCreation;
        s.reporter = settings.reporter ?? s.reporter;
        s.tracer = settings.tracer ?? s.tracer;
        s.onPark = settings.onPark ?? s.onPark;
        s.onDetach = settings.onDetach ?? s.onDetach;
        s.longSliceMs = settings.longSliceMs ?? s.longSliceMs;
        s.onLongSlice = settings.onLongSlice ?? s.onLongSlice;
    });
}

/**
 * Changes what the scheduler owns or caches: writes its locals back, runs `edit` on the whole
 * state, reads the locals again. A change made any other way is lost at the next sync.
 */
export function editState(edit: (s: CoreState) => void): void {
    syncState();
    edit(wholeState);
    loadState();
}

/** The whole state, read-only, with what the scheduler owns written back first. */
export function syncedState(): Readonly<CoreState> {
    syncState();
    return wholeState;
}

/**
 * The frame driver goes to sleep: the next queued task calls `hook` (and marks the driver
 * awake again), so an idle driver costs one flag test per queued task.
 */
export function sleepDriver(hook: () => void): void {
    const next = forwardingTo();
    if (next) {
        return next.sleepDriver(hook);
    }
    editState((s) => {
        s.onWork = hook;
        s.awake = false;
    });
}

/** The owner record for an addon name, created on first use. */
export function ownerNamed(name: string): Owner {
    const next = forwardingTo();
    if (next) {
        return next.ownerNamed(name);
    }
    let owner = coreState.ownersByName.get(name);
    if (owner === undefined) {
        let added!: Owner;
        editState((s) => {
            added = addOwner(s, name);
        });
        owner = added;
    }
    return owner;
}

/**
 * Functions waiting for this copy to run the state (see whenInCharge).
 * @transient per copy: what this copy applies once it takes over
 */
let inCharge: (() => void)[] = [];

/**
 * Calls `hook` once this copy runs the state: now, or when the older copy it forwards to
 * hands over. For settings that must reach the state this copy will run (the reporter...).
 */
export function whenInCharge(hook: () => void): void {
    if (forwardingTo() !== undefined && retiredTo() === undefined) {
        inCharge.push(hook);
    } else {
        hook();
    }
}

/** Runs the hooks whenInCharge kept: this copy has just taken over the state. */
export function nowInCharge(): void {
    const hooks = inCharge;
    inCharge = [];
    for (const hook of hooks) {
        hook();
    }
}

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        configure: typeof configure;
        ownerNamed: typeof ownerNamed;
        sleepDriver: typeof sleepDriver;
    }
}
