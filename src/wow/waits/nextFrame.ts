/** @noSelfInFile */
/** `nextFrame()`: waiters woken at the start of the next frame. */
import { raiseAtCaller, tooManyArguments } from "../../core/errors";
import { wakeParked } from "../../core/kernel";
import type { LuaArray } from "../../core/types";
import type { Wait } from "../../core/task";
import type { Future } from "../../core/types";
import { DriverHooks, WaitKind, eachIn, newerGlue, removeWait, waitOnValue } from "../kinds";

/** This kind's fields of the glue state. */
export interface FrameState {
    frameWaits: LuaArray<Wait | undefined>;
    frameWaitsLen: number;
}

let fields: FrameState;
let driver: DriverHooks;

export const nextFrameKind: WaitKind = {
    name: "nextFrame",
    label: "waiting for the next frame",
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.frameWaits ??= {};
        fields.frameWaitsLen ??= 0;
    },
    attach: (wait) => {
        fields.frameWaitsLen += 1;
        fields.frameWaits[fields.frameWaitsLen] = wait;
        driver.wantFrame(0);
    },
    count: () => fields.frameWaitsLen,
    nextDue: () => (fields.frameWaitsLen > 0 ? 0 : undefined),
    // Wakes the waiters that began to wait before this frame; those added meanwhile wait for the next.
    onFrame: () => {
        const n = fields.frameWaitsLen;
        if (n === 0) {
            return;
        }
        const list = fields.frameWaits;
        fields.frameWaits = {};
        fields.frameWaitsLen = 0;
        for (const i of $range(1, n)) {
            wakeParked(list[i] as Wait);
        }
    },
    detach: (wait) => {
        fields.frameWaitsLen = removeWait(fields.frameWaits, fields.frameWaitsLen, wait);
        wait.task = undefined;
    },
    each: (visit) => eachIn(fields.frameWaits, fields.frameWaitsLen, visit),
};

/**
 * Suspends the running task until the next frame, and returns nothing. Outside a task, returns
 * a future that resolves then.
 *
 * ```lua
 * for i = 1, #items do work(items[i]); AsyncAwait.nextFrame() end -- one item per frame
 * ```
 */
export function nextFrame(...extra: unknown[]): Future<void> | undefined {
    const newer = newerGlue();
    if (newer) {
        return newer.nextFrame(...extra);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("nextFrame()", 0, select("#", ...extra), select(1, ...extra)[0]));
    }
    return waitOnValue({ what: "nextFrame()", kind: "nextFrame" }, driver) as Future<void> | undefined;
}

/** This module's entry points (see Entries). */
declare module "../../core/types" {
    interface Entries {
        nextFrame: typeof nextFrame;
    }
}
