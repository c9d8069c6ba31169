/** @noSelfInFile */
/** Introspection for the /asyncawait report and for specs: counters and the owner list. */
import { forwardingTo, runState, syncState } from "./scheduler";
import { S } from "./state";
import type { Owner, TaskRecord } from "./task";

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
    syncState();
    const [current, forcedDepth, workerRunsNext, inBudgetRun, poolLen] = runState();
    let queued = 0;
    for (const i of $range(1, S.ownerCount)) {
        const o = S.owners[i];
        queued += o.drainLen - o.drainPos + 1 + o.incomingLen;
    }
    return {
        current, forcedDepth, chainTop: S.chainTop, workerRunsNext, inBudgetRun, poolLen, poolMax: S.poolMax, queued,
        live: S.live, pendingCount: S.pendingCount, ownerCount: S.ownerCount, awake: S.awake,
    };
}

/** Whether any task is queued (entries may be stale: then a run finds nothing to do). */
export function hasQueued(): boolean {
    const next = forwardingTo();
    if (next) {
        return next.hasQueued();
    }
    syncState();
    for (const i of $range(1, S.ownerCount)) {
        const o = S.owners[i];
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
    syncState();
    const list: Owner[] = [];
    for (const i of $range(1, S.ownerCount)) {
        list.push(S.owners[i]);
    }
    return list;
}
