/** @noSelfInFile */
/**
 * Cold changes to the state the scheduler caches in its locals: settings, the driver going to
 * sleep, new owners. Each writes the locals back (syncState), edits the state, reads it back
 * (loadState): one mechanism instead of a setter per local.
 */
import { forwardingTo, loadState, retiredTo, syncState } from "./scheduler";
import { Reporter, S, Tracer, addOwner } from "./state";
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
    syncState();
    S.poolMax = settings.poolMax ?? S.poolMax;
    S.traceCreation = settings.traceCreation ?? S.traceCreation;
    S.reporter = settings.reporter ?? S.reporter;
    S.tracer = settings.tracer ?? S.tracer;
    S.onPark = settings.onPark ?? S.onPark;
    S.onDetach = settings.onDetach ?? S.onDetach;
    S.longSliceMs = settings.longSliceMs ?? S.longSliceMs;
    S.onLongSlice = settings.onLongSlice ?? S.onLongSlice;
    loadState();
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
    syncState();
    S.onWork = hook;
    S.awake = false;
    loadState();
}

/** The owner record for an addon name, created on first use. */
export function ownerNamed(name: string): Owner {
    const next = forwardingTo();
    if (next) {
        return next.ownerNamed(name);
    }
    let owner = S.ownersByName.get(name);
    if (owner === undefined) {
        syncState();
        owner = addOwner(S, name);
        loadState();
    }
    return owner;
}

/** Functions waiting for this copy to run the state (see whenInCharge). */
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
