/**
 * The coroutine pool. A coroutine costs ~1.7 KB and a malloc-heavy creation, a task record
 * ~200 bytes; reusing coroutines is what makes a task cheaper than a bare coroutine.
 *
 * A pooled coroutine runs `poolMain`: it receives a task record on resume, calls the task's
 * body, and yields DONE with the body's results, which is also where it waits for its next task.
 * A body that raises kills its coroutine, which is then simply never returned to the pool.
 */
import { S } from "./state";
import { Slot, TaskRecord } from "./task";

const create = coroutine.create;
const yieldThread = coroutine.yield;
const DONE = S.DONE;

type Body = (this: void, ...args: unknown[]) => LuaMultiReturn<unknown[]>;

function poolMain(this: void, task: TaskRecord): void {
    while (true) {
        const body = task[Slot.Fn] as Body;
        const count = task[Slot.Count] as number;
        task = yieldThread(DONE, ...body(...unpack(task as unknown as unknown[], Slot.Values, Slot.Values + count - 1)))[0] as TaskRecord;
    }
}

/** An idle pooled coroutine, or a new one. */
export function acquireThread(this: void): LuaThread {
    const n = S.poolLen;
    if (n === 0) {
        return create(poolMain);
    }
    const thread = S.pool[n] as LuaThread;
    S.pool[n] = undefined;
    S.poolLen = n - 1;
    return thread;
}

/** Returns a coroutine that finished its task cleanly; beyond `poolMax` idle ones it is dropped. */
export function releaseThread(this: void, thread: LuaThread): void {
    const n = S.poolLen;
    if (n < S.poolMax) {
        S.poolLen = n + 1;
        S.pool[n + 1] = thread;
    }
}
