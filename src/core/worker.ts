/**
 * Worker coroutines and their pool.
 *
 * A worker runs task bodies. After a body returns it takes the next queued task that has not
 * started yet and runs it too, within the same resume: a task that never blocks costs no
 * coroutine switch at all. When a body yields or awaits, the worker stays with that task (it is
 * the task's coroutine until the body returns) and the scheduler carries on with another worker.
 * A coroutine costs ~1.7 KB and a malloc-heavy creation, so idle workers are pooled; a worker
 * whose body raised is dead and simply never returns to the pool.
 */
import { finish } from "./completion";
import { takeFresh } from "./queue";
import { S } from "./state";
import { RUNNING, Slot, TaskRecord } from "./task";

const create = coroutine.create;
const resume = coroutine.resume;
const yieldThread = coroutine.yield;
const IDLE = S.IDLE;

type Body = (this: void, ...args: unknown[]) => LuaMultiReturn<unknown[]>;

/** Calls a task's body with its arguments (a tail call: it leaves no frame of its own). */
function callWithArgs(this: void, task: TaskRecord): LuaMultiReturn<unknown[]> {
    const count = task[Slot.Count] as number;
    return (task[Slot.Fn] as Body)(...unpack(task as unknown as unknown[], Slot.Values, Slot.Values + count - 1));
}

// Kept to few registers on purpose: a suspended task keeps this frame on its coroutine's stack,
// and a stack that outgrows its initial 40 slots doubles (+720 bytes per live task).
function workerMain(this: void, me: LuaThread): void {
    let task = yieldThread(IDLE)[0] as TaskRecord;
    while (true) {
        S.current = task;
        task[Slot.Thread] = me;
        task[Slot.State] = RUNNING;
        // unpack is a C call; most bodies take one argument or none.
        if (task[Slot.Count] === 1) {
            finish(task, ...(task[Slot.Fn] as Body)(task[Slot.Values]));
        } else {
            finish(task, ...callWithArgs(task));
        }
        task = (S.inline && takeFresh()) || (yieldThread(IDLE)[0] as TaskRecord);
    }
}

/** An idle worker from the pool, or a new one, waiting for its first task. */
export function acquireWorker(this: void): LuaThread {
    const n = S.poolLen;
    if (n === 0) {
        const thread = create(workerMain);
        resume(thread, thread);
        return thread;
    }
    const thread = S.pool[n] as LuaThread;
    S.pool[n] = undefined;
    S.poolLen = n - 1;
    return thread;
}

/** Returns an idle worker; beyond `poolMax` idle ones it is dropped. */
export function releaseWorker(this: void, thread: LuaThread): void {
    const n = S.poolLen;
    if (n < S.poolMax) {
        S.poolLen = n + 1;
        S.pool[n + 1] = thread;
    }
}
