/**
 * The scheduler core: running tasks on pooled coroutines, finishing and failing them, waking
 * their waiters, and completing a task synchronously when it is awaited from outside any task.
 * It knows nothing of WoW; the client glue drives it through `schedule`.
 *
 * Never resume or yield inside pcall here: Lua 5.1 cannot yield across a C call, and the
 * scheduler must be resumable from any task. A task's error kills its coroutine instead, and
 * `coroutine.resume` reports it.
 */
import { addWaiter, fail } from "./completion";
import { dequeue, enqueue } from "./queue";
import { S } from "./state";
import { DEAD, FAILED, RUNNABLE, RUNNING, SUSPENDED, Slot, TaskRecord } from "./task";
import { acquireWorker, releaseWorker } from "./worker";

const resume = coroutine.resume;
const running = coroutine.running;
const yieldThread = coroutine.yield;
const traceback = debug.traceback;
const YIELD = S.YIELD;
const SUSPEND = S.SUSPEND;
const IDLE = S.IDLE;

/**
 * Runs a runnable task until it (or, inside scheduleAll, the last task its worker went on to
 * run) yields, suspends, finishes or fails.
 */
function runTask(this: void, task: TaskRecord): void {
    const previous = S.current;
    let thread = task[Slot.Thread] as LuaThread | false;
    let ok: boolean;
    let signal: unknown;
    let target: unknown;
    if (thread) {
        // Mid-body: continue it where it yielded or awaited.
        S.current = task;
        task[Slot.State] = RUNNING;
        [ok, signal, target] = resume(thread);
    } else {
        thread = acquireWorker();
        [ok, signal, target] = resume(thread, task);
    }
    // The worker sets S.current to each task it runs: this is the one that stopped it.
    const last = S.current as TaskRecord;
    S.current = previous;
    if (!ok) {
        fail(last, signal, traceback(thread));
    } else if (signal === IDLE) {
        releaseWorker(thread);
    } else if (signal === YIELD) {
        last[Slot.State] = RUNNABLE;
        enqueue(last);
    } else if (signal === SUSPEND) {
        // The await registered nothing before yielding: had that yield failed (inside a pcall),
        // no state would need undoing. The waiter is recorded here instead.
        last[Slot.State] = SUSPENDED;
        last[Slot.Awaiting] = target;
        if ((target as TaskRecord)[Slot.Waiter]) {
            addWaiter(target as TaskRecord, last);
        } else {
            (target as TaskRecord)[Slot.Waiter] = last;
        }
    } else {
        fail(
            last,
            "AsyncAwait: a task called coroutine.yield() directly; use AsyncAwait.yield() or await() inside tasks",
            traceback(thread),
        );
    }
}

/**
 * Runs the oldest runnable task until it yields, suspends or finishes.
 * Returns true if it ran one, false if nothing was runnable.
 */
export function schedule(this: void): boolean {
    const task = dequeue();
    if (task === undefined) {
        return false;
    }
    const inline = S.inline;
    S.inline = false;
    runTask(task);
    S.inline = inline;
    return true;
}

/** Runs tasks until none is runnable, including tasks created meanwhile. */
export function scheduleAll(this: void): void {
    const inline = S.inline;
    S.inline = true;
    let task = dequeue();
    while (task !== undefined) {
        runTask(task);
        task = dequeue();
    }
    S.inline = inline;
}

/** The task whose body is executing right now, or undefined in plain code or a foreign coroutine. */
export function runningTask(this: void): TaskRecord | undefined {
    const current = S.current;
    if (current && current[Slot.Thread] === running()) {
        return current;
    }
    return undefined;
}

/**
 * Inside a task, gives up the rest of this turn: the task goes to the back of the run queue.
 * Outside tasks, and while a task is being completed synchronously, it does nothing.
 */
export function yieldTurn(this: void): void {
    const current = S.current;
    if (current && S.forced === 0 && current[Slot.Thread] === running()) {
        yieldThread(YIELD);
    }
}

/** Explains why `waiter` may not wait for `target`, or returns undefined. */
function cycleProblem(this: void, waiter: TaskRecord, target: TaskRecord): string | undefined {
    let t = target;
    while (true) {
        if (t === waiter) {
            return target === waiter ? "await cycle: a task cannot await itself" : "await cycle: the awaited task is (indirectly) awaiting this task";
        }
        if (t[Slot.State] !== SUSPENDED) {
            return undefined;
        }
        t = t[Slot.Awaiting] as TaskRecord;
    }
}

/**
 * Runs `target` to completion now, with every task it awaits, walking the await chain with an
 * explicit stack (never recursive resumes, which Lua 5.1 limits to ~200 deep).
 * Returns an explanation when completion is impossible, else undefined.
 */
function completeNow(this: void, target: TaskRecord): string | undefined {
    const chain = S.chain;
    const base = S.chainTop;
    let top = base + 1;
    chain[top] = target;
    S.chainTop = top;
    S.forced += 1;
    // Only the chain may run now: workers must not go on to other queued tasks.
    const inline = S.inline;
    S.inline = false;
    let problem: string | undefined;
    while (target[Slot.State] !== DEAD) {
        const task = chain[top] as TaskRecord;
        const state = task[Slot.State];
        if (state === RUNNABLE) {
            runTask(task);
        } else if (state === SUSPENDED) {
            top += 1;
            chain[top] = task[Slot.Awaiting] as TaskRecord;
            S.chainTop = top;
        } else if (state === DEAD) {
            chain[top] = undefined;
            top -= 1;
            S.chainTop = top;
        } else {
            problem =
                state === RUNNING
                    ? "await cycle: the task cannot finish until this call returns (it is running, and waits for this code)"
                    : `cannot complete the task synchronously (state ${state})`;
            break;
        }
    }
    for (const i of $range(base + 1, top)) {
        chain[i] = undefined;
    }
    S.chainTop = base;
    S.forced -= 1;
    S.inline = inline;
    return problem;
}

/**
 * The values of a dead task, or its error re-raised unchanged (level 0 adds no position).
 */
export function valuesOf(this: void, task: TaskRecord): LuaMultiReturn<unknown[]> {
    const count = task[Slot.Count] as number;
    if (count === 1) {
        return task[Slot.Values];
    }
    if (count === FAILED) {
        error(task.error, 0);
    }
    return unpack(task as unknown as unknown[], Slot.Values, Slot.Values + count - 1);
}

/**
 * Suspends the running task until `target` is dead, then returns the target's values.
 * Callers tail-call it: a suspended task keeps its coroutine's stack, and every frame left
 * below the yield can push that stack past its initial size (+720 bytes per live task).
 */
export function suspendUntilDead(this: void, target: TaskRecord): LuaMultiReturn<unknown[]> {
    yieldThread(SUSPEND, target);
    return valuesOf(target);
}

/**
 * Explains why the code running now may not wait for `target` (started, not dead), or returns
 * undefined. Outside any task this completes the target on the spot (see completeNow).
 */
export function prepareWait(this: void, target: TaskRecord): string | undefined {
    const current = S.current;
    if (!current || current[Slot.Thread] !== running()) {
        return completeNow(target);
    }
    // A runnable target waits for nothing, so only a suspended or running one can close a cycle.
    return target[Slot.State] === RUNNABLE ? undefined : cycleProblem(current, target);
}

export { runTask };
