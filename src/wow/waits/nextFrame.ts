/** @noSelfInFile */
/** `nextFrame()`: waiters woken at the start of the next frame. */
import { raiseAtCaller, tooManyArguments } from "../../core/errors";
import type { Future } from "../../core/types";
import { DriverHooks, newerGlue, waitOnValue } from "../kinds";
import { listKind } from "../listkind";

/** @transient per copy: this copy's driver hooks, bound at start */
let driver: DriverHooks;

// Wakes, at the start of a frame, the waiters that began to wait before it; those added meanwhile wait for the next.
export const nextFrameKind = listKind({
    name: "nextFrame",
    label: "waiting for the next frame",
    list: "frameWaits",
    len: "frameWaitsLen",
    entries: { nextFrame },
    bind: (hooks) => {
        driver = hooks;
    },
});

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
