/**
 * Waiting on the game from inside a task: time, frames, events, conditions, combat. Each call
 * suspends the running task; called outside any task it returns a future (a task doing the
 * wait) instead. The driver (driver.ts) wakes the waiters.
 */
import * as core from "../core/scheduler";
import { describe } from "../core/errors";
import { TaskRecord, Wait } from "../core/task";
import { EventWait, PredicateWait, TimerWait, WowState } from "./state";

/** Set by the driver: the live glue state, and how to make sure the driver will run. */
let W: WowState;
let needDriver: (this: void) => void = () => undefined;

export function bindWaits(this: void, state: WowState, ensureDriver: (this: void) => void): void {
    W = state;
    needDriver = ensureDriver;
}

/** A future doing `fn(...)` as a task: what the waits return outside tasks. */
function asFuture(this: void, fn: (this: void, ...args: any[]) => unknown, ...args: unknown[]): LuaMultiReturn<[TaskRecord]> {
    const task = core.newTask("pending", undefined, fn, ...args);
    core.startTask(task);
    return $multi(task);
}

// ---- Timer heap ----------------------------------------------------------------------------

function before(this: void, a: TimerWait, b: TimerWait): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

export function heapPush(this: void, wait: TimerWait): void {
    const heap = W.heap;
    W.heapLen += 1;
    let i = W.heapLen;
    while (i > 1) {
        const parent = math.floor(i / 2);
        const p = heap[parent] as TimerWait;
        if (!before(wait, p)) {
            break;
        }
        heap[i] = p;
        i = parent;
    }
    heap[i] = wait;
}

export function heapPop(this: void): TimerWait {
    const heap = W.heap;
    const top = heap[1] as TimerWait;
    const last = heap[W.heapLen] as TimerWait;
    heap[W.heapLen] = undefined;
    W.heapLen -= 1;
    const n = W.heapLen;
    if (n > 0) {
        let i = 1;
        while (true) {
            let child = i * 2;
            if (child > n) {
                break;
            }
            if (child < n && before(heap[child + 1] as TimerWait, heap[child] as TimerWait)) {
                child += 1;
            }
            if (!before(heap[child] as TimerWait, last)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = last;
    }
    return top;
}

// ---- Waits ---------------------------------------------------------------------------------

/**
 * Suspends the running task until the first frame whose GetTime() is at least `seconds` from
 * now. Outside a task, returns a future that does so.
 */
export function sleep(this: void, seconds: number): LuaMultiReturn<unknown[]> {
    if (type(seconds) !== "number" || seconds < 0) {
        error(`AsyncAwait: sleep(seconds): expected a number >= 0, got ${describe(seconds)}`, 2);
    }
    if (core.runningTask() === undefined) {
        return asFuture(sleep, seconds);
    }
    W.seq += 1;
    const wait: TimerWait = { what: `sleep(${seconds})`, due: GetTime() + seconds, seq: W.seq };
    heapPush(wait);
    needDriver();
    return core.park(wait);
}

/** Suspends the running task until the next frame. Outside a task, returns a future. */
export function nextFrame(this: void): LuaMultiReturn<unknown[]> {
    if (core.runningTask() === undefined) {
        return asFuture(nextFrame);
    }
    const wait: Wait = { what: "nextFrame()" };
    W.frameWaitsLen += 1;
    W.frameWaits[W.frameWaitsLen] = wait;
    needDriver();
    return core.park(wait);
}

/**
 * Suspends the running task until `event` fires (with a payload `filter(...)` accepts, when
 * given) and returns the event's payload. The driver listens for the event only while someone
 * waits for it. Outside a task, returns a future.
 */
export function waitForEvent(
    this: void,
    event: string,
    filter?: (this: void, ...payload: unknown[]) => unknown,
): LuaMultiReturn<unknown[]> {
    if (type(event) !== "string") {
        error(`AsyncAwait: waitForEvent(event, filter): expected an event name, got ${describe(event)}`, 2);
    }
    if (filter !== undefined && type(filter) !== "function") {
        error(`AsyncAwait: waitForEvent(event, filter): expected a function or nil as filter, got ${describe(filter)}`, 2);
    }
    if (core.runningTask() === undefined) {
        return asFuture(waitForEvent, event, filter);
    }
    const wait: EventWait = { what: `event ${event}`, event, filter };
    let list = W.events.get(event);
    if (list === undefined) {
        list = [];
        W.events.set(event, list);
        W.frame?.RegisterEvent(event);
    }
    list.push(wait);
    return core.park(wait);
}

/**
 * Suspends the running task until `predicate()` returns a truthy value, checked at once and
 * then once per frame; returns that value. Outside a task, returns a future.
 */
export function waitUntil(this: void, predicate: (this: void) => unknown): LuaMultiReturn<unknown[]> {
    if (type(predicate) !== "function") {
        error(`AsyncAwait: waitUntil(predicate): expected a function, got ${describe(predicate)}`, 2);
    }
    if (core.runningTask() === undefined) {
        return asFuture(waitUntil, predicate);
    }
    const value = predicate();
    if (value) {
        return $multi(value);
    }
    const wait: PredicateWait = { what: "waitUntil(predicate)", predicate };
    W.predicatesLen += 1;
    W.predicates[W.predicatesLen] = wait;
    needDriver();
    return core.park(wait);
}

/**
 * Returns at once when the player is not in combat (InCombatLockdown() is false), else suspends
 * the running task until PLAYER_REGEN_ENABLED. Outside a task, returns a future.
 */
export function outOfCombat(this: void): LuaMultiReturn<unknown[]> {
    if (core.runningTask() === undefined) {
        return asFuture(outOfCombat);
    }
    if (!InCombatLockdown()) {
        return $multi();
    }
    return waitForEvent("PLAYER_REGEN_ENABLED");
}

/** Delivers an event to its waiters; unregisters it once none is left. */
export function deliverEvent(this: void, event: string, ...payload: unknown[]): void {
    const list = W.events.get(event);
    if (list === undefined) {
        return;
    }
    const kept: EventWait[] = [];
    for (const wait of list) {
        let accept = true;
        if (wait.filter !== undefined) {
            const [ok, result] = pcall(wait.filter, ...payload);
            accept = ok ? !!result : true; // a filter that raises lets the waiter see the event
        }
        if (accept) {
            core.wakeParked(wait, ...payload);
        } else {
            kept.push(wait);
        }
    }
    if (kept.length > 0) {
        W.events.set(event, kept);
    } else {
        W.events.delete(event);
        W.frame?.UnregisterEvent(event);
    }
}
