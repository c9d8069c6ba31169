/** @noSelfInFile */
/**
 * One scheduler for every copy of the library: the handover between copies.
 *
 * Each addon may embed its own copy; LibStub keeps the newest. A newer copy, registering, calls
 * `older.retire(newer)`. The older copy hands its state over at once (`newer.takeOver(state)`),
 * or, when a run is under way (the newer copy was loaded from inside a task), as soon as that
 * run ends; meanwhile `newer.forwardTo(older)` makes the newer copy forward its calls to the
 * older one, which still owns the state. After the handover the older copy forwards every call
 * to the newer one, so functions an addon cached from it keep working.
 *
 * The entry points are the functions copies call on each other, by name, in both directions.
 * They are a contract between versions: names are only ever added, and a copy keeps answering
 * the names older copies call (0.1.x's setters, below). The whole list is `entries`, at the end.
 */
import { cancelTask } from "../core/cancel";
import { deferCleanup } from "../core/cleanup";
import { eagerState, startNow } from "../core/eager";
import { openGate } from "../core/gates";
import { protectedCall } from "../core/protect";
import { hasQueued, ownedTasks, ownerList, snapshot } from "../core/introspect";
import {
    atRest,
    awaitValue,
    failParked,
    forwardingTo,
    isTask,
    joinWait,
    newTask,
    park,
    retiredTo,
    runBudget,
    runningTask,
    schedule,
    scheduleAll,
    startTask,
    wakeParked,
    wrapAsync,
    yieldTurn,
} from "../core/kernel";
import { awaitHandover, awaitTask, completeNew, finish, forwardCalls, handOver, loadState, startNew } from "../core/lifecycle";
import type { AnyFunction, Entries } from "../core/types";
import { Settings, configure, editState, nowInCharge, ownerNamed, sleepDriver } from "../core/settings";
import { raiseAtCaller } from "../core/errors";
import type { CoreState } from "../core/state";
import { wholeState } from "../core/wholeState";
import { Owner, PENDING, Wait } from "../core/task";
import { UNRECORDED_MINOR, upgradeCoreState } from "./upgrade";
import { withGlueEntries } from "../wow/driver";
import { VERSION } from "../version";

/**
 * Hands this copy over to `next` (a newer copy's entries): now, or once the run under way ends.
 * A copy still forwarding to an older one passes the retirement on: `next` takes over from
 * that older copy directly, and this one forwards to `next` from now on.
 */
function retire(next: Entries): void {
    const newer = retiredTo();
    if (newer !== undefined) {
        return newer.retire(next);
    }
    const older = forwardingTo();
    if (older !== undefined) {
        forwardCalls(next, true);
        older.retire(next);
    } else if (atRest()) {
        handOver(next);
    } else {
        awaitHandover(next);
        next.forwardTo(entries);
    }
}

/** Forwards every call to `older` (a copy finishing its run before it hands over), or stops. */
function forwardTo(older: Entries | undefined): void {
    forwardCalls(older === undefined ? undefined : complete(older), false);
}

/** Takes over an older copy's state, upgrades it, and runs it from now on. */
function takeOver(old: CoreState): void {
    // Fields the older copy did not have keep this copy's fresh defaults (see upgradeCoreState).
    for (const [key, value] of pairs(old)) {
        (wholeState as unknown as LuaTable<string, unknown>).set(key as string, value);
    }
    upgradeCoreState(wholeState, old.minor ?? UNRECORDED_MINOR);
    loadState();
    forwardCalls(undefined, false);
    nowInCharge();
}

function noMetatables(): LuaMultiReturn<[undefined, undefined]> {
    return $multi(undefined, undefined);
}

/** The shared task and error metatables of the state this copy runs, or the copy it forwards to runs. */
function metatables(): LuaMultiReturn<[object | undefined, object | undefined]> {
    const older = forwardingTo();
    if (older !== undefined) {
        return older.metatables();
    }
    return $multi(wholeState.taskMeta, wholeState.errorMeta);
}

/**
 * Forwards every call to `running`, an equal or newer copy that ran first (this copy registered
 * after it), and takes its metatables: the errors this copy still makes itself (a cancellation
 * before it is passed on, say) are then of that copy's kinds, and tasks are tasks to both.
 */
export function deferTo(running: Entries): void {
    forwardCalls(running, true);
    if (running.metatables !== undefined) {
        const [taskMeta, errorMeta] = running.metatables();
        if (taskMeta !== undefined && errorMeta !== undefined) {
            editState((s) => {
                s.taskMeta = taskMeta as never;
                s.errorMeta = errorMeta as never;
            });
        }
    }
}

