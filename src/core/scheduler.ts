/**
 * The scheduler core: tasks on pooled worker coroutines, per-addon FIFO run queues, completion
 * and waking, budgeted runs shared fairly between addons, synchronous completion when a task is
 * awaited from outside any task, and reporting of errors no one awaited. It knows nothing of
 * WoW: the client glue (src/wow/) gives it a clock and drives it.
 *
 * One module, larger than our usual files, because all mutable state lives in its locals on
 * purpose: Lua 5.1 reads an upvalue about four times faster than a table field, and the run
 * loop touches this state on every resume. A newer copy of the library takes the state over
 * with exportState/adopt, and this copy then forwards every call to it (retire).
 *
 * Never resume or yield inside pcall here: Lua 5.1 cannot yield across a C call. A task's error
 * kills its worker coroutine instead, and `coroutine.resume` reports it.
 */
import { describe } from "./errors";
import { DEAD, FAILED, Owner, RUNNABLE, RUNNING, SUSPENDED, Slot, TaskRecord, TaskState, Wait, createTaskMeta } from "./task";

const create = coroutine.create;
const resume = coroutine.resume;
const running = coroutine.running;
const yieldThread = coroutine.yield;
/** Tracebacks: Lua's where the client has it; the client glue may supply its own (setTracer). */
let traceback: (this: void, thread: LuaThread, message?: string, level?: number) => string =
    debug !== undefined && debug.traceback !== undefined
        ? (debug.traceback as (this: void, thread: LuaThread, message?: string, level?: number) => string)
        : () => "(no traceback available)";
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
const NO_VALUES = { n: 0 };

// ---- State -------------------------------------------------------------------------------

/** The task whose body is executing (set by workers and runTask), else false. */
let current: TaskRecord | false = false;
/** Depth of forced (synchronous) completions under way; yield() is a no-op meanwhile. */
let forced = 0;
/** Whether a worker may go on to run the next fresh task itself (inside scheduleAll). */
let inline = false;
/** Inside runBudget: the clock, the deadline, the current slice's and owner turn's start. */
let budgeted = false;
let clock: (this: void) => number = () => 0;
let budgetEnd = 0;
let sliceStart = 0;
let turnStart = 0;
let quantum = 0;

/**
 * Owners (addons) each have a FIFO run queue of two arrays: `d` is read from `dp` while new
 * entries go to `i`; when `d` is used up the two swap (two dense arrays keep Lua's array part;
 * one ring with ever-growing indices would fall into the hash part). The owner being served has
 * its queue in the locals below rather than its record: most programs have one owner, and then
 * every queue operation stays on locals. Owners are served round robin, a pass each (and, under
 * runBudget, a time quantum each), so no addon's backlog starves another's tasks.
 * A forced completion may run a queued task out of turn, so an entry can be stale when it comes
 * up; it is skipped. The Queued slot keeps a task from being queued twice.
 */
let owners: LuaArray<Owner> = {};
let ownerCount = 0;
let ownersByName = new LuaTable<string, Owner>();
let serving: Owner = newOwner("AsyncAwait");
let defaultOwner = serving;
let draining = serving.d;
let drainPos = 1;
let drainLen = 0;
let incoming = serving.i;
let incomingLen = 0;

/** Tasks created and not yet dead. */
let live = 0;
/** Idle workers: a stack of at most `poolMax` coroutines waiting for a task. */
let pool: LuaArray<LuaThread | undefined> = {};
let poolLen = 0;
let poolMax = 256;
/** Explicit stack of the await chain a forced completion is walking (no recursive resumes). */
let chain: LuaArray<TaskRecord | undefined> = {};
let chainTop = 0;
/** Failed tasks no one was waiting for, to report unless someone awaits them first. */
let unobserved: LuaArray<TaskRecord | undefined> = {};
let unobservedLen = 0;
let reporter: ((this: void, task: TaskRecord) => void) | undefined;
/** Whether tasks record where they were created (a traceback per task: for debugging). */
let traceCreation = false;
/** Async wrapper → body, weak-keyed, so `await(asyncFn, ...)` can call the body inline. */
let asyncBodies = setmeta(new LuaTable<AnyFunction, AnyFunction>(), { __mode: "k" });
/** Shared by every record; a newer copy keeps the old one so old records stay recognizable. */
let taskMeta = createTaskMeta();
let YIELD: Signal = { signal: "yield" };
let SUSPEND: Signal = { signal: "suspend" };
let PARK: Signal = { signal: "park" };
let IDLE: Signal = { signal: "idle" };
let RETIRED: Signal = { signal: "retired" };
/**
 * False while the frame driver sleeps (nothing to run): the first task queued then calls
 * `onWork` to wake it. One flag test per queued task is the whole cost of an idle driver.
 */
