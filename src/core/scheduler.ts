/**
 * The scheduler core: tasks on pooled worker coroutines, the FIFO run queue, completion and
 * waking, and synchronous completion when a task is awaited from outside any task. It knows
 * nothing of WoW; the client glue drives it through `schedule`/`scheduleAll`.
 *
 * All mutable state lives in this module's locals on purpose: Lua 5.1 reads an upvalue about
 * four times faster than a table field, and the run loop touches this state on every resume.
 * A newer copy of the library takes it over through `exportState`/`adopt`.
 *
 * Never resume or yield inside pcall here: Lua 5.1 cannot yield across a C call. A task's error
 * kills its worker coroutine instead, and `coroutine.resume` reports it.
 */
import { describe } from "./errors";
import { DEAD, FAILED, RUNNABLE, RUNNING, SUSPENDED, Slot, TaskRecord, TaskState, createTaskMeta } from "./task";

const create = coroutine.create;
const resume = coroutine.resume;
const running = coroutine.running;
const yieldThread = coroutine.yield;
const traceback = debug.traceback;
const getmeta = getmetatable;
const setmeta = setmetatable;

/** Raw 1-based array access, no index offset. */
export interface LuaArray<T> {
    [index: number]: T;
}
/** Sentinels workers yield to the scheduler. */
export interface Signal {
    readonly signal: string;
}
export type AnyFunction = (this: void, ...args: any[]) => any;
type Body = (this: void, ...args: unknown[]) => LuaMultiReturn<unknown[]>;

// ---- State -------------------------------------------------------------------------------

/** The task whose body is executing (set by workers and runTask), else false. */
let current: TaskRecord | false = false;
/** Depth of forced (synchronous) completions under way; yield() is a no-op meanwhile. */
let forced = 0;
/** Whether a worker may go on to run the next fresh task itself (inside scheduleAll). */
let inline = false;
/**
 * The run queue: `draining` is read from `drainPos` while new entries go to `incoming`; when
 * `draining` is used up the two swap. Two arrays rather than one ring keep both dense Lua arrays
 * (ever-growing indices would fall into the hash part and churn memory), and order is kept:
 * everything in `draining` was queued before anything in `incoming`.
 * A forced completion may run a queued task out of turn, so an entry can be stale when it comes
 * up; it is skipped. The Queued slot keeps a task from being queued twice.
 */
let draining: LuaArray<TaskRecord | undefined> = {};
let drainPos = 1;
let drainLen = 0;
let incoming: LuaArray<TaskRecord | undefined> = {};
let incomingLen = 0;
/** Idle workers: a stack of at most `poolMax` coroutines waiting for a task. */
let pool: LuaArray<LuaThread | undefined> = {};
let poolLen = 0;
let poolMax = 256;
/** Explicit stack of the await chain a forced completion is walking (no recursive resumes). */
let chain: LuaArray<TaskRecord | undefined> = {};
let chainTop = 0;
/** Async wrapper → body, weak-keyed, so `await(asyncFn, ...)` can call the body inline. */
let asyncBodies = setmeta(new LuaTable<AnyFunction, AnyFunction>(), { __mode: "k" });
/** Shared by every record; a newer copy keeps the old one so old records stay recognizable. */
let taskMeta = createTaskMeta();
let YIELD: Signal = { signal: "yield" };
let SUSPEND: Signal = { signal: "suspend" };
let IDLE: Signal = { signal: "idle" };

// ---- Run queue ---------------------------------------------------------------------------

/** Appends a runnable task unless it is already queued. */
function enqueue(this: void, task: TaskRecord): void {
    if (!task[Slot.Queued]) {
        task[Slot.Queued] = true;
        incomingLen += 1;
        incoming[incomingLen] = task;
    }
}

/** Swaps in the incoming entries once `draining` is used up. False when none is queued. */
function refill(this: void): boolean {
    if (incomingLen === 0) {
        return false;
    }
    const drained = draining;
    draining = incoming;
    drainLen = incomingLen;
    drainPos = 1;
    incoming = drained;
    incomingLen = 0;
    return true;
}

/** Removes and returns the oldest runnable task, or undefined when none is queued. */
function dequeue(this: void): TaskRecord | undefined {
    while (drainPos <= drainLen || refill()) {
        const task = draining[drainPos] as TaskRecord;
        draining[drainPos] = undefined;
        drainPos += 1;
        task[Slot.Queued] = false;
        if (task[Slot.State] === RUNNABLE) {
            return task;
        }
    }
    return undefined;
}

/**
 * Removes and returns the oldest runnable task if it has not started (a worker can run it
 * itself); returns undefined, leaving that task queued, if it is mid-body or none is queued.
 */
