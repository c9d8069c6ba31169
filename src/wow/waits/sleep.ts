/** @noSelfInFile */
/** `sleep(seconds)`: timers in a binary min-heap by deadline, woken at the start of a frame. */
import { describe, isFiniteNumber, raiseAtCaller, tooManyArguments } from "../../core/errors";
import { wakeParked } from "../../core/kernel";
import type { LuaArray } from "../../core/types";
import type { Wait } from "../../core/task";
import { client } from "../client";
import type { Future } from "../../core/types";
import { DriverHooks, TIME_TOLERANCE, WaitKind, newerGlue, waitOnValue } from "../kinds";

/**
 * A task sleeping until GetTime() reaches `due`; `seq` orders equal deadlines. A timer that
 * wakes no task (a timeout's) calls `fire` instead.
 */
export interface TimerWait extends Wait {
    due: number;
    seq: number;
    /** Its index in the heap (kept up to date by this module; checked before use); 0 once out of it. */
    slot?: number;
    fire?: (this: void, timer: TimerWait) => void;
}

/** This kind's fields of the glue state. */
export interface SleepState {
    heap: LuaArray<TimerWait | undefined>;
    heapLen: number;
    seq: number;
}

/** @handedOver WowState (this kind\'s fields of it, bound at start) */
let fields: SleepState;
/** @transient per copy: this copy's driver hooks, bound at start */
let driver: DriverHooks;

function before(a: TimerWait, b: TimerWait): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

function place(heap: LuaArray<TimerWait | undefined>, i: number, wait: TimerWait): void {
    heap[i] = wait;
    wait.slot = i;
}

/** Moves the entry at `i` up or down to its place. */
function sift(i: number): void {
    const heap = fields.heap;
    const n = fields.heapLen;
    const wait = heap[i] as TimerWait;
    while (i > 1) {
        const parent = math.floor(i / 2);
        const p = heap[parent] as TimerWait;
        if (!before(wait, p)) {
            break;
        }
        place(heap, i, p);
        i = parent;
    }
    while (true) {
        let child = i * 2;
        if (child > n) {
            break;
        }
        if (child < n && before(heap[child + 1] as TimerWait, heap[child] as TimerWait)) {
            child += 1;
        }
        if (!before(heap[child] as TimerWait, wait)) {
            break;
        }
        place(heap, i, heap[child] as TimerWait);
        i = child;
    }
    place(heap, i, wait);
}

function push(wait: TimerWait): void {
    fields.heapLen += 1;
    fields.heap[fields.heapLen] = wait;
    sift(fields.heapLen);
}

/** Removes the entry at `i` (1: the earliest). */
function removeAt(i: number): void {
    const heap = fields.heap;
    const last = heap[fields.heapLen] as TimerWait;
    heap[fields.heapLen] = undefined;
    fields.heapLen -= 1;
    if (i <= fields.heapLen) {
        heap[i] = last;
        sift(i);
    }
}

export const sleepKind: WaitKind<SleepState, { sleep: typeof sleep }> = {
    name: "sleep",
    label: "sleeping",
    entries: { sleep },
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.heap ??= {};
        fields.heapLen ??= 0;
        fields.seq ??= 0;
    },
    attach: (wait) => {
        push(wait as TimerWait);
        driver.wantFrame((wait as TimerWait).due);
    },
    count: () => fields.heapLen,
    nextDue: () => (fields.heapLen > 0 ? fields.heap[1]!.due : undefined),
    onFrame: (now) => {
        while (fields.heapLen > 0 && fields.heap[1]!.due <= now + TIME_TOLERANCE) {
            const wait = fields.heap[1] as TimerWait;
            removeAt(1);
            wait.slot = 0;
            if (wait.fire !== undefined) {
                wait.fire(wait);
            } else {
                wakeParked(wait);
            }
        }
    },
    detach: (wait) => {
        const heap = fields.heap;
        let slot = (wait as TimerWait).slot;
        if (slot === 0) {
            slot = undefined; // out of the heap already
        } else if (slot === undefined || heap[slot] !== wait) {
            // An older copy's cached sleep() moved entries without tracking slots: search.
            slot = undefined;
            for (const i of $range(1, fields.heapLen)) {
                if (heap[i] === wait) {
                    slot = i;
                    break;
                }
            }
        }
        if (slot !== undefined) {
            removeAt(slot);
        }
        (wait as TimerWait).slot = 0;
        wait.task = undefined;
    },
    each: (visit) => {
        for (const i of $range(1, fields.heapLen)) {
            visit(fields.heap[i] as TimerWait);
        }
    },
};

/**
 * Suspends the running task until the first frame whose GetTime() is at least `seconds` from
 * now, and returns nothing. Outside a task, returns a future that resolves then.
 *
 * ```lua
 * AsyncAwait.sleep(1.5) -- in a task: carries on 1.5 s later, at the start of a frame
 * ```
 */
export function sleep(seconds: number, ...extra: unknown[]): Future<void> | undefined {
    const newer = newerGlue();
    if (newer) {
        return newer.sleep(seconds, ...extra);
    }
    if (!isFiniteNumber(seconds) || seconds < 0) {
        raiseAtCaller(`AsyncAwait: sleep(seconds): expected a finite number >= 0, got ${describe(seconds)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("sleep(seconds)", 1, 1 + select("#", ...extra)));
    }
    return waitOnValue(newTimer(`sleep(${seconds})`, seconds), driver) as Future<void> | undefined;
}

/** A timer wait for `seconds` from now (not attached yet). */
export function newTimer(what: string, seconds: number): TimerWait {
    fields.seq += 1;
    return { what, kind: "sleep", due: client.GetTime() + seconds, seq: fields.seq };
}
