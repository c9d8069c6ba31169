/** @noSelfInFile */
/** Introspection for the /asyncawait report and for specs: counters and the owner list. */
import { forwardingTo, runState } from "./scheduler";
import { syncedState } from "./settings";
import { gateOf } from "./gates";
import { DEAD, SUSPENDED, Slot } from "./task";
import type { Owner, TaskRecord, Wait, Watcher } from "./task";

export interface Snapshot {
    /** The task whose body is executing, else false. */
    current: TaskRecord | false;
    /** Forced completions under way, and their await chain's depth. */
    forcedDepth: number;
    chainTop: number;
    /** Inside scheduleAll (workers go on to fresh tasks) or runBudget. */
    workerRunsNext: boolean;
    inBudgetRun: boolean;
    /** Idle workers, and the most kept. */
    poolLen: number;
    poolMax: number;
    /** Run queue entries (stale ones included), live tasks, pending tasks, owners. */
    queued: number;
    live: number;
    pendingCount: number;
    ownerCount: number;
    /** Whether the frame driver is awake (false: the next queued task wakes it). */
    awake: boolean;
}

export function snapshot(): Snapshot {
    const next = forwardingTo();
    if (next) {
        return next.snapshot();
    }
    const s = syncedState();
    const [current, forcedDepth, workerRunsNext, inBudgetRun, poolLen] = runState();
    let queued = 0;
    for (const i of $range(1, s.ownerCount)) {
        const o = s.owners[i];
        queued += o.drainLen - o.drainPos + 1 + o.incomingLen;
    }
    return {
        current,
        forcedDepth,
        chainTop: s.chainTop,
        workerRunsNext,
        inBudgetRun,
        poolLen,
        poolMax: s.poolMax,
        queued,
        live: s.live,
        pendingCount: s.pendingCount,
        ownerCount: s.ownerCount,
        awake: s.awake,
    };
}

/** Whether any task is queued (entries may be stale: then a run finds nothing to do). */
export function hasQueued(): boolean {
    const next = forwardingTo();
    if (next) {
        return next.hasQueued();
    }
    const s = syncedState();
    for (const i of $range(1, s.ownerCount)) {
        const o = s.owners[i];
        if (o.drainPos <= o.drainLen || o.incomingLen > 0) {
            return true;
        }
    }
    return false;
}

/** The owner records, in round-robin order. */
export function ownerList(): Owner[] {
    const next = forwardingTo();
    if (next) {
        return next.ownerList();
    }
    const s = syncedState();
    const list: Owner[] = [];
    for (const i of $range(1, s.ownerCount)) {
        list.push(s.owners[i]);
    }
    return list;
}

/**
 * The tasks of `owner` that are started and not dead. No list of all tasks is kept (it would
 * cost every spawn): they are found from where live tasks are, the run queues, the running
 * task and `parked` (the tasks the wait kinds hold), following await links both ways: what a
 * task awaits (a task, a gate's inputs) and who awaits it (tasks, gates' result tasks).
 */
export function ownedTasks(owner: Owner, parked: TaskRecord[]): TaskRecord[] {
    const next = forwardingTo();
    if (next) {
        return next.ownedTasks(owner, parked);
    }
    const s = syncedState();
    const seen = new LuaTable<TaskRecord, boolean>();
    const stack: TaskRecord[] = [];
    const found: TaskRecord[] = [];
    const push = (task: TaskRecord | undefined): void => {
        if (task !== undefined && !seen.has(task) && task[Slot.State] !== DEAD) {
            seen.set(task, true);
            stack.push(task);
        }
    };
    for (const i of $range(1, s.ownerCount)) {
        const o = s.owners[i];
        for (const j of $range(o.drainPos, o.drainLen)) {
            push(o.draining[j]);
        }
        for (const j of $range(1, o.incomingLen)) {
            push(o.incoming[j]);
        }
    }
    const [current] = runState();
    if (current) {
        push(current);
    }
    for (const task of parked) {
        push(task);
    }
    const pushWaiter = (waiter: TaskRecord | Watcher, of: TaskRecord): void => {
        if ((waiter as TaskRecord)[Slot.Awaiting] === of) {
            push(waiter as TaskRecord);
        } else {
            push(gateOf(waiter)?.task);
        }
    };
    while (stack.length > 0) {
        const task = stack.pop()!;
        if (task[Slot.Owner] === owner) {
            found.push(task);
        }
        if (task[Slot.State] === SUSPENDED) {
            const on = task[Slot.Awaiting] as TaskRecord & Wait;
            if (getmetatable(on) === s.taskMeta) {
                push(on);
            } else if (on.inputs !== undefined) {
                let i = 1;
                while (on.inputs[i] !== undefined) {
                    push(on.inputs[i]);
                    i += 1;
                }
            }
        }
        const first = task[Slot.Waiter] as TaskRecord | Watcher | false;
        if (first) {
            pushWaiter(first, task);
            const more = task.waiters;
            if (more !== undefined) {
                for (const i of $range(1, (more as unknown as unknown[]).length)) {
                    pushWaiter(more[i], task);
                }
            }
        }
    }
    return found;
}

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        hasQueued: typeof hasQueued;
        ownedTasks: typeof ownedTasks;
        ownerList: typeof ownerList;
        snapshot: typeof snapshot;
    }
}
