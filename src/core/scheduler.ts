/**
 * The scheduler core: running tasks on pooled coroutines, finishing and failing them, waking
 * their waiters, and completing a task synchronously when it is awaited from outside any task.
 * It knows nothing of WoW; the client glue drives it through `schedule`.
 *
 * Never resume or yield inside pcall here: Lua 5.1 cannot yield across a C call, and the
 * scheduler must be resumable from any task. A task's error kills its coroutine instead, and
 * `coroutine.resume` reports it.
 */
import { acquireThread, releaseThread } from "./pool";
import { dequeue, enqueue } from "./queue";
import { S } from "./state";
import { DEAD, FAILED, RUNNABLE, RUNNING, SUSPENDED, Slot, TaskRecord } from "./task";

const resume = coroutine.resume;
const running = coroutine.running;
const yieldThread = coroutine.yield;
const traceback = debug.traceback;
const YIELD = S.YIELD;
const SUSPEND = S.SUSPEND;
const DONE = S.DONE;

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

function addWaiter(this: void, target: TaskRecord, waiter: TaskRecord): void {
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

/** Clears argument slots a task no longer needs, from slot `from` up to the old count. */
function clearValues(this: void, task: TaskRecord, from: number, oldCount: number): void {
    for (const i of $range(from, oldCount)) {
        task[Slot.Values + i - 1] = undefined;
    }
}

function finish(this: void, task: TaskRecord, thread: LuaThread, ...results: unknown[]): void {
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
    releaseThread(thread);
    wakeWaiters(task);
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

function afterResume(
    this: void,
    task: TaskRecord,
    thread: LuaThread,
    previous: TaskRecord | false,
    ok: boolean,
    signal: unknown,
    ...rest: unknown[]
): void {
    S.current = previous;
    if (ok) {
        if (signal === DONE) {
            finish(task, thread, ...rest);
        } else if (signal === SUSPEND) {
            // The await registered nothing before yielding: if that yield had failed (inside a
            // pcall), no state would need undoing. The waiter is recorded here instead.
            const target = select(1, ...rest)[0] as TaskRecord;
            task[Slot.State] = SUSPENDED;
            task[Slot.Awaiting] = target;
            addWaiter(target, task);
        } else if (signal === YIELD) {
            task[Slot.State] = RUNNABLE;
            enqueue(task);
        } else {
            fail(
                task,
                "AsyncAwait: a task called coroutine.yield() directly; use AsyncAwait.yield() or await() inside tasks",
                traceback(thread),
            );
        }
    } else {
        fail(task, signal, traceback(thread));
    }
}

/** Resumes a runnable task until it yields, suspends, finishes or fails. */
export function runTask(this: void, task: TaskRecord): void {
    const previous = S.current;
    S.current = task;
    task[Slot.State] = RUNNING;
    let thread = task[Slot.Thread] as LuaThread | false;
    if (!thread) {
        thread = acquireThread();
        task[Slot.Thread] = thread;
    }
    afterResume(task, thread, previous, ...(resume(thread, task) as unknown as [boolean, unknown]));
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
    runTask(task);
    return true;
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
    return problem;
}

/**
 * Waits until `target` (started, not dead) is dead: suspends the running task, or completes the
 * target right here when called outside any task. Returns an explanation when it cannot.
 */
export function waitFor(this: void, target: TaskRecord): string | undefined {
    const current = runningTask();
    if (current === undefined) {
        return completeNow(target);
    }
    const problem = cycleProblem(current, target);
    if (problem !== undefined) {
        return problem;
    }
    yieldThread(SUSPEND, target);
    return undefined;
}