let awake = true;
let onWork: ((this: void) => void) | undefined;
/** Tasks created by createTask and not started. */
let pendingCount = 0;
/** awake, not forwarding and not tracing: async wrappers may take their inline path. */
let fastSpawn = true;
/** The copy this one forwards every call to: a newer one once retired (see retire). */
let successor: Core | undefined;
/** A newer copy waiting for this one to finish the run under way before taking over. */
let pendingSuccessor: Core | undefined;

// ---- Owners and run queues ---------------------------------------------------------------

function newOwner(this: void, name: string): Owner {
    ownerCount += 1;
    const owner: Owner = { name, index: ownerCount, cpu: 0, d: {}, dp: 1, dl: 0, i: {}, il: 0 };
    owners[ownerCount] = owner;
    ownersByName.set(name, owner);
    return owner;
}

/** The owner record for an addon name, created on first use. */
function ownerNamed(this: void, name: string): Owner {
    if (successor) {
        return successor.ownerNamed(name);
    }
    return ownersByName.get(name) ?? newOwner(name);
}

/** Writes the served owner's queue locals back to its record. */
function storeServing(this: void): void {
    serving.d = draining;
    serving.dp = drainPos;
    serving.dl = drainLen;
    serving.i = incoming;
    serving.il = incomingLen;
}

function loadServing(this: void, owner: Owner): void {
    serving = owner;
    draining = owner.d;
    drainPos = owner.dp;
    drainLen = owner.dl;
    incoming = owner.i;
    incomingLen = owner.il;
}

/** Starts the served owner's next pass: its incoming entries become the ones to drain. */
function startPass(this: void): void {
    const drained = draining;
    draining = incoming;
    drainLen = incomingLen;
    drainPos = 1;
    incoming = drained;
    incomingLen = 0;
}

/**
 * Serves the next owner after the served one (round robin) that has queued tasks, mid-pass or
 * starting one. False, changing nothing, when no other owner has any.
 */
function rotate(this: void): boolean {
    storeServing();
    let index = serving.index;
    for (const _ of $range(2, ownerCount)) {
        index = (index % ownerCount) + 1;
        const owner = owners[index];
        if (owner.dp <= owner.dl || owner.il > 0) {
            loadServing(owner);
            if (drainPos > drainLen) {
                startPass();
            }
            return true;
        }
    }
    return false;
}

/** Recomputes fastSpawn after awake, successor or traceCreation changed. */
function updateFastSpawn(this: void): void {
    fastSpawn = awake && successor === undefined && !traceCreation;
}

/** Wakes the frame driver: work has appeared while it slept. */
function wakeDriver(this: void): void {
    awake = true;
    updateFastSpawn();
    if (onWork !== undefined) {
        onWork();
    }
}

/** Appends a runnable task to its owner's queue unless it is already queued. */
function enqueue(this: void, task: TaskRecord): void {
    if (!awake) {
        wakeDriver();
    }
    if (!task[Slot.Queued]) {
        task[Slot.Queued] = true;
        const owner = task[Slot.Owner] as Owner;
        if (owner === serving) {
            incomingLen += 1;
            incoming[incomingLen] = task;
        } else {
            owner.il += 1;
            owner.i[owner.il] = task;
        }
    }
}

/**
 * Called when the served owner's pass is over: the next owner with work gets its turn, or the
 * served owner starts its next pass. False when nothing is queued.
 */
function refill(this: void): boolean {
    if (ownerCount > 1 && rotate()) {
        return true;
    }
    if (incomingLen === 0) {
        return false;
    }
    startPass();
    return true;
}

