/**
 * How tasks end: storing results, recording failures, and waking the tasks that wait for them.
 */
import { enqueue } from "./queue";
import { DEAD, FAILED, RUNNABLE, Slot, TaskRecord } from "./task";

/** Makes a waiter runnable again once the task it awaited is dead. */
function wake(this: void, waiter: TaskRecord): void {
    waiter[Slot.Awaiting] = false;
    waiter[Slot.State] = RUNNABLE;
    enqueue(waiter);
}

/** Wakes every waiter of a task that just died, in the order they began to wait. */
function wakeWaiters(this: void, task: TaskRecord): void {
    const first = task[Slot.Waiter] as TaskRecord | false;
    if (!first) {
        return;
    }
    task[Slot.Waiter] = false;
    wake(first);
    const more = task.waiters;
    if (more) {
        task.waiters = undefined;
        for (const i of $range(1, (more as unknown as unknown[]).length)) {
            wake(more[i]);
        }
    }
}

/** Records that `waiter` is suspended until `target` is dead. */
export function addWaiter(this: void, target: TaskRecord, waiter: TaskRecord): void {
    if (!target[Slot.Waiter]) {
        target[Slot.Waiter] = waiter;
        return;
    }
    let more = target.waiters;
    if (!more) {
        more = {};
        target.waiters = more;
    }
    more[(more as unknown as unknown[]).length + 1] = waiter;
}

/** Clears the value slots `from`..`to` (1-based value numbers). */
function clearValues(this: void, task: TaskRecord, from: number, to: number): void {
    for (const i of $range(from, to)) {
        task[Slot.Values + i - 1] = undefined;
    }
}

/** Ends a task with the values its body returned: they replace its arguments. */
export function finish(this: void, task: TaskRecord, ...results: unknown[]): void {
    const n = select("#", ...results);
    const old = task[Slot.Count] as number;
    task[Slot.Count] = n;
    if (n === 1) {
        task[Slot.Values] = select(1, ...results)[0];
    } else {
        for (const i of $range(1, n)) {
            task[Slot.Values + i - 1] = select(i, ...results)[0];
        }
    }
    if (old > n) {
        clearValues(task, n + 1, old);
    }
    task[Slot.Thread] = false;
    task[Slot.State] = DEAD;
    if (task[Slot.Waiter]) {
        wakeWaiters(task);
    }
}

/** Ends a task with an error. Its coroutine is abandoned: it died, or is stuck mid-body. */
export function fail(this: void, task: TaskRecord, err: unknown, where: string): void {
    const old = task[Slot.Count] as number;
    task[Slot.Count] = FAILED;
    clearValues(task, 1, old);
    task.error = err;
    task.traceback = where;
    task[Slot.Thread] = false;
    task[Slot.State] = DEAD;
    wakeWaiters(task);
}
