/** @noSelfInFile */
/**
 * The scheduler's hot path: per-addon FIFO run queues, pooled worker coroutines, the run loops
 * (schedule, scheduleAll, runBudget), async wrappers, await/join/park/wake, finish and fail.
 * It knows nothing of WoW: the client glue (src/wow/) gives it a clock and drives it.
 *
 * Everything the run loop touches lives in this module's locals: Lua 5.1 reads an upvalue about
 * four times faster than a table field, and the loop touches this state on every resume. The
 * locals cache the persistent core state (state.ts): syncState writes them back, loadState
 * reads them, and everything cold (forced completion, cycle checks, unhandled errors,
 * introspection, cancellation, the handover to another copy: lifecycle.ts) lives in its own
 * module and works on that state. Lua allows a function 200 locals, and each top-level name
 * here is one (a named import too): cold modules are imported as namespaces, and only what the
 * per-resume path calls is a local (spec/bundle/limits.lua keeps this module at 100).
 *
 * Exports, by audience (the build checks who imports what: .dependency-cruiser.cjs):
 * - the kernel API, for src/wow/ and src/api/, which import it from kernel.ts only;
 * - cold-core hooks, for the cold modules of src/core/ alone;
 * - the handover, for src/versions/, which imports it from lifecycle.ts only.
 * Each exported function's comment names its group.
 *
 * Every entry point (versions/handover.ts lists them) first forwards to `forwardTarget` when
 * there is one: a newer copy once this one is retired, or an older one still finishing its run.
 *
 * Never resume or yield inside pcall here: Lua 5.1 cannot yield across a C call. A task's error
 * kills its worker coroutine instead, and `coroutine.resume` reports it.
 */
// Namespaces: what is called only off the per-resume path costs one local per module.
import * as errors from "./errors";
import type { RuntimeError } from "./errors";
import { EagerLimit } from "./eager";
import * as forced from "./forced";
import type { AnyFunction, Entries, LuaArray } from "./types";
import type { Signal, Tracer } from "./state";
import { wholeState } from "./wholeState";
import { FAILED, Notify, Owner, QueueArray, Slot, TaskRecord, TaskState, Wait, Watcher, WatcherSlot } from "./task";
import * as slices from "./slices";
import * as trace from "./trace";
import * as unhandled from "./unhandled";

const resume = coroutine.resume;
const running = coroutine.running;
const yieldThread = coroutine.yield;
const getmeta = getmetatable;
const setmeta = setmetatable;

type Body = (...args: unknown[]) => LuaMultiReturn<unknown[]>;
const NO_VALUES = { n: 0 };

// ---- State (see state.ts for what each field means) ----------------------------------------

/**
 * The task whose body is executing (set by workers and runTask), else false.
 * @transient run state: a handover happens between runs, when none of this is under way
 */
let current: TaskRecord | false = false;
/**
 * Depth of forced (synchronous) completions under way (forced.ts); yield() is a no-op meanwhile.
 * @transient run state
 */
let forcedDepth = 0;
/**
 * Inside scheduleAll: a worker whose body returned goes on to the next fresh task itself.
 * @transient run state
 */
let workerRunsNext = false;
/**
 * Inside runBudget: its clock, deadline, the current slice's and owner turn's start, the turn length.
 * @transient run state
 */
let inBudgetRun = false;
let clock: () => number = () => 0;
let budgetEnd = 0;
let sliceStart = 0;
let turnStart = 0;
let quantum = 0;
/**
 * Slices from this many ms are noted (slices.ts); one test per slice on the run loop.
 * @transient derived from longSliceMs by loadState
 */
let sliceFloor = 1;

/**
 * The served owner's run queue, out of its record (see Owner in task.ts): most programs have
 * one owner, and then every queue operation stays on locals. Owners are served round robin, a
 * pass each (and, under runBudget, a time quantum each), so no addon's backlog starves another's
 * tasks. A forced completion may run a queued task out of turn, so an entry can be stale when it
 * comes up; it is skipped. The Queued slot keeps a task from being queued twice.
 * @handedOver owners, ownerCount, serving, defaultOwner (the served owner's queue positions too: storeServing)
 */
let owners: LuaArray<Owner>;
let ownerCount = 0;
let serving: Owner;
let defaultOwner: Owner;
let draining: QueueArray;
let drainPos = 1;
let drainLen = 0;
let incoming: QueueArray;
let incomingLen = 0;

/** @handedOver live, pendingCount */
let live = 0;
let pendingCount = 0;
/**
 * Idle workers: a stack of at most `poolMax` coroutines waiting for a task.
 * @transient per copy: they run this copy's workerMain
 */
const pool: LuaArray<LuaThread | undefined> = {};
let poolLen = 0;
/** @handedOver poolMax, traceCreation, awake, onWork, onPark, asyncBodies, taskMeta, tracer */
let poolMax = 256;
let traceCreation = false;
let awake = true;
let onWork: (() => void) | undefined;
let onPark: ((wait: Wait) => void) | undefined;
let asyncBodies: LuaTable<AnyFunction, AnyFunction>;
let taskMeta: LuaMetatable<TaskRecord>;
let tracer: Tracer;
/** @handedOver signals (shared by every copy: compared by identity) */
let YIELD: Signal;
let SUSPEND: Signal;
let PARK: Signal;
let IDLE: Signal;
let RETIRED: Signal;
/**
 * What runTask compares a run's signal against to take its usual branches: YIELD, SUSPEND, PARK
 * and IDLE, or, while a running task is asked to cancel, NO_SIGNAL (no signal is that), so that
 * every end of a run goes to endedWhileAsked, which then calls honorCancelRequests (cancel.ts).
 * No test on the run loop pays for cancellation otherwise; `yieldMatch === NO_SIGNAL` is the
 * one test for "a cancellation is asked" elsewhere.
 * @transient derived from the cancel requests under way, which end with the run
 */
let yieldMatch: Signal;
let suspendMatch: Signal;
let parkMatch: Signal;
let idleMatch: Signal;
const NO_SIGNAL: Signal = { signal: "none" };
let honorCancelRequests: () => boolean;

function setSignalMatches(cancelAsked: boolean): void {
    yieldMatch = cancelAsked ? NO_SIGNAL : YIELD;
    suspendMatch = cancelAsked ? NO_SIGNAL : SUSPEND;
    parkMatch = cancelAsked ? NO_SIGNAL : PARK;
    idleMatch = cancelAsked ? NO_SIGNAL : IDLE;
}
/**
 * awake, not forwarding and not tracing: async wrappers may take their fast path.
 * @transient derived from awake, forwardTarget and traceCreation
 */