/** A new task started as `older` starts one: inside the call if it can, else queued. */
function startAsOlder(older: Entries): Entries["startNew"] {
    const start = (older as Partial<Entries>).startNow ?? older.startTask;
    return (owner: Owner, fn: AnyFunction, ...args: unknown[]) => {
        const task = older.newTask(PENDING, owner, fn, ...args);
        start(task);
        return task;
    };
}

/** Adapters for entry points an older copy lacks, while this copy forwards to it. */
const olderAdapters: { [name: string]: (older: Entries) => AnyFunction } = {
    // An older copy finishing its run, without startNow: its tasks start queued.
    startNow: (older) => older.startTask,
    // Without startNew: a new task started as that copy starts one.
    startNew: (older) => startAsOlder(older),
    // Without completeNew: as startNew (the body ends in the call where that copy starts tasks so).
    completeNew: (older) => (older as Partial<Entries>).startNew ?? startAsOlder(older),
    awaitTask: (older) => older.awaitValue,
    eagerState: () => () => ({ depth: 0 }),
    // Before 0.3, a copy finishing its run: its metatables are not shared (see deferTo).
    metatables: () => noMetatables,
    // 0.1.x wakes a task whose callback raised with nothing; failing it waits for the takeover.
    failParked: (older) => (wait: Wait) => older.wakeParked(wait),
    configure: (older) => (settings: Settings) => {
        if (settings.poolMax !== undefined) {
            older.setPoolMax(settings.poolMax);
        }
        if (settings.traceCreation !== undefined) {
            older.setTraceCreation(settings.traceCreation);
        }
        if (settings.reporter !== undefined) {
            older.setReporter(settings.reporter);
        }
        if (settings.tracer !== undefined) {
            older.setTracer(settings.tracer);
        }
    },
};

/** `older`'s entries, with every name this copy has: adapted where it can be, else an error. */
function complete(older: Entries): Entries {
    const table = new LuaTable<string, AnyFunction>();
    for (const [name] of pairs(entries as unknown as LuaTable<string, AnyFunction>)) {
        const own = (older as unknown as LuaTable<string, AnyFunction | undefined>).get(name);
        const adapt = olderAdapters[name];
        table.set(name, own ?? (adapt !== undefined ? adapt(older) : unavailable(name)));
    }
    return table as unknown as Entries;
}

function unavailable(name: string): AnyFunction {
    return () =>
        raiseAtCaller(
            `AsyncAwait ${VERSION}: ${name} cannot run until the older copy loaded before it finishes its run (after this frame)`,
        );
}

/**
 * This copy's entry points: the one list (the compiler checks it against Entries, whose types
 * each module declares beside its functions), and the client glue's, which a retired copy's
 * glue functions forward to (src/wow/driver.ts: one per wait kind of its KINDS, and the
 * driver's and timers'). Names are only ever added: older copies call them.
 */
export const entries: Entries = withGlueEntries({
    // The scheduler (hot path) and its settings.
    awaitValue,
    configure,
    failParked,
    finish,
    isTask,
    joinWait,
    newTask,
    ownerNamed,
    park,
    runBudget,
    runningTask,
    schedule,
    scheduleAll,
    sleepDriver,
    startTask,
    wakeParked,
    wrapAsync,
    yieldTurn,
    // Starts inside the caller (the TypeScript plugin's async functions).
    awaitTask,
    completeNew,
    eagerState,
    startNew,
    startNow,
    // Control: cancellation, cleanup, combinators.
    cancelTask,
    deferCleanup,
    openGate,
    protectedCall,
    // Introspection.
    hasQueued,
    ownedTasks,
    ownerList,
    snapshot,
    // The handover itself.
    retire,
    forwardTo,
    takeOver,
    metatables,
    // Called by 0.1.x, which had one setter per setting where this copy has configure.
    setPoolMax,
    setReporter,
    setTraceCreation,
    setTracer,
});

function setPoolMax(max: number): void {
    configure({ poolMax: max });
}
function setReporter(reporter: Settings["reporter"]): void {
    configure({ reporter });
}
function setTraceCreation(on: boolean): void {
    configure({ traceCreation: on });
}
function setTracer(tracer: Settings["tracer"]): void {
    configure({ tracer });
}

/** This module's entry points (see Entries). */
declare module "../core/types" {
    interface Entries {
        retire: typeof retire;
        forwardTo: typeof forwardTo;
        takeOver: typeof takeOver;
        metatables: typeof metatables;
        setPoolMax: typeof setPoolMax;
        setReporter: typeof setReporter;
        setTraceCreation: typeof setTraceCreation;
        setTracer: typeof setTracer;
    }
}