/** Removes and returns the next runnable task, or undefined when none is queued. */
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
 * Removes and returns the next runnable task if it has not started (a worker can run it
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
    if (successor) {
        return successor.finish(task, ...results);
    }
    const n = select("#", ...results);
    const old = task[Slot.Count] as number;
    task[Slot.Count] = n;
    if (n === 1) {
        const [first] = [...results]; // `local first = ...`: no select() call
        task[Slot.Values] = first;
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
    live -= 1;
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
    live -= 1;
    if (task[Slot.Waiter]) {
        wakeWaiters(task); // the waiters receive the error: it is handled
    } else {
        unobservedLen += 1;
        unobserved[unobservedLen] = task;
    }
}

/**
 * Reports, once each, failed tasks whose error no one has awaited or joined since they failed.
 * A reporter that raises does not stop the others, nor the scheduler.
 */
function reportUnobserved(this: void): void {
    const report = reporter;
    while (unobservedLen > 0) {
        const task = unobserved[unobservedLen] as TaskRecord;
        unobserved[unobservedLen] = undefined;
        unobservedLen -= 1;
        if (report !== undefined && !task.observed && !task.reported) {
            task.reported = true;
            pcall(report, task);
        }
    }
}

/** At the end of each run: report unhandled errors; hand over to a newer copy if one waits. */
function afterRun(this: void): void {
    if (current || forced > 0 || budgeted) {
        return; // an outer run is still under way
    }
    reportUnobserved();
    if (pendingSuccessor !== undefined) {
        const next = pendingSuccessor;
        pendingSuccessor = undefined;
        successor = next;
        updateFastSpawn();
        next.takeOver(exportState());
    }
}

// ---- Workers -----------------------------------------------------------------------------

/** Calls a task's body with all its arguments; a tail call, so it leaves no frame behind. */
function callWithArgs(this: void, task: TaskRecord): LuaMultiReturn<unknown[]> {
    const count = task[Slot.Count] as number;
    return (task[Slot.Fn] as Body)(...unpack(task as unknown as unknown[], Slot.Values, Slot.Values + count - 1));
}

/** Under runBudget: charges the finished slice to its owner and picks the next fresh task. */
function nextInBudget(this: void): TaskRecord | undefined {
    const now = clock();
    ((current as TaskRecord)[Slot.Owner] as Owner).cpu += now - sliceStart;
    sliceStart = now;
    if (now >= budgetEnd) {
        return undefined;
    }
    if (now - turnStart >= quantum && ownerCount > 1 && rotate()) {
        turnStart = now;
    }
    return takeFresh();
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
        if (successor) {
            yieldThread(RETIRED); // this copy's code is retired: the newer scheduler drops us
        }
        task = (inline && takeFresh()) || (budgeted && nextInBudget()) || (yieldThread(IDLE)[0] as TaskRecord);
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
 * Runs a runnable task until it (or the last task its worker went on to run) yields, suspends,
 * finishes or fails. Returns that last task.
 */
function runTask(this: void, task: TaskRecord): TaskRecord {
    const previous = current;
    let thread = task[Slot.Thread] as LuaThread | false;
    let ok: boolean;
    let signal: unknown;
    let target: unknown;
    if (thread) {
        // Mid-body: continue where it yielded or waited.
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
    // Most frequent first: a yield, then the end of a worker's run, then an await.
    if (signal === YIELD && ok) {
        // enqueue(last), inline: this runs on every yield. A yielding task is never queued.
        last[Slot.State] = RUNNABLE;
        last[Slot.Queued] = true;
        const owner = last[Slot.Owner] as Owner;
        if (owner === serving) {
            incomingLen += 1;
            incoming[incomingLen] = last;
        } else {
            owner.il += 1;
            owner.i[owner.il] = last;
        }
    } else if (!ok) {
        fail(last, signal, traceback(thread));
    } else if (signal === IDLE) {
        if (poolLen < poolMax) {
            poolLen += 1;
            pool[poolLen] = thread;
        }
    } else if (signal === SUSPEND) {
        // The await registered nothing before yielding (had that yield failed inside a pcall,
        // nothing would need undoing); the waiter is recorded here instead.
        const awaited = target as TaskRecord;
        if (awaited[Slot.Waiter]) {
            addWaiter(awaited, last);
        } else {
            last[Slot.State] = SUSPENDED;
            last[Slot.Awaiting] = awaited;
            awaited[Slot.Waiter] = last;
        }
    } else if (signal === PARK) {
        last[Slot.State] = SUSPENDED;
        last[Slot.Awaiting] = target;
        (target as Wait).task = last;
    } else if (signal !== RETIRED) {
        fail(
            last,
            "AsyncAwait: a task called coroutine.yield() directly; use AsyncAwait.yield() or await() inside tasks",
            traceback(thread),
        );
    }
    return last;
}

/**
 * Runs the next runnable task until it yields, suspends or finishes.
 * Returns true if it ran one, false if nothing was runnable.
 */
function schedule(this: void): boolean {
    if (successor) {
        return successor.schedule();
    }
    const task = dequeue();
    if (task === undefined) {
        return false;
    }
    const was = inline;
    inline = false;
    runTask(task);
    inline = was;
    afterRun();
    return true;
}

/** Runs tasks until none is runnable, including tasks created meanwhile. */
function scheduleAll(this: void): void {
    if (successor) {
        return successor.scheduleAll();
    }
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
    afterRun();
}

/** How many owners have queued tasks. */
function ownersWithWork(this: void): number {
    storeServing();
    let n = 0;
    for (const i of $range(1, ownerCount)) {
        const owner = owners[i];
        if (owner.dp <= owner.dl || owner.il > 0) {
            n += 1;
        }
    }
    return n;
}

/**
 * Runs tasks until `budgetMs` of `now()` time is spent or none is runnable. Owners with queued
 * tasks take turns of an equal share of the budget; each task's time is charged to its owner.
 * A task cannot be preempted: the run stops after the task that crosses the deadline.
 * Returns the milliseconds spent.
 */
function runBudget(this: void, budgetMs: number, now: (this: void) => number): number {
    if (successor) {
        return successor.runBudget(budgetMs, now);
    }
    const start = now();
    if (budgeted || forced > 0 || current) {
        return 0; // not re-entrant: a task cannot drive the scheduler it runs on
    }
    clock = now;
    budgetEnd = start + budgetMs;
    quantum = budgetMs / math.max(1, ownersWithWork());
    sliceStart = start;
    turnStart = start;
    budgeted = true;
    while (drainPos <= drainLen || refill()) {
        const task = draining[drainPos] as TaskRecord;
        draining[drainPos] = undefined;
        drainPos += 1;
        task[Slot.Queued] = false;
        if (task[Slot.State] === RUNNABLE) {
            const last = runTask(task);
            const t = now();
            (last[Slot.Owner] as Owner).cpu += t - sliceStart;
            sliceStart = t;
            if (t >= budgetEnd) {
                break;
            }
            if (t - turnStart >= quantum && ownerCount > 1 && rotate()) {
                turnStart = t;
            }
        }
    }
    budgeted = false;
    afterRun();
    return now() - start;
}

/**
 * Inside a task, gives up the rest of this turn: the task goes to the back of its queue.
 * Outside tasks, and while a task is being completed synchronously, it does nothing.
 */
function yieldTurn(this: void): void {
    if (successor) {
        return successor.yieldTurn();
    }
    if (current && forced === 0 && current[Slot.Thread] === running()) {
        yieldThread(YIELD);
    }
}

// ---- Tasks -------------------------------------------------------------------------------

/** The owner of tasks created now: the creating task's, else the default owner. */
function creatorOwner(this: void): Owner {
    return current ? (current[Slot.Owner] as Owner) : defaultOwner;
}

/** Makes a task record (slot order: see task.ts), attributed to `owner` or the creator's. */
function newTask(this: void, state: TaskState, owner: Owner | undefined, fn: AnyFunction, ...args: unknown[]): TaskRecord {
    if (successor) {
        return successor.newTask(state, owner, fn, ...args);
    }
    live += 1;
    if (state === "pending") {
        pendingCount += 1;
    }
    const o = owner !== undefined ? owner : creatorOwner();
    const task = setmeta([state, fn, false, false, false, false, select("#", ...args), o, ...args] as unknown as TaskRecord, taskMeta);
    if (traceCreation) {
        task.created = traceback(running()!, "", 3);
    }
    return task;
}

/** Whether a value is a task record (of this copy of the library or an older one). */
function isTask(this: void, value: unknown): value is TaskRecord {
    if (successor) {
        return successor.isTask(value);
    }
    // getmetatable takes any value, and is cheaper than type(), which interns a string per call.
    return getmeta(value as object) === taskMeta;
}

/** Makes a pending task runnable. */
function startTask(this: void, task: TaskRecord): void {
    if (successor) {
        return successor.startTask(task);
    }
    if (task[Slot.State] === "pending") {
        pendingCount -= 1;
    }
    task[Slot.State] = RUNNABLE;
    enqueue(task);
}

/**
 * The async wrapper of `fn`: each call queues a task running `fn` and returns it. Its tasks
 * belong to `owner`, or else to the task creating them, or else to the default owner.
 */
function wrapAsync(this: void, fn: AnyFunction, owner?: Owner): AnyFunction {
    const wrapper = (...args: unknown[]): TaskRecord => {
        if (!fastSpawn) {
            return startNew(newTask(RUNNABLE, owner, fn, ...args)); // see updateFastSpawn
        }
        live += 1;
        // A local, not an expression inside the record literal: TSTL would build it with helpers.
        const o = owner !== undefined ? owner : current ? (current[Slot.Owner] as Owner) : defaultOwner;
        // newTask's record, built here: a second vararg call would cost as much again.
        const task = setmeta(
            [RUNNABLE, fn, false, true, false, false, select("#", ...args), o, ...args] as unknown as TaskRecord,
            taskMeta,
        );
        // enqueue(task), inline
        if (o === serving) {
            incomingLen += 1;
            incoming[incomingLen] = task;
        } else {
            o.il += 1;
            o.i[o.il] = task;
        }
        return task;
    };
    asyncBodies.set(wrapper, fn);
    return wrapper;
}

function startNew(this: void, task: TaskRecord): TaskRecord {
    startTask(task);
    return task;
}

// ---- Waiting -----------------------------------------------------------------------------

/** Explains why `waiter` may not wait for `target`, or returns undefined. */
function cycleProblem(this: void, waiter: TaskRecord, target: TaskRecord): string | undefined {
    let t = target;
    while (t !== waiter) {
        if (t[Slot.State] !== SUSPENDED) {
            return undefined; // (a Wait has no State slot: the chain ends there too)
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
    const wasBudgeted = budgeted;
    inline = false;
    budgeted = false;
    let problem: string | undefined;
    while (target[Slot.State] !== DEAD) {
        const task = chain[top] as TaskRecord;
        const state = task[Slot.State];
        if (state === RUNNABLE) {
            runTask(task);
        } else if (state === DEAD) {
            chain[top] = undefined;
            top -= 1;
            chainTop = top;
        } else if (state === SUSPENDED && getmeta(task[Slot.Awaiting]) === taskMeta) {
            top += 1;
            chain[top] = task[Slot.Awaiting] as TaskRecord;
            chainTop = top;
        } else if (state === SUSPENDED) {
            problem = `cannot complete the task synchronously: it waits for ${(task[Slot.Awaiting] as Wait).what}; await it inside a task`;
            break;
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
    budgeted = wasBudgeted;
    afterRun();
    return problem;
}

/** The values of a dead task, or its error re-raised unchanged (level 0 adds no position). */
function valuesOf(this: void, task: TaskRecord): LuaMultiReturn<unknown[]> {
    const count = task[Slot.Count] as number;
    if (count === 1) {
        return task[Slot.Values];
    }
    if (count === FAILED) {
        task.observed = true;
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

/** The task whose own body is running now, or undefined (plain code, or a foreign coroutine). */
function runningTask(this: void): TaskRecord | undefined {
    if (successor) {
        return successor.runningTask();
    }
    return current && current[Slot.Thread] === running() ? current : undefined;
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
    if (successor) {
        return successor.awaitValue(value, ...args);
    }
    if (getmeta(value as object) === taskMeta) {
        const task = value as TaskRecord;
        const state = task[Slot.State];
        if (state === DEAD) {
            return valuesOf(task);
        }
        if (state === "pending") {
            error("AsyncAwait: await(future): the task is pending; start it with startTask(task) first", 2);
        }
        // Inside a task awaiting a runnable task (the common case) there is nothing to check.
        if (state !== RUNNABLE || !current || current[Slot.Thread] !== running()) {
            const problem = prepareWait(task);
            if (problem !== undefined) {
                error(`AsyncAwait: await(future): ${problem}`, 2);
            }
            if (task[Slot.State] === DEAD) {
                return valuesOf(task); // completed synchronously
            }
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
    if (successor) {
        return successor.joinWait(task);
    }
    if (task[Slot.State] !== DEAD) {
        const problem = prepareWait(task);
        if (problem !== undefined) {
            return problem;
        }
        if (task[Slot.State] !== DEAD) {
            yieldThread(SUSPEND, task);
        }
    }
    task.observed = true;
    return undefined;
}

/**
 * Suspends the running task on `wait`, something outside the scheduler that will call
 * wakeParked; returns the values passed there. The caller registers `wait` first.
 */
function park(this: void, wait: Wait): LuaMultiReturn<unknown[]> {
    if (successor) {
        return successor.park(wait);
    }
    yieldThread(PARK, wait);
    const values = wait.values!;
    return unpack(values as unknown as unknown[], 1, values.n);
}

/** Makes a task parked on `wait` runnable; its park call returns `values`. */
function wakeParked(this: void, wait: Wait, ...values: unknown[]): void {
    if (successor) {
        return successor.wakeParked(wait, ...values);
    }
    const task = wait.task;
    // A wait whose yield failed (inside a pcall) never parked: nothing to wake.
    if (task !== undefined && task[Slot.Awaiting] === wait) {
        const n = select("#", ...values);
        if (n === 0) {
            wait.values = NO_VALUES; // timers and frame waits: no table per wake
        } else {
            const packed: { n: number; [index: number]: unknown } = { n };
            for (const i of $range(1, n)) {
                packed[i] = select(i, ...values)[0];
            }
            wait.values = packed;
        }
        wait.task = undefined;
        wake(task);
    }
}

// ---- Settings, introspection and handover ------------------------------------------------

/** Counters for specs and diagnostics. */
export interface Snapshot {
    current: TaskRecord | false;
    forced: number;
    inline: boolean;
    budgeted: boolean;
    chainTop: number;
    poolLen: number;
    poolMax: number;
    queued: number;
    live: number;
    pendingCount: number;
    ownerCount: number;
    awake: boolean;
}

function snapshot(this: void): Snapshot {
    if (successor) {
        return successor.snapshot();
    }
    storeServing();
    let queued = 0;
    for (const i of $range(1, ownerCount)) {
        const o = owners[i];
        queued += o.dl - o.dp + 1 + o.il;
    }
    return { current, forced, inline, budgeted, chainTop, poolLen, poolMax, queued, live, pendingCount, ownerCount, awake };
}

/** Whether any task is queued (entries may be stale: then a run finds nothing to do). */
function hasQueued(this: void): boolean {
    if (successor) {
        return successor.hasQueued();
    }
    if (drainPos <= drainLen || incomingLen > 0) {
        return true;
    }
    for (const i of $range(1, ownerCount)) {
        const o = owners[i];
        if (o !== serving && (o.dp <= o.dl || o.il > 0)) {
            return true;
        }
    }
    return false;
}

/** The owner records, in round-robin order. */
function ownerList(this: void): Owner[] {
    if (successor) {
        return successor.ownerList();
    }
    storeServing();
    const list: Owner[] = [];
    for (const i of $range(1, ownerCount)) {
        list.push(owners[i]);
    }
    return list;
}

/** Caps the idle worker pool (default 256 coroutines, ~1.3 KB each). */
function setPoolMax(this: void, max: number): void {
    if (successor) {
        return successor.setPoolMax(max);
    }
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

function setReporter(this: void, fn: ((this: void, task: TaskRecord) => void) | undefined): void {
    if (successor) {
        return successor.setReporter(fn);
    }
    reporter = fn;
}

function setTraceCreation(this: void, on: boolean): void {
    if (successor) {
        return successor.setTraceCreation(on);
    }
    traceCreation = on;
    updateFastSpawn();
}

/** Replaces how tracebacks of a coroutine are taken (where Lua's debug.traceback is missing). */
function setTracer(this: void, tracer: (this: void, thread: LuaThread, message?: string, level?: number) => string): void {
    if (successor) {
        return successor.setTracer(tracer);
    }
    traceback = tracer;
}

/** The frame driver goes to sleep; the next queued task calls `hook` (and sets awake again). */
function sleepDriver(this: void, hook: (this: void) => void): void {
    if (successor) {
        return successor.sleepDriver(hook);
    }
    awake = false;
    onWork = hook;
    updateFastSpawn();
}

/** All state a newer copy takes over. Idle workers stay behind: they run this copy's code. */
export interface CoreState {
    current: TaskRecord | false;
    forced: number;
    inline: boolean;
    owners: LuaArray<Owner>;
    ownerCount: number;
    ownersByName: LuaTable<string, Owner>;
    serving: Owner;
    defaultOwner: Owner;
    live: number;
    poolMax: number;
    chain: LuaArray<TaskRecord | undefined>;
    chainTop: number;
    unobserved: LuaArray<TaskRecord | undefined>;
    unobservedLen: number;
    reporter: ((this: void, task: TaskRecord) => void) | undefined;
    traceCreation: boolean;
    awake: boolean;
    onWork: ((this: void) => void) | undefined;
    pendingCount: number;
    asyncBodies: LuaTable<AnyFunction, AnyFunction>;
    taskMeta: LuaMetatable<TaskRecord>;
    signals: { YIELD: Signal; SUSPEND: Signal; PARK: Signal; IDLE: Signal; RETIRED: Signal };
}

function exportState(this: void): CoreState {
    storeServing();
    return {
        current, forced, inline, owners, ownerCount, ownersByName, serving, defaultOwner, live, poolMax,
        chain, chainTop, unobserved, unobservedLen, reporter, traceCreation, awake, onWork, pendingCount,
        asyncBodies, taskMeta, signals: { YIELD, SUSPEND, PARK, IDLE, RETIRED },
    };
}

/** Takes over the state of an older copy; call before this copy runs anything. */
function adopt(this: void, s: CoreState): void {
    // Async functions this copy made while it forwarded to the older one stay awaitable inline.
    for (const [wrapper, body] of pairs(asyncBodies)) {
        s.asyncBodies.set(wrapper, body);
    }
    ({ current, forced, inline, owners, ownerCount, ownersByName, defaultOwner, live, poolMax } = s);
    ({ chain, chainTop, unobserved, unobservedLen, reporter, traceCreation, awake, onWork, pendingCount } = s);
    ({ asyncBodies, taskMeta } = s);
    ({ YIELD, SUSPEND, PARK, IDLE, RETIRED } = s.signals);
    loadServing(s.serving);
}

/**
 * Hands this copy over to a newer one: `next.takeOver(state)` now, or, if tasks are running
 * right now (the newer copy was loaded from inside a task), as soon as the run under way ends.
 * Until then the newer copy forwards its calls here, so one scheduler runs at any time.
 * Afterwards this copy forwards every call to the newer one.
 */
function retire(this: void, next: Core): void {
    if (current || forced > 0 || budgeted) {
        pendingSuccessor = next;
        next.forwardTo(core);
        return;
    }
    successor = next;
    updateFastSpawn();
    next.takeOver(exportState());
}

/** Forwards every call to `other` (an older copy still finishing a run), or stops forwarding. */
function forwardTo(this: void, other: Core | undefined): void {
    successor = other;
    updateFastSpawn();
}

/** Takes over an older copy's state and stops forwarding to it. */
function takeOver(this: void, s: CoreState): void {
    adopt(s);
    successor = undefined;
    updateFastSpawn();
}

const core = {
    awaitValue, dequeue, enqueue, exportState, finish, forwardTo, hasQueued, isTask, joinWait, newTask, ownerList,
    ownerNamed, park, pooledWorker, retire, runBudget, runningTask, schedule, scheduleAll, setPoolMax,
    setReporter, setTraceCreation, setTracer, sleepDriver, snapshot, startTask, takeFresh, takeOver,
    wakeParked, wrapAsync, yieldTurn,
};
/** The functions a copy of the core offers; a retired copy forwards to its successor's. */
export type Core = typeof core;

export {
    awaitValue, core, dequeue, enqueue, exportState, forwardTo, hasQueued, isTask, joinWait, newTask, ownerList,
    ownerNamed, park, pooledWorker, retire, runBudget, runningTask, schedule, scheduleAll, setPoolMax,
    setReporter, setTraceCreation, setTracer, sleepDriver, snapshot, startTask, takeFresh, takeOver,
    wakeParked, wrapAsync, yieldTurn,
};