let fastSpawn = true;
/**
 * The copy this one forwards every call to: a newer one once retired, or an older one finishing its run.
 * @transient per copy
 */
let forwardTarget: Entries | undefined;
/**
 * Whether `forwardTarget` is a newer copy that took this one's state over.
 * @transient per copy
 */
let retired = false;
/**
 * A newer copy's takeover, due when the run under way ends (lifecycle.ts: awaitHandover).
 * @transient per copy
 */
let handoverDue: (() => void) | undefined;

/**
 * Writes back to the persistent state what the hot path changes in the locals. Cold code that
 * changes the state calls syncState(), edits the state, then loadState() (see settings.ts).
 * (Cold-core hook and handover.)
 */
export function syncState(): void {
    storeServing();
    wholeState.serving = serving;
    wholeState.live = live;
    wholeState.pendingCount = pendingCount;
    wholeState.awake = awake;
}

/** Reads the persistent state into the locals (after it was created, changed or taken over). (Cold-core hook and handover.) */
export function loadState(): void {
    ({ owners, ownerCount, defaultOwner, live, pendingCount, poolMax, traceCreation, awake, onWork, onPark } = wholeState);
    ({ asyncBodies, taskMeta, tracer } = wholeState);
    ({ YIELD, SUSPEND, PARK, IDLE, RETIRED } = wholeState.signals);
    setSignalMatches(yieldMatch === NO_SIGNAL);
    sliceFloor = slices.sliceFloor();
    loadServing(wholeState.serving);
    while (poolLen > poolMax) {
        pool[poolLen] = undefined;
        poolLen -= 1;
    }
    updateFastSpawn();
}

// ---- Owners and run queues ---------------------------------------------------------------

/** Writes the served owner's queue locals back to its record. */
function storeServing(): void {
    serving.draining = draining;
    serving.drainPos = drainPos;
    serving.drainLen = drainLen;
    serving.incoming = incoming;
    serving.incomingLen = incomingLen;
}

function loadServing(owner: Owner): void {
    serving = owner;
    draining = owner.draining;
    drainPos = owner.drainPos;
    drainLen = owner.drainLen;
    incoming = owner.incoming;
    incomingLen = owner.incomingLen;
}

