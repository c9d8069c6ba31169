/**
 * The frame driver: one hidden-when-idle frame whose OnUpdate wakes due timers, frame and
 * condition waiters, then runs tasks within a time budget measured with debugprofilestop().
 * With nothing runnable, no frame waiter and no condition, it hides its frame, so no OnUpdate
 * runs at all; the next queued task, due timer (a C_Timer set for the earliest deadline) or
 * awaited event shows it again.
 */
import * as core from "../core/scheduler";
import { Wait } from "../core/task";
import { bindWaits, deliverEvent, heapPop } from "./waits";
import { PredicateWait, RECENT_FRAMES, WowState } from "./state";

let W: WowState;

/** The budget for this frame, in ms: fixed, or a fraction of the last frame clamped to min..max. */
function frameBudget(this: void): number {
    const b = W.budget;
    if (b.ms !== undefined) {
        return b.ms;
    }
    return math.min(b.max, math.max(b.min, W.lastFrameMs * b.fraction));
}

/** Wakes the tasks waiting for this frame (those that began to wait before it). */
function wakeFrameWaiters(this: void): void {
    const n = W.frameWaitsLen;
    if (n === 0) {
        return;
    }
    const list = W.frameWaits;
    W.frameWaits = {};
    W.frameWaitsLen = 0;
    for (const i of $range(1, n)) {
        core.wakeParked(list[i] as Wait);
    }
}

function wakeDueTimers(this: void, now: number): void {
    while (W.heapLen > 0 && W.heap[1]!.due <= now) {
        core.wakeParked(heapPop());
    }
}

/** Checks each condition once; wakes the tasks whose condition holds (or raised). */
function checkPredicates(this: void): void {
    const n = W.predicatesLen;
    if (n === 0) {
        return;
    }
    const list = W.predicates;
    let kept = 0;
    for (const i of $range(1, n)) {
        const wait = list[i] as PredicateWait;
        list[i] = undefined;
        const [ok, value] = pcall(wait.predicate);
        if (!ok || value) {
            // A predicate that raises wakes its task with nothing; the task re-checks as it likes.
            core.wakeParked(wait, ok ? value : undefined);
        } else {
            kept += 1;
            list[kept] = wait;
        }
    }
    W.predicatesLen = kept;
}

function recordFrame(this: void, spent: number, budget: number): void {
    W.recentPos = (W.recentPos % RECENT_FRAMES) + 1;
    W.recentSpent[W.recentPos] = spent;
    W.recentBudget[W.recentPos] = budget;
}

function onUpdate(this: void, _frame: WowFrame, elapsed: number): void {
    W.lastFrameMs = elapsed * 1000;
    wakeFrameWaiters();
    wakeDueTimers(GetTime());
    checkPredicates();
    const budget = frameBudget();
    const spent = core.runBudget(budget, debugprofilestop);
    recordFrame(spent, budget);
    if (!core.hasQueued() && W.frameWaitsLen === 0 && W.predicatesLen === 0) {
        goIdle();
    }
}

function onEvent(this: void, _frame: WowFrame, event: string, ...payload: unknown[]): void {
    deliverEvent(event, ...payload);
}

/** Shows the frame if it sleeps: there is work for the next OnUpdate. */
function ensureRunning(this: void): void {
    if (!W.running) {
        W.running = true;
        W.frame!.Show();
    }
}

/** A C_Timer set while sleeping fires: wake up if a timer is due by now. */
function onWakeTimer(this: void): void {
    W.wakeAt = 0;
    if (W.heapLen > 0 && W.heap[1]!.due <= GetTime()) {
        ensureRunning();
    } else {
        armWakeTimer();
    }
}

/** While sleeping, makes sure a C_Timer will wake the driver for the earliest deadline. */
function armWakeTimer(this: void): void {
    if (W.running || W.heapLen === 0) {
        return;
    }
    const due = W.heap[1]!.due;
    if (W.wakeAt === 0 || due < W.wakeAt) {
        W.wakeAt = due;
        C_Timer.After(math.max(0, due - GetTime()), onWakeTimer);
    }
}

function goIdle(this: void): void {
    W.running = false;
    W.frame!.Hide();
    core.sleepDriver(ensureRunning);
    armWakeTimer();
}

/** Called by the waits: a timer, frame or condition waiter was added. */
function needDriver(this: void): void {
    if (W.running) {
        return;
    }
    if (W.frameWaitsLen > 0 || W.predicatesLen > 0) {
        ensureRunning();
    } else {
        armWakeTimer();
    }
}

/**
 * Starts (or, after an upgrade, takes over) the driver on `state`: the frame is reused when the
 * state has one, and its scripts are replaced by this copy's.
 */
export function startDriver(this: void, state: WowState): void {
    W = state;
    bindWaits(state, needDriver);
    if (W.frame === undefined) {
        W.frame = CreateFrame("Frame");
        for (const [event] of W.events) {
            W.frame.RegisterEvent(event);
        }
    }
    W.frame.SetScript("OnUpdate", onUpdate);
    W.frame.SetScript("OnEvent", onEvent);
    W.running = true;
    W.frame.Show();
}

/** Sets the per-frame budget: `{ ms = n }` fixed, or `{ fraction = f, min = a, max = b }`. */
export function setBudget(this: void, budget: { ms?: number; fraction?: number; min?: number; max?: number }): void {
    W.budget = {
        ms: budget.ms,
        fraction: budget.fraction ?? 0.2,
        min: budget.min ?? 1,
        max: budget.max ?? 8,
    };
}

/** The live glue state (for the slash command and specs). */
export function wowState(this: void): WowState {
    return W;
}
