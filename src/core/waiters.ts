/** @noSelfInFile */
/**
 * A task's waiter list, the cold operations: whether anyone still needs the task, and removing
 * a waiter that stops waiting (cancelled). The hot ones (adding a waiter, waking them all) are
 * the scheduler's. The first waiter sits in the Waiter slot, the others in `waiters`, in order.
 */
import { Slot, TaskRecord, Watcher, WatcherSlot } from "./task";

type Waiter = TaskRecord | Watcher;

/** Whether `waiter` of `task` needs its outcome: a task awaiting it, or a consumer Watcher. */
function needs(waiter: Waiter, task: TaskRecord): boolean {
    return (waiter as TaskRecord)[Slot.Awaiting] === task || (waiter as Watcher)[WatcherSlot.Consumer] === true;
}

/** Whether a task, or a combinator's gate, waits for `task` (deferred cleanup does not count). */
export function hasConsumer(task: TaskRecord): boolean {
    const first = task[Slot.Waiter] as Waiter | false;
    if (!first) {
        return false;
    }
    if (needs(first, task)) {
        return true;
    }
    const more = task.waiters;
    if (more !== undefined) {
        for (const i of $range(1, (more as unknown as unknown[]).length)) {
            if (needs(more[i], task)) {
                return true;
            }
        }
    }
    return false;
}

/** Removes `waiter` from `task`'s waiters, keeping the others' order; whether it was there. */
export function removeWaiter(task: TaskRecord, waiter: Waiter): boolean {
    const more = task.waiters as Waiter[] | undefined;
    if (task[Slot.Waiter] === waiter) {
        if (more !== undefined && more.length > 0) {
            task[Slot.Waiter] = table.remove(more, 1);
            if (more.length === 0) {
                task.waiters = undefined;
            }
        } else {
            task[Slot.Waiter] = false;
        }
        return true;
    }
    if (more !== undefined) {
        for (const i of $range(1, more.length)) {
            if ((more as unknown as LuaTable<number, Waiter>).get(i) === waiter) {
                table.remove(more, i);
                if (more.length === 0) {
                    task.waiters = undefined;
                }
                return true;
            }
        }
    }
    return false;
}