/** Starts the served owner's next pass: its incoming entries become the ones to drain. */
function startPass(): void {
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
function rotate(): boolean {
    storeServing();
    let index = serving.index;
    for (const _ of $range(2, ownerCount)) {
        index = (index % ownerCount) + 1;
        const owner = owners[index];
        if (owner.drainPos <= owner.drainLen || owner.incomingLen > 0) {
            loadServing(owner);
            if (drainPos > drainLen) {
                startPass();
            }
            return true;
        }
    }
    return false;
}

/** Recomputes fastSpawn after awake, forwardTarget or traceCreation changed. */
function updateFastSpawn(): void {
    fastSpawn = awake && forwardTarget === undefined && !traceCreation;
}

/** Wakes the frame driver: work has appeared while it slept. */
function wakeDriver(): void {
    awake = true;
    updateFastSpawn();
    if (onWork !== undefined) {
        onWork();
    }
}

/** Appends a runnable task to its owner's queue unless it is already queued. */
function enqueue(task: TaskRecord): void {
    if (!awake) {
        wakeDriver();
    }
    if (!task[Slot.Queued]) {
        task[Slot.Queued] = true;
        const owner = task[Slot.Owner] as Owner;
        if (owner === serving) {
            const len = incomingLen + 1;
            incomingLen = len;
            incoming[len] = task;
        } else {
            owner.incomingLen += 1;
            owner.incoming[owner.incomingLen] = task;
        }
    }
}

/**
 * Called when the served owner's pass is over: the next owner with work gets its turn, or the
 * served owner starts its next pass. False when nothing is queued.
 */
function refill(): boolean {
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
function dequeue(): TaskRecord | undefined {
    while (drainPos <= drainLen || refill()) {
        const pos = drainPos;
        const queue = draining;
        const task = queue[pos] as TaskRecord;
        queue[pos] = undefined;
        drainPos = pos + 1;
        task[Slot.Queued] = false;
        if (task[Slot.State] === "runnable") {
            return task;
        }
    }
    return undefined;
}

/**
 * Removes and returns the next runnable task if it has not started (a worker can run it
 * itself); returns undefined, leaving that task queued, if it is mid-body or none is queued.
 */
function takeFresh(): TaskRecord | undefined {
    while (drainPos <= drainLen || refill()) {
        const pos = drainPos;
        const task = draining[pos] as TaskRecord;
        const runnable = task[Slot.State] === "runnable";
        if (runnable && task[Slot.Thread]) {
            return undefined;
        }
        draining[pos] = undefined;
        drainPos = pos + 1;
        task[Slot.Queued] = false;
        if (runnable) {
            return task;
        }
    }
    return undefined;
}

// ---- Completion --------------------------------------------------------------------------

/** Makes a task suspended on something runnable again. */
function wakeTask(waiter: TaskRecord): void {
    waiter[Slot.Awaiting] = false;
    waiter[Slot.State] = "runnable";
    enqueue(waiter);
}

/**
 * Notifies a waiter of `task`, which just died: a task suspended on it is woken; a Watcher (a
 * combinator's gate, deferred cleanup) is called now. A task waiter's Awaiting slot is `task`.
 */
function notifyWaiter(waiter: TaskRecord | Watcher, task: TaskRecord): void {
    if ((waiter as TaskRecord)[Slot.Awaiting] === task) {
        wakeTask(waiter as TaskRecord);
    } else {
        ((waiter as Watcher)[WatcherSlot.Notify] as Notify)(waiter as Watcher, task);
    }
}

/** Notifies the waiters of a task that just died after its first, in the order they began to wait. */
function notifyLaterWaiters(task: TaskRecord): void {
    // rawget: a missing field of a task record would call the metatable's __index (taskIndex).
    const more = rawget(task, "waiters" as never) as TaskRecord["waiters"];
    if (more) {
        task.waiters = undefined;
        for (const i of $range(1, (more as unknown as unknown[]).length)) {
            notifyWaiter(more[i], task);
        }
    }
}

/** Records that `waiter` is suspended until `target` is dead. */
function addWaiter(target: TaskRecord, waiter: TaskRecord): void {
    waiter[Slot.State] = "suspended";
    waiter[Slot.Awaiting] = target;
    addWatcher(target, waiter);
}

/**
 * Adds a waiter (a task already marked suspended on `target`, or a Watcher) to `target`'s.
 * (Cold-core hook: gates.ts, cleanup.ts.)
 */
export function addWatcher(target: TaskRecord, waiter: TaskRecord | Watcher): void {
    if (!target[Slot.Waiter]) {
        target[Slot.Waiter] = waiter;
        return;
    }
    let more = rawget(target, "waiters" as never) as TaskRecord["waiters"];
    if (!more) {
        more = {};
        target.waiters = more;
    }
    more[(more as unknown as unknown[]).length + 1] = waiter;
}

/** Ends a task with the values its body returned: they replace its arguments. (Handover: an entry.) */
function finish(task: TaskRecord, ...results: unknown[]): void {
    if (forwardTarget) {
        return forwardTarget.finish(task, ...results);
    }
    const n = select("#", ...results);
    const argCount = task[Slot.ArgCount] as number;
    task[Slot.ResultCount] = n;
    if (n === 1) {
        const [first] = [...results]; // `local first = ...`: no select() call
        task[Slot.FirstResult] = first;
    } else {
        for (const i of $range(1, n)) {
            task[Slot.FirstResult + i - 1] = select(i, ...results)[0];
        }
    }
    if (argCount > n) {
        // Arguments past the results (the slots are shared: see task.ts) are cleared.
        for (const i of $range(n + 1, argCount)) {
            task[Slot.FirstArg + i - 1] = undefined;
        }
    }
    task[Slot.Thread] = false;
    task[Slot.State] = "dead";
    live -= 1;
    const first = task[Slot.Waiter] as TaskRecord | Watcher | false;
    if (first) {
        // notifyWaiter, inline: an awaited task usually has one waiter, a task or a gate.
        task[Slot.Waiter] = false;
        if ((first as TaskRecord)[Slot.Awaiting] === task) {
            // Inlined copy of wakeTask(first) and its enqueue, two calls less per await (spec/core/inlined.spec.ts).
            (first as TaskRecord)[Slot.Awaiting] = false;
            (first as TaskRecord)[Slot.State] = "runnable";
            if (!awake) {
                wakeDriver();
            }
            if (!(first as TaskRecord)[Slot.Queued]) {
                (first as TaskRecord)[Slot.Queued] = true;
                const owner = (first as TaskRecord)[Slot.Owner] as Owner;
                if (owner === serving) {
                    const len = incomingLen + 1;
                    incomingLen = len;
                    incoming[len] = first as TaskRecord;
                } else {
                    owner.incomingLen += 1;
                    owner.incoming[owner.incomingLen] = first as TaskRecord;
                }
            }
        } else {
            ((first as Watcher)[WatcherSlot.Notify] as Notify)(first as Watcher, task);
        }
        if (rawget(task, "waiters" as never) !== undefined) {
            notifyLaterWaiters(task);
        }
    }
}

/** Ends a task with an error. Its coroutine is abandoned: it died, or is stuck mid-body. */
function fail(task: TaskRecord, err: unknown, where: string): void {
    for (const i of $range(1, task[Slot.ArgCount] as number)) {
        task[Slot.FirstArg + i - 1] = undefined;
    }
    task[Slot.ResultCount] = FAILED;
    task.error = err;
    task.traceback = where;
    task[Slot.Thread] = false;
    task[Slot.State] = "dead";
    live -= 1;
    const first = task[Slot.Waiter] as TaskRecord | Watcher | false;
    // A task awaiting it receives the error: it is handled. Otherwise see whether anyone will.
    if (!first || (first as TaskRecord)[Slot.Awaiting] !== task) {
        unhandled.noteFailure(task);
    }
    if (first) {
        task[Slot.Waiter] = false;
        notifyWaiter(first, task);
        notifyLaterWaiters(task);
    }
}

/**
 * Ends a task that has not finished with `err`, now: a pending or queued one never runs, a
 * suspended one (already detached from what it waited for: cancel.ts) never resumes.
 * (Cold-core hook: cancel.ts.)
 */
export function endTask(task: TaskRecord, err: unknown): void {
    if (task[Slot.State] === "pending") {
        pendingCount -= 1;
    }
    task[Slot.Awaiting] = false;
    fail(task, err, "");
}

/**
 * Cancellations of running tasks wait for their next suspension: runTask then calls `honor`.
 * (Cold-core hook: cancel.ts.)
 */
export function requestCancels(honor: () => boolean): void {
    honorCancelRequests = honor;
    setSignalMatches(true);
}

/**
 * runTask's handling of the end of a run while a running task is asked to cancel: the usual one
 * (as runTask's branches do it), then the requests (the task asked may have stopped running:
 * suspended, or returned). False for a signal that is none of these (a direct yield).
 */
function endedWhileAsked(task: TaskRecord, thread: LuaThread, signal: unknown, target: unknown): boolean {
    if (signal === YIELD) {
        task[Slot.State] = "runnable";
        enqueue(task);
    } else if (signal === SUSPEND) {
        addWaiter(target as TaskRecord, task);
    } else if (signal === PARK) {
        task[Slot.State] = "suspended";
        task[Slot.Awaiting] = target;
        (target as Wait).task = task;
        if (onPark !== undefined) {
            onPark(target as Wait);
        }
    } else if (signal === IDLE) {
        if (poolLen < poolMax) {
            poolLen += 1;
            pool[poolLen] = thread;
        }
    } else if (signal !== RETIRED) {
        return false; // (a retired copy's worker whose task ended: nothing to do but the requests)
    }
    setSignalMatches(honorCancelRequests());
    return true;
}

/**
 * Where a task asked to cancel while running ends, when the yield, await or wait it calls has no
 * need to suspend (the awaited task is dead, the predicate already true): it yields here, and
 * runTask ends it as at any suspension. Anywhere else, nothing happens. (Kernel API.)
 */
export function cancellationPoint(): void {
    if (
        yieldMatch === NO_SIGNAL &&
        current &&
        current[Slot.Thread] === running() &&
        rawget(current, "cancelRequest" as never) !== undefined
    ) {
        yieldThread(YIELD);
    }
}

/** At the end of each run: report unhandled errors; hand over to a newer copy if one waits. */
function afterRun(): void {
    if (current || forcedDepth > 0 || inBudgetRun) {
        return; // an outer run is still under way
    }
    unhandled.reportUnobserved();
    if (handoverDue !== undefined) {
        const handOver = handoverDue;
        handoverDue = undefined;
        handOver();
    }
}

// ---- Workers -----------------------------------------------------------------------------

/** Calls a task's body with all its arguments; a tail call, so it leaves no frame behind. */
function callWithArgs(task: TaskRecord): LuaMultiReturn<unknown[]> {
    const count = task[Slot.ArgCount] as number;
    return (task[Slot.Fn] as Body)(...unpack(task as unknown as unknown[], Slot.FirstArg, Slot.FirstArg + count - 1));
}

/** Under runBudget: charges the finished slice to its owner and picks the next fresh task. */
function nextInBudget(): TaskRecord | undefined {
    const now = clock();
    const ran = now - sliceStart;
    ((current as TaskRecord)[Slot.Owner] as Owner).cpu += ran;
    if (ran >= sliceFloor) {
        slices.noteSlice(current as TaskRecord, ran);
    }
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
function workerMain(me: LuaThread): void {
    let task = yieldThread(IDLE)[0] as TaskRecord;
    while (true) {
        current = task;
        task[Slot.Thread] = me;
        task[Slot.State] = "running";
        // unpack is a C call; most bodies take one argument or none.
        if (task[Slot.ArgCount] === 1) {
            finish(task, ...(task[Slot.Fn] as Body)(task[Slot.FirstArg]));
        } else {
            finish(task, ...callWithArgs(task));
        }
        if (forwardTarget) {
            yieldThread(RETIRED); // this copy's code is retired: the newer scheduler drops us
        }
        task = false as unknown as TaskRecord;
        if (workerRunsNext) {
            // Inlined copy of takeFresh(), a call less per task (spec/core/inlined.spec.ts).
            while (drainPos <= drainLen || refill()) {
                const pos = drainPos;
                const next = draining[pos] as TaskRecord;
                const runnable = next[Slot.State] === "runnable";
                if (runnable && next[Slot.Thread]) {
                    break;
                }
                draining[pos] = undefined;
                drainPos = pos + 1;
                next[Slot.Queued] = false;
                if (runnable) {
                    task = next;
                    break;
                }
            }
        } else if (inBudgetRun) {
            task = nextInBudget() as TaskRecord;
        }
        if (!task) {
            // `task` is false while idle: a pooled worker keeps no finished task (nor its results) alive.
            task = yieldThread(IDLE)[0] as TaskRecord;
        }
    }
}

/** A new worker, waiting for its first task (the pool is empty: rare once it is warm). */
function newWorker(): LuaThread {
    const thread = coroutine.create(workerMain);
    resume(thread, thread);
    return thread;
}

// ---- Running -----------------------------------------------------------------------------

/**
 * The end of a run that is not a yield (runTask and scheduleAll test for that first): a failure,
 * the end of a worker's run, an await, a park, or a signal that is none of these.
 */
function endRun(last: TaskRecord, thread: LuaThread, ok: boolean, signal: unknown, target: unknown): void {
    if (!ok) {
        fail(last, signal, tracer(thread));
        if (yieldMatch === NO_SIGNAL) {
            setSignalMatches(honorCancelRequests()); // a task asked to cancel may have failed first
        }
    } else if (signal === idleMatch) {
        if (poolLen < poolMax) {
            poolLen += 1;
            pool[poolLen] = thread;
        }
    } else if (signal === suspendMatch) {
        // The await registered nothing before yielding (had that yield failed inside a pcall,
        // nothing would need undoing); the waiter is recorded here instead.
        const awaited = target as TaskRecord;
        if (awaited[Slot.Waiter]) {
            addWaiter(awaited, last);
        } else {
            last[Slot.State] = "suspended";
            last[Slot.Awaiting] = awaited;
            awaited[Slot.Waiter] = last;
        }
    } else if (signal === parkMatch) {
        last[Slot.State] = "suspended";
        last[Slot.Awaiting] = target;
        (target as Wait).task = last;
        // Registered only now that the task has parked: a park that failed (inside a pcall)
        // leaves nothing registered.
        if (onPark !== undefined) {
            onPark(target as Wait);
        }
    } else if (!(yieldMatch === NO_SIGNAL ? endedWhileAsked(last, thread, signal, target) : signal === RETIRED)) {
        const message = "AsyncAwait: a task called coroutine.yield() directly; use AsyncAwait.yield() or await() inside tasks";
        fail(last, errors.runtimeError("DirectYield", message), tracer(thread));
    }
}

/**
 * Runs a runnable task until it (or the last task its worker went on to run) yields, suspends,
 * finishes or fails. Returns that last task. (Also a cold-core hook: forced.ts, through lifecycle.ts.)
 */
function runTask(task: TaskRecord): TaskRecord {
    const previous = current;
    let thread = task[Slot.Thread] as LuaThread | false;
    let ok: boolean;
    let signal: unknown;
    let target: unknown;
    if (thread) {
        // Mid-body: continue where it yielded or waited.
        current = task;
        task[Slot.State] = "running";
        [ok, signal, target] = resume(thread);
    } else {
        // An idle worker from the pool (no call for it: every fresh task that waits comes here).
        if (poolLen === 0) {
            thread = newWorker();
        } else {
            thread = pool[poolLen] as LuaThread;
            pool[poolLen] = undefined;
            poolLen -= 1;
        }
        [ok, signal, target] = resume(thread, task);
    }
    // Workers set `current` to each task they run: this is the one that stopped.
    const last = current as TaskRecord;
    current = previous;
    // Most frequent first: a yield, then the rest (endRun).
    if (signal === yieldMatch && ok) {
        // Inlined copy of enqueue(last): this runs on every yield. A yielding task is never queued.
        last[Slot.State] = "runnable";
        last[Slot.Queued] = true;
        const owner = last[Slot.Owner] as Owner;
        if (owner === serving) {
            const len = incomingLen + 1;
            incomingLen = len;
            incoming[len] = last;
        } else {
            owner.incomingLen += 1;
            owner.incoming[owner.incomingLen] = last;
        }
    } else {
        endRun(last, thread, ok, signal, target);
    }
    return last;
}

/**
 * Runs the next runnable task until it yields, suspends or finishes.
 * Returns true if it ran one, false if nothing was runnable. (Kernel API.)
 */
export function schedule(): boolean {
    if (forwardTarget) {
        return forwardTarget.schedule();
    }
    const task = dequeue();
    if (task === undefined) {
        return false;
    }
    const was = workerRunsNext;
    workerRunsNext = false;
    runTask(task);
    workerRunsNext = was;
    afterRun();
    return true;
}

/** Runs tasks until none is runnable, including tasks created meanwhile. (Kernel API.) */
export function scheduleAll(): void {
    if (forwardTarget) {
        return forwardTarget.scheduleAll();
    }
    const was = workerRunsNext;
    workerRunsNext = forcedDepth === 0;
    const previous = current; // what runTask restores after each run
    // Inlined copy of dequeue(): this loop is the hot path of every yield (spec/core/inlined.spec.ts
    // checks the copies against the original).
    while (drainPos <= drainLen || refill()) {
        const pos = drainPos;
        const queue = draining;
        const task = queue[pos] as TaskRecord;
        queue[pos] = undefined;
        drainPos = pos + 1;
        task[Slot.Queued] = false;
        if (task[Slot.State] === "runnable") {
            let thread = task[Slot.Thread] as LuaThread | false;
            if (thread) {
                // Inlined copy of runTask's run of a mid-body task, a call less per switch.
                current = task;
                task[Slot.State] = "running";
                const [ok, signal, target] = resume(thread);
                const last = current as TaskRecord;
                current = previous;
                if (signal === yieldMatch && ok) {
                    last[Slot.State] = "runnable";
                    last[Slot.Queued] = true;
                    const owner = last[Slot.Owner] as Owner;
                    if (owner === serving) {
                        const len = incomingLen + 1;
                        incomingLen = len;
                        incoming[len] = last;
                    } else {
                        owner.incomingLen += 1;
                        owner.incoming[owner.incomingLen] = last;
                    }
                } else if (signal === idleMatch && ok) {
                    // endRun's branches for the end of a worker's run and an await no other
                    // task shares, inline too: every task that waits comes here twice.
                    if (poolLen < poolMax) {
                        poolLen += 1;
                        pool[poolLen] = thread;
                    }
                } else if (signal === suspendMatch && ok && !(target as TaskRecord)[Slot.Waiter]) {
                    last[Slot.State] = "suspended";
                    last[Slot.Awaiting] = target;
                    (target as TaskRecord)[Slot.Waiter] = last;
                } else {
                    endRun(last, thread, ok, signal, target);
                }
            } else {
                // Inlined copy of runTask's start of a fresh task, a call less per task that waits.
                if (poolLen === 0) {
                    thread = newWorker();
                } else {
                    thread = pool[poolLen] as LuaThread;
                    pool[poolLen] = undefined;
                    poolLen -= 1;
                }
                const [ok, signal, target] = resume(thread, task);
                const last = current as TaskRecord;
                current = previous;
                if (signal === yieldMatch && ok) {
                    last[Slot.State] = "runnable";
                    last[Slot.Queued] = true;
                    const owner = last[Slot.Owner] as Owner;
                    if (owner === serving) {
                        const len = incomingLen + 1;
                        incomingLen = len;
                        incoming[len] = last;
                    } else {
                        owner.incomingLen += 1;
                        owner.incoming[owner.incomingLen] = last;
                    }
                } else {
                    endRun(last, thread, ok, signal, target);
                }
            }
        }
    }
    workerRunsNext = was;
    afterRun();
}

/**
 * Runs tasks until `budgetMs` of `now()` time is spent or none is runnable. Owners with queued
 * tasks take turns of an equal share of the budget; each task's time is charged to its owner.
 * A task cannot be preempted: the run stops after the task that crosses the deadline.
 * Returns the milliseconds spent. (Kernel API: the frame driver.)
 */
export function runBudget(budgetMs: number, now: () => number): number {
    if (forwardTarget) {
        return forwardTarget.runBudget(budgetMs, now);
    }
    const start = now();
    if (inBudgetRun || forcedDepth > 0 || current) {
        return 0; // not re-entrant: a task cannot drive the scheduler it runs on
    }
    clock = now;
    budgetEnd = start + budgetMs;
    // Each owner with queued tasks gets an equal turn.
    storeServing();
    let withWork = 0;
    for (const i of $range(1, ownerCount)) {
        const owner = owners[i];
        if (owner.drainPos <= owner.drainLen || owner.incomingLen > 0) {
            withWork += 1;
        }
    }
    quantum = budgetMs / math.max(1, withWork);
    sliceStart = start;
    turnStart = start;
    inBudgetRun = true;
    // Inlined copy of dequeue(), as in scheduleAll.
    while (drainPos <= drainLen || refill()) {
        const pos = drainPos;
        const queue = draining;
        const task = queue[pos] as TaskRecord;
        queue[pos] = undefined;
        drainPos = pos + 1;
        task[Slot.Queued] = false;
        if (task[Slot.State] === "runnable") {
            const last = runTask(task);
            const t = now();
            const ran = t - sliceStart;
            (last[Slot.Owner] as Owner).cpu += ran;
            if (ran >= sliceFloor) {
                slices.noteSlice(last, ran);
            }
            sliceStart = t;
            // A newer copy loaded by that task takes over as soon as this run ends: end it now.
            if (t >= budgetEnd || handoverDue !== undefined) {
                break;
            }
            if (t - turnStart >= quantum && ownerCount > 1 && rotate()) {
                turnStart = t;
            }
        }
    }
    inBudgetRun = false;
    afterRun();
    const spent = now() - start;
    // A newer copy loaded by a task took over as this run ended: it runs the rest of the budget.
    if (retired && spent < budgetMs) {
        return spent + forwardTarget!.runBudget(budgetMs - spent, now);
    }
    return spent;
}

/**
 * Inside a task, gives up the rest of this turn: the task goes to the back of its queue.
 * Outside tasks, and while a task is being completed synchronously, it does nothing. (Kernel API.)
 */
export function yieldTurn(extra?: unknown): void {
    // The yield itself first: a copy that forwards runs no task (it hands over between runs, and
    // one forwarding to an older copy runs none), so `current` is false there.
    // One test for extra arguments, not select("#", ...): that would cost a tenth of a yield.
    // yield(nil, x) passes.
    if (extra === undefined && current && forcedDepth === 0 && current[Slot.Thread] === running()) {
        yieldThread(YIELD);
        return;
    }
    if (forwardTarget) {
        return forwardTarget.yieldTurn(extra);
    }
    if (extra !== undefined) {
        errors.raiseAtCaller(errors.tooManyArguments("yield()", 0, 1, extra));
    }
    if (yieldMatch === NO_SIGNAL) {
        cancellationPoint(); // a task being completed synchronously still ends here if asked to
    }
}

// ---- Tasks -------------------------------------------------------------------------------

/**
 * Makes a task record (slot order: see task.ts), attributed to `owner` or the creator's.
 * (Kernel API; an entry.)
 */
function newTask(state: TaskState, owner: Owner | undefined, fn: AnyFunction, ...args: unknown[]): TaskRecord {
    if (forwardTarget) {
        return forwardTarget.newTask(state, owner, fn, ...args);
    }
    live += 1;
    if (state === "pending") {
        pendingCount += 1;
    }
    const o = owner !== undefined ? owner : current ? (current[Slot.Owner] as Owner) : defaultOwner;
    const n = select("#", ...args);
    // A constructor sizes its array for its fixed items: a record ending in `...` would grow (a
    // second allocation) for its first argument. Most bodies take one argument or none.
    let task: TaskRecord;
    if (n === 1) {
        const [first] = [...args]; // `local first = ...`
        task = setmeta([state, fn, false, false, false, false, n, o, first] as unknown as TaskRecord, taskMeta);
    } else if (n === 0) {
        task = setmeta([state, fn, false, false, false, false, n, o] as unknown as TaskRecord, taskMeta);
    } else {
        // eslint-disable-next-line no-restricted-syntax -- the record is this one table constructor, `{..., ...}`
        task = setmeta([state, fn, false, false, false, false, n, o, ...args] as unknown as TaskRecord, taskMeta);
    }
    if (traceCreation) {
        task.created = trace.currentTrace();
    }
    return task;
}

/** Whether a value is a task record (of this copy of the library or an older one). (Kernel API.) */
export function isTask(value: unknown): value is TaskRecord {
    if (forwardTarget) {
        return forwardTarget.isTask(value);
    }
    // getmetatable takes any value, and is cheaper than type(), which interns a string per call.
    return getmeta(value as object) === taskMeta;
}

/** Makes a pending task runnable. (Kernel API; an entry; a cold-core hook of eager.ts.) */
function startTask(task: TaskRecord): void {
    if (forwardTarget) {
        return forwardTarget.startTask(task);
    }
    if (task[Slot.State] === "pending") {
        pendingCount -= 1;
    }
    task[Slot.State] = "runnable";
    enqueue(task);
}

/**
 * The async wrapper of `fn`: each call queues a task running `fn` and returns it. Its tasks
 * belong to `owner`, or else to the task creating them, or else to the default owner. `madeAt`
 * ("file:line") is where it was made, for reports: recorded in the state of the copy that runs,
 * which a forwarding copy's async() cannot reach itself. (Kernel API.)
 */
export function wrapAsync(fn: AnyFunction, owner?: Owner, madeAt?: string): AnyFunction {
    if (forwardTarget) {
        return forwardTarget.wrapAsync(fn, owner, madeAt);
    }
    if (madeAt !== undefined) {
        wholeState.madeAt.set(fn, madeAt);
    }
    const wrapper = (...args: unknown[]): TaskRecord => {
        if (!fastSpawn) {
            // See updateFastSpawn: waking the driver, forwarding, tracing.
            const task = newTask("runnable", owner, fn, ...args);
            startTask(task);
            return task;
        }
        live += 1;
        // A local, not an expression inside the record literal: TSTL would build it with helpers.
        const o = owner !== undefined ? owner : current ? (current[Slot.Owner] as Owner) : defaultOwner;
        // Inlined copy of newTask's record: a second vararg call would cost as much again.
        const n = select("#", ...args);
        let task: TaskRecord;
        if (n === 1) {
            const [first] = [...args]; // `local first = ...`
            task = setmeta(["runnable", fn, false, true, false, false, n, o, first] as unknown as TaskRecord, taskMeta);
        } else if (n === 0) {
            task = setmeta(["runnable", fn, false, true, false, false, n, o] as unknown as TaskRecord, taskMeta);
        } else {
            // eslint-disable-next-line no-restricted-syntax -- the record is this one table constructor, `{..., ...}`
            task = setmeta(["runnable", fn, false, true, false, false, n, o, ...args] as unknown as TaskRecord, taskMeta);
        }
        // Inlined copy of enqueue(task) (spec/core/inlined.spec.ts).
        if (o === serving) {
            const len = incomingLen + 1;
            incomingLen = len;
            incoming[len] = task;
        } else {
            o.incomingLen += 1;
            o.incoming[o.incomingLen] = task;
        }
        return task;
    };
    asyncBodies.set(wrapper, fn);
    return wrapper;
}

// ---- Waiting -----------------------------------------------------------------------------

/** The values of a dead task, or its error re-raised unchanged (level 0 adds no position). */
function valuesOf(task: TaskRecord): LuaMultiReturn<unknown[]> {
    const count = task[Slot.ResultCount] as number;
    if (count === 1) {
        return task[Slot.FirstResult];
    }
    if (count === FAILED) {
        task.observed = true;
        if (current) {
            current.causedBy = task; // its report, should it fail with this error, follows the chain
        }
        errors.raiseValue(task.error, 0);
    }
    return unpack(task as unknown as unknown[], Slot.FirstResult, Slot.FirstResult + count - 1);
}

/**
 * Suspends the running task until `target` is dead, then returns the target's values.
 * Tail-called: a suspended task keeps its stack, and frames left below the yield can push it
 * past its first 40 slots.
 */
function suspendUntilDead(target: TaskRecord): LuaMultiReturn<unknown[]> {
    yieldThread(SUSPEND, target);
    // valuesOf's first case, without the call: most tasks return one value.
    if (target[Slot.ResultCount] === 1) {
        return target[Slot.FirstResult];
    }
    return valuesOf(target);
}

/** The task whose own body is running now, or undefined (plain code, or a foreign coroutine). (Kernel API.) */
export function runningTask(): TaskRecord | undefined {
    if (forwardTarget) {
        return forwardTarget.runningTask();
    }
    return current && current[Slot.Thread] === running() ? current : undefined;
}

/**
 * `await`: the values of a future (see api/tasks.ts for the contract), or an async function's
 * body called directly. Lives here, not in the API module, to spare every await a call. (Kernel API.)
 */
export function awaitValue(value: unknown, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    if (forwardTarget) {
        return forwardTarget.awaitValue(value, ...args);
    }
    if (getmeta(value as object) === taskMeta) {
        const [extra] = [...args]; // `local extra = ...`: no select() call on this hot path
        if (extra !== undefined) {
            errors.raiseAtCaller(errors.tooManyArguments("await(future)", 1, 1 + select("#", ...args)));
        }
        const task = value as TaskRecord;
        const state = task[Slot.State];
        if (state === "dead") {
            if (yieldMatch === NO_SIGNAL) {
                cancellationPoint();
            }
            if (task[Slot.ResultCount] === 1) {
                return task[Slot.FirstResult]; // valuesOf's first case, without the call
            }
            return valuesOf(task);
        }
        if (state === "pending") {
            errors.raiseAtCaller("AsyncAwait: await(future): the task is pending; start it with startTask(task) first");
        }
        // Inside a task awaiting a runnable task (the common case) there is nothing to check.
        if (state !== "runnable" || !current || current[Slot.Thread] !== running()) {
            const problem = forced.completeOrCheckCycle(task, current && current[Slot.Thread] === running() ? current : undefined);
            if (problem !== undefined) {
                errors.raise(problem.kind, `AsyncAwait: await(future): ${problem.message}`);
            }
            if (task[Slot.State] === "dead") {
                return valuesOf(task); // completed synchronously
            }
        }
        return suspendUntilDead(task); // a tail call: see suspendUntilDead
    }
    if (type(value) === "function") {
        const body = asyncBodies.get(value as AnyFunction);
        if (body === undefined) {
            errors.raiseAtCaller("AsyncAwait: await(fn, ...): expected an async function (made by async), got a plain function");
        }
        if (yieldMatch === NO_SIGNAL) {
            cancellationPoint();
        }
        return body(...args);
    }
    errors.raiseAtCaller(`AsyncAwait: await(future): expected a future or an async function, got ${errors.describe(value)}`);
}

/**
 * Waits like await but returns nothing and raises nothing; returns the runtime error that kept
 * it from waiting (its message without a position), or undefined. (Kernel API.)
 */
export function joinWait(task: TaskRecord): RuntimeError | undefined {
    if (forwardTarget) {
        return forwardTarget.joinWait(task);
    }
    if (task[Slot.State] !== "dead") {
        const problem = forced.completeOrCheckCycle(task, current && current[Slot.Thread] === running() ? current : undefined);
        if (problem !== undefined) {
            return problem;
        }
        if (task[Slot.State] !== "dead") {
            yieldThread(SUSPEND, task);
        }
    } else if (yieldMatch === NO_SIGNAL) {
        cancellationPoint();
    }
    task.observed = true;
    return undefined;
}

/**
 * Suspends the running task on `wait`, something outside the scheduler that will call
 * wakeParked (or failParked); returns the values passed there. Once the task has parked, the
 * onPark setting registers the wait (src/wow/kinds.ts). (Kernel API.)
 */
export function park(wait: Wait): LuaMultiReturn<unknown[]> {
    if (forwardTarget) {
        return forwardTarget.park(wait);
    }
    yieldThread(PARK, wait);
    // `wait.values`, not resume arguments: an older copy's park may be the one waiting here.
    const values = wait.values!;
    return unpack(values as unknown as unknown[], 1, values.n);
}

/** Makes a task parked on `wait` runnable; its park call returns `values`. (Kernel API.) */
export function wakeParked(wait: Wait, ...values: unknown[]): void {
    if (forwardTarget) {
        return forwardTarget.wakeParked(wait, ...values);
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
        const timer = wait.timer;
        if (timer !== undefined && wholeState.onDetach !== undefined) {
            // Its timeout lost: released now, not when the task resumes (it may be cancelled first).
            wait.timer = undefined;
            wholeState.onDetach(timer);
        }
        wakeTask(task);
    }
}

/**
 * Ends a task parked on `wait` with an error: a callback the wait ran for it (a predicate, a
 * filter) raised. Its coroutine is abandoned, as for any failure. (Kernel API.)
 */
export function failParked(wait: Wait, err: unknown, where: string): void {
    if (forwardTarget) {
        return forwardTarget.failParked(wait, err, where);
    }
    const task = wait.task;
    if (task !== undefined && task[Slot.Awaiting] === wait) {
        wait.task = undefined;
        task[Slot.Awaiting] = false;
        fail(task, err, where);
        afterRun(); // outside a run (an event): report now if no one awaits it
    }
}

/** The values a woken wait carries: the body of a task parked outside any task (newParkedTask). */
function waitValues(wait: Wait): LuaMultiReturn<unknown[]> {
    const values = wait.values!;
    return unpack(values as unknown as unknown[], 1, values.n);
}

/**
 * A task suspended on `wait` from the start (a wait called outside any task, a combinator's
 * result, a delayed call), attributed to `owner` or the creator's: once woken it runs
 * `then(...)` (by default it returns the wait's values). (Kernel API.)
 */
export function newParkedTask(wait: Wait, owner: Owner | undefined, then?: AnyFunction, ...args: unknown[]): TaskRecord {
    const task = then !== undefined ? newTask("suspended", owner, then, ...args) : newTask("suspended", owner, waitValues, wait);
    task[Slot.Awaiting] = wait;
    wait.task = task;
    return task;
}

// ---- Run state, for cold modules and other copies --------------------------------------------

/** The transient run state, for introspection. (Cold-core hook: introspect.ts.) */
export function runState(): LuaMultiReturn<[TaskRecord | false, number, boolean, boolean, number]> {
    return $multi(current, forcedDepth, workerRunsNext, inBudgetRun, poolLen);
}

/** Whether no run is under way (no task running, no forced completion, no budgeted run). (Kernel API.) */
export function atRest(): boolean {
    return !current && forcedDepth === 0 && !inBudgetRun;
}

/**
 * Enters a forced completion (forced.ts): only the await chain may run, so workers must not go
 * on to other queued tasks, and budget bookkeeping pauses. Returns what leaveForced restores.
 * (Cold-core hook: forced.ts, wired by lifecycle.ts.)
 */
export function enterForced(): LuaMultiReturn<[boolean, boolean]> {
    const wasRunningNext = workerRunsNext;
    const wasInBudgetRun = inBudgetRun;
    forcedDepth += 1;
    workerRunsNext = false;
    inBudgetRun = false;
    return $multi(wasRunningNext, wasInBudgetRun);
}

/** Leaves a forced completion. (Cold-core hook: forced.ts, wired by lifecycle.ts.) */
export function leaveForced(wasRunningNext: boolean, wasInBudgetRun: boolean): void {
    forcedDepth -= 1;
    workerRunsNext = wasRunningNext;
    inBudgetRun = wasInBudgetRun;
    afterRun();
}

/** runNested's run of a runnable task (startNew's too): no other task, no budget books. */
function runInCaller(task: TaskRecord): void {
    const wasRunningNext = workerRunsNext;
    const wasInBudgetRun = inBudgetRun;
    workerRunsNext = false;
    inBudgetRun = false;
    runTask(task);
    workerRunsNext = wasRunningNext;
    inBudgetRun = wasInBudgetRun;
    if (!awake) {
        wakeDriver(); // (a yield in the nested run queued its task without waking it)
    }
    if (handoverDue !== undefined && atRest()) {
        const handOver = handoverDue;
        handoverDue = undefined;
        handOver();
    }
}

/**
 * A start inside the caller (eager.ts): the pending task becomes runnable without being queued
 * and runs now. The nested run goes on to no other task and keeps no budget books. Unhandled
 * errors are not reported at its end (the caller has not had the future yet): at the end of
 * the run under way, or of the next one, which a sleeping driver is woken for.
 * (Cold-core hook: eager.ts.)
 */
export function runNested(task: TaskRecord): void {
    pendingCount -= 1;
    task[Slot.State] = "runnable";
    runInCaller(task);
}

/**
 * The TypeScript plugin's async call, in one call: a new task of `owner` running `fn(...args)`,
 * started inside the caller as startNow starts one (eager.ts), and returned. Past eager.ts's
 * depth limit it is queued instead. (An entry: the plugin's code calls it.)
 */
export function startNew(owner: Owner, fn: AnyFunction, ...args: unknown[]): TaskRecord {
    if (forwardTarget) {
        return forwardTarget.startNew(owner, fn, ...args);
    }
    live += 1;
    const count = select("#", ...args);
    let task: TaskRecord;
    if (count === 1) {
        // A record of fixed length is made at its size; `...` at its end would grow it after.
        const [arg] = [...args];
        task = setmeta(["runnable", fn, false, false, false, false, 1, owner, arg] as unknown as TaskRecord, taskMeta);
    } else {
        // eslint-disable-next-line no-restricted-syntax -- the record is this one table constructor, `{..., ...}`
        task = setmeta(["runnable", fn, false, false, false, false, count, owner, ...args] as unknown as TaskRecord, taskMeta);
    }
    if (traceCreation) {
        task.created = trace.currentTrace();
    }
    const eager = wholeState.eager;
    if (eager.depth >= EagerLimit.MaxDepth) {
        enqueue(task);
        return task;
    }
    eager.depth += 1;
    runInCaller(task); // a task that was never pending
    eager.depth -= 1;
    return task;
}

/**
 * await of a value known to be a task record (the TypeScript plugin's await has looked at its
 * metatable): awaitValue's common cases without its checks of what it was given, the rest by
 * awaitValue. (An entry: the plugin's code calls it.)
 */
export function awaitTask(task: TaskRecord): LuaMultiReturn<unknown[]> {
    if (forwardTarget) {
        return forwardTarget.awaitTask(task);
    }
    const state = task[Slot.State];
    if (state === "dead" && yieldMatch !== NO_SIGNAL) {
        return valuesOf(task); // (no cancellation was asked for: no cancellation point to pass)
    }
    if (state === "runnable" && current && current[Slot.Thread] === running()) {
        return suspendUntilDead(task); // a tail call: see suspendUntilDead
    }
    return awaitValue(task);
}

/** Ends completeNew's task with pcall's outcome of its body. (Its second half: not a local, for the module's locals.) */
export function settleCompleted(task: TaskRecord, ...outcome: unknown[]): void {
    const [ok, err] = [...outcome]; // `local ok, err = ...`
    if (ok) {
        finish(task, ...select(2, ...outcome));
        return;
    }
    fail(task, err, tracer(undefined));
    if (!awake) {
        wakeDriver(); // its report, if no one handles the error, is due at the end of the next run
    }
}

/** pcall, as completeNew calls it. */
type ProtectedCall = (fn: AnyFunction, ...args: unknown[]) => LuaMultiReturn<unknown[]>;

/**
 * startNew for a body that cannot suspend, which the TypeScript plugin proves by its Lua calling
 * nothing (Lua 5.1 yields neither from an operator's metamethod nor across pcall): it runs to
 * its end in the call, on the caller's stack under pcall, and no worker is needed. The returned
 * task is dead. (An entry: the plugin's code calls it.)
 */
export function completeNew(owner: Owner, fn: AnyFunction, ...args: unknown[]): TaskRecord {
    if (forwardTarget) {
        return forwardTarget.completeNew(owner, fn, ...args);
    }
    live += 1;
    const count = select("#", ...args);
    let task: TaskRecord;
    if (count === 1) {
        // Made at its size, as startNew's.
        const [arg] = [...args];
        task = setmeta(["running", fn, false, false, false, false, 1, owner, arg] as unknown as TaskRecord, taskMeta);
    } else {
        // eslint-disable-next-line no-restricted-syntax -- the record is this one table constructor, `{..., ...}`
        task = setmeta(["running", fn, false, false, false, false, count, owner, ...args] as unknown as TaskRecord, taskMeta);
    }
    if (traceCreation) {
        task.created = trace.currentTrace();
    }
    settleCompleted(task, ...(pcall as unknown as ProtectedCall)(fn, ...args));
    return task;
}

/**
 * Starts or stops forwarding every call to `next`; `isNewer`: it took this copy's state over.
 * (Handover, through lifecycle.ts: forwardCalls, which tells eager.ts too.)
 */
export function setForwardTarget(next: Entries | undefined, isNewer: boolean): void {
    forwardTarget = next;
    retired = isNewer && next !== undefined;
    updateFastSpawn();
}

/** The copy this one forwards its calls to, if any (cold entry points forward there too). (Kernel API.) */
export function forwardingTo(): Entries | undefined {
    return forwardTarget;
}

/** The newer copy this one is retired to, if any (glue functions forward their calls to it). (Kernel API.) */
export function retiredTo(): Entries | undefined {
    return retired ? forwardTarget : undefined;
}

/**
 * Runs `handOver` (a newer copy's takeover) once the run under way ends, and ends a budgeted
 * run after its current task. (Handover, through lifecycle.ts: awaitHandover.)
 */
export function handOverAfterRun(handOver: () => void): void {
    handoverDue = handOver;
}

// Exported and still locals: called here too (an `export function` is a field of the module table).
export { finish, newTask, runTask, startTask };
/** For specs of the run queue. */
export { dequeue, enqueue };

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        awaitTask: typeof awaitTask;
        awaitValue: typeof awaitValue;
        completeNew: typeof completeNew;
        failParked: typeof failParked;
        finish: typeof finish;
        isTask: typeof isTask;
        joinWait: typeof joinWait;
        newTask: typeof newTask;
        park: typeof park;
        runBudget: typeof runBudget;
        runningTask: typeof runningTask;
        schedule: typeof schedule;
        scheduleAll: typeof scheduleAll;
        startNew: typeof startNew;
        startTask: typeof startTask;
        wakeParked: typeof wakeParked;
        wrapAsync: typeof wrapAsync;
        yieldTurn: typeof yieldTurn;
    }
}