function takeFresh(this: void): TaskRecord | undefined {
    while (drainPos <= drainLen || refill()) {
        const task = draining[drainPos] as TaskRecord;
        const runnable = task[Slot.State] === RUNNABLE;
        if (runnable && task[Slot.Thread]) {
            return undefined;
        }
        draining[drainPos] = undefined;
        drainPos += 1;
        task[Slot.Queued] = false;
        if (runnable) {
            return task;
        }
    }
    return undefined;
}

// ---- Completion --------------------------------------------------------------------------

function wake(this: void, waiter: TaskRecord): void {
    waiter[Slot.Awaiting] = false;
    waiter[Slot.State] = RUNNABLE;
    enqueue(waiter);
}

/** Wakes every waiter of a task that just died, in the order they began to wait. */
function wakeWaiters(this: void, task: TaskRecord): void {
    const first = task[Slot.Waiter] as TaskRecord;
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
function addWaiter(this: void, target: TaskRecord, waiter: TaskRecord): void {
    waiter[Slot.State] = SUSPENDED;
    waiter[Slot.Awaiting] = target;
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

function clearValues(this: void, task: TaskRecord, from: number, to: number): void {
    for (const i of $range(from, to)) {
        task[Slot.Values + i - 1] = undefined;
    }
}

/** Ends a task with the values its body returned: they replace its arguments. */
function finish(this: void, task: TaskRecord, ...results: unknown[]): void {
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
function fail(this: void, task: TaskRecord, err: unknown, where: string): void {
    clearValues(task, 1, task[Slot.Count] as number);
    task[Slot.Count] = FAILED;
    task.error = err;
    task.traceback = where;
    task[Slot.Thread] = false;
    task[Slot.State] = DEAD;
    if (task[Slot.Waiter]) {
        wakeWaiters(task);
    }
}

// ---- Workers -----------------------------------------------------------------------------

/** Calls a task's body with all its arguments; a tail call, so it leaves no frame behind. */
function callWithArgs(this: void, task: TaskRecord): LuaMultiReturn<unknown[]> {
    const count = task[Slot.Count] as number;
    return (task[Slot.Fn] as Body)(...unpack(task as unknown as unknown[], Slot.Values, Slot.Values + count - 1));
}

/**
 * A worker runs task bodies. After a body returns it takes the next queued task that has not
 * started and runs it too, in the same resume: a task that never blocks costs no coroutine
 * switch. When a body yields or awaits, the worker stays with that task until the body returns.
 * Few registers on purpose: a suspended task keeps this frame on its stack, and a stack that
 * outgrows its first 40 slots doubles (+720 bytes per live task).
 */
function workerMain(this: void, me: LuaThread): void {
    let task = yieldThread(IDLE)[0] as TaskRecord;
    while (true) {
        current = task;
        task[Slot.Thread] = me;
        task[Slot.State] = RUNNING;
        // unpack is a C call; most bodies take one argument or none.
        if (task[Slot.Count] === 1) {
            finish(task, ...(task[Slot.Fn] as Body)(task[Slot.Values]));
        } else {
            finish(task, ...callWithArgs(task));
        }
        task = (inline && takeFresh()) || (yieldThread(IDLE)[0] as TaskRecord);
    }
}

/** An idle worker from the pool, or a new one waiting for its first task. */
function acquireWorker(this: void): LuaThread {
    if (poolLen === 0) {
        const thread = create(workerMain);
        resume(thread, thread);
        return thread;
    }
    const thread = pool[poolLen] as LuaThread;
    pool[poolLen] = undefined;
    poolLen -= 1;
    return thread;
}

// ---- Running -----------------------------------------------------------------------------

/**
 * Runs a runnable task until it (or, inside scheduleAll, the last task its worker went on to
 * run) yields, suspends, finishes or fails.
 */
function runTask(this: void, task: TaskRecord): void {
    const previous = current;
    let thread = task[Slot.Thread] as LuaThread | false;
    let ok: boolean;
    let signal: unknown;
    let target: unknown;
    if (thread) {
        // Mid-body: continue where it yielded or awaited.
        current = task;
        task[Slot.State] = RUNNING;
        [ok, signal, target] = resume(thread);
    } else {
        thread = acquireWorker();
        [ok, signal, target] = resume(thread, task);
    }
    // Workers set `current` to each task they run: this is the one that stopped.
    const last = current as TaskRecord;
    current = previous;
    if (!ok) {
        fail(last, signal, traceback(thread));
    } else if (signal === IDLE) {
        if (poolLen < poolMax) {
            poolLen += 1;
            pool[poolLen] = thread;
        }
    } else if (signal === YIELD) {
        // enqueue(last), inline: this runs on every yield. A yielding task is never queued.
        last[Slot.State] = RUNNABLE;
        last[Slot.Queued] = true;
        incomingLen += 1;
        incoming[incomingLen] = last;
    } else if (signal === SUSPEND) {
        // The await registered nothing before yielding (had that yield failed inside a pcall,
        // nothing would need undoing); the waiter is recorded here instead.
        addWaiter(target as TaskRecord, last);
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
function schedule(this: void): boolean {
    const task = dequeue();
    if (task === undefined) {
        return false;
    }
    const was = inline;
    inline = false;
    runTask(task);
    inline = was;
    return true;
}

/** Runs tasks until none is runnable, including tasks created meanwhile. */
function scheduleAll(this: void): void {
    const was = inline;
    inline = forced === 0;
    // dequeue(), inline: this loop is the hot path of every yield.
    while (drainPos <= drainLen || refill()) {
        const task = draining[drainPos] as TaskRecord;
        draining[drainPos] = undefined;
        drainPos += 1;
        task[Slot.Queued] = false;
        if (task[Slot.State] === RUNNABLE) {
            runTask(task);
        }
    }
    inline = was;
}

/**
 * Inside a task, gives up the rest of this turn: the task goes to the back of the run queue.
 * Outside tasks, and while a task is being completed synchronously, it does nothing.
 */
function yieldTurn(this: void): void {
    if (current && forced === 0 && current[Slot.Thread] === running()) {
        yieldThread(YIELD);
    }
}

// ---- Tasks -------------------------------------------------------------------------------

/** Makes a task record (slot order: see task.ts). */
function newTask(this: void, state: TaskState, fn: AnyFunction, ...args: unknown[]): TaskRecord {
    return setmeta([state, fn, false, false, false, false, select("#", ...args), ...args] as unknown as TaskRecord, taskMeta);
}

/** Whether a value is a task record (of this copy of the library or an older one). */
function isTask(this: void, value: unknown): value is TaskRecord {
    // getmetatable takes any value, and is cheaper than type(), which interns a string per call.
    return getmeta(value as object) === taskMeta;
}

/** Makes a pending task runnable. */
function startTask(this: void, task: TaskRecord): void {
    task[Slot.State] = RUNNABLE;
    enqueue(task);
}

/** The async wrapper of `fn`: each call queues a task running `fn` and returns it. */
function wrapAsync(this: void, fn: AnyFunction): AnyFunction {
    const wrapper = (...args: unknown[]): TaskRecord => {
        // newTask's record, built here: a second vararg call would cost as much again.
        const task = setmeta(
            [RUNNABLE, fn, false, false, false, false, select("#", ...args), ...args] as unknown as TaskRecord,
            taskMeta,
        );
        task[Slot.Queued] = true;
        incomingLen += 1;
        incoming[incomingLen] = task;
        return task;
    };
    asyncBodies.set(wrapper, fn);
    return wrapper;
}

// ---- Waiting -----------------------------------------------------------------------------

/** Explains why `waiter` may not wait for `target`, or returns undefined. */
function cycleProblem(this: void, waiter: TaskRecord, target: TaskRecord): string | undefined {
    let t = target;
    while (t !== waiter) {
        if (t[Slot.State] !== SUSPENDED) {
            return undefined;
        }
        t = t[Slot.Awaiting] as TaskRecord;
    }
    return target === waiter ? "await cycle: a task cannot await itself" : "await cycle: the awaited task is (indirectly) awaiting this task";
}

/**
 * Runs `target` to completion now, with every task it awaits, walking the await chain with an
 * explicit stack (Lua 5.1 limits nested resumes to ~200). Returns why it could not, or undefined.
 */
function completeNow(this: void, target: TaskRecord): string | undefined {
    const base = chainTop;
    let top = base + 1;
    chain[top] = target;
    chainTop = top;
    forced += 1;
    // Only the chain may run now: workers must not go on to other queued tasks.
    const was = inline;
    inline = false;
    let problem: string | undefined;
    while (target[Slot.State] !== DEAD) {
        const task = chain[top] as TaskRecord;
        const state = task[Slot.State];
        if (state === RUNNABLE) {
            runTask(task);
        } else if (state === SUSPENDED) {
            top += 1;
            chain[top] = task[Slot.Awaiting] as TaskRecord;
            chainTop = top;
        } else if (state === DEAD) {
            chain[top] = undefined;
            top -= 1;
            chainTop = top;
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
    chainTop = base;
    forced -= 1;
    inline = was;
    return problem;
}

/** The values of a dead task, or its error re-raised unchanged (level 0 adds no position). */
function valuesOf(this: void, task: TaskRecord): LuaMultiReturn<unknown[]> {
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
 * Tail-called: a suspended task keeps its stack, and frames left below the yield can push it
 * past its first 40 slots.
 */
function suspendUntilDead(this: void, target: TaskRecord): LuaMultiReturn<unknown[]> {
    yieldThread(SUSPEND, target);
    return valuesOf(target);
}

/**
 * Gets ready to wait for `target` (started, not dead): outside any task, completes it on the
 * spot. Returns why the caller may not wait, or undefined.
 */
function prepareWait(this: void, target: TaskRecord): string | undefined {
    if (!current || current[Slot.Thread] !== running()) {
        return completeNow(target);
    }
    // A runnable target waits for nothing, so only a suspended or running one can close a cycle.
    return target[Slot.State] === RUNNABLE ? undefined : cycleProblem(current, target);
}

/**
 * `await`: the values of a future (see api.ts for the contract), or an async function's body
 * called inline. Lives here, not in api.ts, to spare every await a call.
 */
function awaitValue(this: void, value: unknown, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    if (getmeta(value as object) === taskMeta) {
        const task = value as TaskRecord;
        const state = task[Slot.State];
        if (state === DEAD) {
            return valuesOf(task);
        }
        if (state === "pending") {
            error("AsyncAwait: await(future): the task is pending; start it with startTask(task) first", 2);
        }
        const problem = prepareWait(task);
        if (problem !== undefined) {
            error(`AsyncAwait: await(future): ${problem}`, 2);
        }
        if (task[Slot.State] === DEAD) {
            return valuesOf(task); // completed synchronously
        }
        return suspendUntilDead(task); // a tail call: see suspendUntilDead
    }
    if (type(value) === "function") {
        const body = asyncBodies.get(value as AnyFunction);
        if (body === undefined) {
            error("AsyncAwait: await(fn, ...): expected an async function (made by async), got a plain function", 2);
        }
        return body(...args);
    }
    error(`AsyncAwait: await(future): expected a future or an async function, got ${describe(value)}`, 2);
}

/** Waits like await but returns nothing and raises nothing; returns why it could not wait. */
function joinWait(this: void, task: TaskRecord): string | undefined {
    if (task[Slot.State] === DEAD) {
        return undefined;
    }
    const problem = prepareWait(task);
    if (problem === undefined && task[Slot.State] !== DEAD) {
        yieldThread(SUSPEND, task);
    }
    return problem;
}

// ---- Introspection and handover ----------------------------------------------------------

/** Counters for specs and diagnostics. */
function snapshot(this: void) {
    return { current, forced, inline, chainTop, poolLen, poolMax, queued: drainLen - drainPos + 1 + incomingLen };
}

/** Caps the idle worker pool (default 256 coroutines, ~1.3 KB each). */
function setPoolMax(this: void, max: number): void {
    poolMax = max;
    while (poolLen > max) {
        pool[poolLen] = undefined;
        poolLen -= 1;
    }
}

/** The idle worker at `index` of the pool stack (for specs). */
function pooledWorker(this: void, index: number): LuaThread | undefined {
    return pool[index];
}

/** All state a newer copy must take over. Idle workers stay behind: they run this copy's code. */
export interface CoreState {
    current: TaskRecord | false;
    forced: number;
    inline: boolean;
    draining: LuaArray<TaskRecord | undefined>;
    drainPos: number;
    drainLen: number;
    incoming: LuaArray<TaskRecord | undefined>;
    incomingLen: number;
    poolMax: number;
    chain: LuaArray<TaskRecord | undefined>;
    chainTop: number;
    asyncBodies: LuaTable<AnyFunction, AnyFunction>;
    taskMeta: LuaMetatable<TaskRecord>;
    YIELD: Signal;
    SUSPEND: Signal;
    IDLE: Signal;
}

function exportState(this: void): CoreState {
    return {
        current, forced, inline, draining, drainPos, drainLen, incoming, incomingLen, poolMax,
        chain, chainTop, asyncBodies, taskMeta, YIELD, SUSPEND, IDLE,
    };
}

/** Takes over the state of an older copy; call before this copy runs anything. */
function adopt(this: void, s: CoreState): void {
    ({ current, forced, inline, draining, drainPos, drainLen, incoming, incomingLen, poolMax } = s);
    ({ chain, chainTop, asyncBodies, taskMeta, YIELD, SUSPEND, IDLE } = s);
}

export {
    adopt, awaitValue, dequeue, enqueue, exportState, isTask, joinWait, newTask, pooledWorker,
    schedule, scheduleAll, setPoolMax, snapshot, startTask, takeFresh, wrapAsync, yieldTurn,
};
