/** @noSelfInFile */
/**
 * Starting a task inside the call that creates it, as JavaScript starts an async function: its
 * body runs now, nested in the caller (a task or plain code), up to its first suspension (an
 * await of something unfinished, a wait, a yield), and the task then carries on from the
 * scheduler's queue under the frame budget like any other. What the TypeScript plugin's async
 * functions and try blocks use; the Lua API's `async` queues its tasks instead.
 *
 * The nested run is part of the caller's: its time counts in the caller's slice, a yield in it
 * only ends the nested task's run, and the worker that ran it goes on to no other task. An
 * error it fails with is reported, if no one handles it, at the end of the run under way, or
 * (outside any run) at the end of the next one: not before the caller has had the future back.
 *
 * Each nested run is a nested coroutine resume, and Lua 5.1 allows about 200 of them: past
 * EagerLimit.MaxDepth nested starts, a task is queued as `startTask` queues it.
 */
import { raiseAtCaller } from "./errors";
import type { Entries } from "./types";
import { EagerState, coreState } from "./state";
import { PENDING, Slot, TaskRecord } from "./task";

/** Nested starts allowed at once (each a coroutine resume: Lua 5.1 stops at about 200). */
export const enum EagerLimit {
    MaxDepth = 64,
}

/** @transient per copy: this copy's scheduler primitives, given at boot (lifecycle.ts: installSchedulerHooks) */
let runNested: (task: TaskRecord) => void;
/** @transient per copy, as runNested */
let startTask: (task: TaskRecord) => void;
/**
 * The copy the scheduler forwards every call to, if any (kept here by forwardStarts: lifecycle.ts).
 * @transient per copy: which copy this one forwards to
 */
let forwardTarget: Entries | undefined;

export function useEagerScheduler(run: typeof runNested, start: typeof startTask): void {
    runNested = run;
    startTask = start;
}

/** The scheduler starts or stops forwarding its calls to `next`. */
export function forwardStarts(next: Entries | undefined): void {
    forwardTarget = next;
}

/**
 * Starts a pending task (newTask's, createTask's) now: runs its body until it first suspends,
 * yields or ends (see the top of this file). Past EagerLimit.MaxDepth nested starts, queues it.
 */
export function startNow(task: TaskRecord): void {
    if (forwardTarget) {
        return forwardTarget.startNow(task);
    }
    if (task[Slot.State] !== PENDING) {
        raiseAtCaller(`AsyncAwait: startNow(task): the task was already started (state "${tostring(task[Slot.State])}")`);
    }
    const eager = coreState.eager;
    if (eager.depth >= EagerLimit.MaxDepth) {
        return startTask(task);
    }
    eager.depth += 1;
    runNested(task);
    eager.depth -= 1;
}

/**
 * The starts under way, as a table the plugin reads on its awaits: JavaScript's first await
 * always returns to the caller, so an await that would not suspend yields while `depth` > 0.
 * Part of the state every copy hands over: a table cached from any copy stays the live one.
 */
export function eagerState(): EagerState {
    if (forwardTarget) {
        return forwardTarget.eagerState();
    }
    return coreState.eager;
}

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        eagerState: typeof eagerState;
        startNow: typeof startNow;
    }
}
