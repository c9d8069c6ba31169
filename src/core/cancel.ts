/** @noSelfInFile */
/**
 * Cancellation, the cold side: ending a task that has not finished, wherever it is.
 *
 * A pending or queued task ends at once and never runs. A suspended one is first detached from
 * what it waits for (a wait kind's registration, a gate's inputs, the task it awaits), then
 * ends. A running one cannot be stopped from outside its body: it ends at its next suspension
 * point, or at a yield, await or wait that would not have to suspend (cancellationPoint): while
 * any is asked, the scheduler ends every run in endedWhileAsked (scheduler.ts), which then calls
 * `honorCancelRequests` (given by requestCancels). It ends dead with a
 * Cancelled error, which its awaiters receive; it is never reported as unhandled.
 *
 * Consumer counting, as roblox-lua-promise does it: a cancelled task's awaited task, or a
 * cancelled gate's inputs, are cancelled too when no other task or gate waits for them. A
 * task's deferred cleanup is not a consumer. Chains are walked with an explicit stack, so a
 * 20000-deep await chain cancels without deep recursion.
 */
import { RuntimeError, runtimeError } from "./errors";
import { endTask, forwardingTo, requestCancels } from "./scheduler";
import { coreState } from "./state";
import type { LuaArray } from "./types";
import { DEAD, RUNNING, SUSPENDED, Slot, TaskRecord, Wait } from "./task";
import { hasConsumer, removeWaiter } from "./waiters";

/** The error a cancelled task ends with; `reason` is what cancel() was given. */
export interface Cancellation extends RuntimeError {
    readonly reason?: unknown;
}

/** A cancellation error, with `reason` in its message when there is one. */
export function cancellation(reason: unknown): Cancellation {
    const message = reason === undefined ? "AsyncAwait: cancelled" : `AsyncAwait: cancelled: ${tostring(reason)}`;
    const err = runtimeError("Cancelled", message) as Cancellation & { reason?: unknown };
    err.reason = reason;
    return err;
}

/**
 * Tasks to cancel, an explicit stack shared by nested calls (a cleanup may cancel), each above its base.
 * @transient empty between calls: a handover happens between runs
 */
const work: LuaArray<TaskRecord | undefined> = {};
/** @transient work's top, 0 between calls */
let top = 0;

/**
 * Running tasks asked to cancel; each keeps the error it will end with in its record
 * (`cancelRequest`).
 * @transient a handover happens between runs, when no task runs, and the end of every run
 * honours the requests of tasks that stopped running
 */
let asked: TaskRecord[] = [];

/**
 * Cancels `task` with `err`, and the tasks only it waits for. Deferred cleanups and gates run as
 * each task ends; they may cancel more (a nested call works above this one's part of the stack).
 */
export function cancelTask(task: TaskRecord, err: unknown): void {
    const next = forwardingTo();
    if (next) {
        return next.cancelTask(task, err);
    }
    const base = top;
    top += 1;
    work[top] = task;
    while (top > base) {
        const t = work[top] as TaskRecord;
        work[top] = undefined;
        top -= 1;
        const state = t[Slot.State];
        if (state === RUNNING) {
            if (rawget(t, "cancelRequest" as never) === undefined) {
                t.cancelRequest = err;
                asked.push(t);
                requestCancels(honorCancelRequests);
            }
        } else if (state !== DEAD) {
            if (state === SUSPENDED) {
                const on = t[Slot.Awaiting] as TaskRecord | Wait;
                if (getmetatable(on) === coreState.taskMeta) {
                    removeWaiter(on as TaskRecord, t);
                    if (!hasConsumer(on as TaskRecord)) {
                        top += 1;
                        work[top] = on as TaskRecord;
                    }
                } else {
                    detachWait(on as Wait, err);
                }
            }
            endTask(t, err);
        }
    }
}

/** Releases what a cancelled task's wait holds: the wait's own detach, or the glue's kind. */
function detachWait(wait: Wait, err: unknown): void {
    if (wait.detach !== undefined) {
        wait.detach(wait, err);
    } else if (coreState.onDetach !== undefined) {
        coreState.onDetach(wait);
    }
    wait.task = undefined;
}

/**
 * After a run: cancels the tasks asked to while running that have stopped running (they yielded,
 * awaited or parked; one that returned or failed first keeps its outcome). True while some
 * still run.
 */
function honorCancelRequests(): boolean {
    const list = asked;
    asked = [];
    for (const t of list) {
        if (t[Slot.State] === RUNNING) {
            asked.push(t);
        } else {
            const err = t.cancelRequest;
            t.cancelRequest = undefined;
            cancelTask(t, err);
        }
    }
    return asked.length > 0;
}

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        cancelTask: typeof cancelTask;
    }
}
