/**
 * The run queue: FIFO of runnable tasks. Two arrays instead of one ring so that both stay
 * dense arrays in Lua (a single array with ever-growing head and tail indices falls out of the
 * array part into the hash part and churns memory): `run` is drained from the front while new
 * entries go to `next`; when `run` is empty the two swap. Order is preserved because everything
 * in `run` was queued before anything in `next`.
 *
 * A forced (synchronous) completion may resume a queued task out of order, so an entry can be
 * stale when it is popped; `dequeue` skips entries whose task is no longer runnable. The Queued
 * slot keeps a task from being queued twice.
 */
import { S } from "./state";
import { RUNNABLE, Slot, TaskRecord } from "./task";

/** Appends a runnable task unless it is already queued. */
export function enqueue(this: void, task: TaskRecord): void {
    if (task[Slot.Queued]) {
        return;
    }
    task[Slot.Queued] = true;
    const n = S.nextLen + 1;
    S.nextLen = n;
    S.next[n] = task;
}

/** Swaps in the queued entries once `run` is drained. Returns false when none is queued. */
function refill(this: void): boolean {
    const len = S.nextLen;
    if (len === 0) {
        return false;
    }
    const drained = S.run;
    S.run = S.next;
    S.runLen = len;
    S.runPos = 1;
    S.next = drained;
    S.nextLen = 0;
    return true;
}

/** Removes and returns the oldest runnable task, or undefined when none is queued. */
export function dequeue(this: void): TaskRecord | undefined {
    while (true) {
        let pos = S.runPos;
        if (pos > S.runLen) {
            if (!refill()) {
                return undefined;
            }
            pos = 1;
        }
        const run = S.run;
        const task = run[pos] as TaskRecord;
        run[pos] = undefined;
        S.runPos = pos + 1;
        task[Slot.Queued] = false;
        if (task[Slot.State] === RUNNABLE) {
            return task;
        }
    }
}

/**
 * Removes and returns the oldest runnable task if it has not started yet (a worker can run it
 * inline); returns undefined, leaving that task queued, if it is mid-body or none is queued.
 */
export function takeFresh(this: void): TaskRecord | undefined {
    while (true) {
        let pos = S.runPos;
        if (pos > S.runLen) {
            if (!refill()) {
                return undefined;
            }
            pos = 1;
        }
        const run = S.run;
        const task = run[pos] as TaskRecord;
        const runnable = task[Slot.State] === RUNNABLE;
        if (runnable && task[Slot.Thread]) {
            return undefined;
        }
        run[pos] = undefined;
        S.runPos = pos + 1;
        task[Slot.Queued] = false;
        if (runnable) {
            return task;
        }
    }
}

/** Whether any entry is queued (possibly stale). */
export function hasQueued(this: void): boolean {
    return S.runPos <= S.runLen || S.nextLen > 0;
}
