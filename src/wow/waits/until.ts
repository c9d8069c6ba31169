/** @noSelfInFile */
/** `waitUntil(predicate)`: conditions checked once per frame. */
import { describe, raiseAtCaller, tooManyArguments } from "../../core/errors";
import { cancellationPoint, failParked, runningTask, wakeParked } from "../../core/kernel";
import type { Wait } from "../../core/task";
import { DriverHooks, asFuture, keepTrace, newerGlue, tracebackKept, waitOnValue } from "../kinds";
import { listKind } from "../listkind";
import { isDuration, withTimeout } from "../timers";

/** A task waiting until `predicate()` is truthy. */
export interface PredicateWait extends Wait {
    predicate: (this: void) => unknown;
}

/** @transient per copy: this copy's driver hooks, bound at start */
let driver: DriverHooks;

// Checks each condition once per frame: wakes the tasks whose condition holds, fails those whose raised.
export const untilKind = listKind({
    name: "until",
    label: "waiting for conditions",
    list: "predicates",
    len: "predicatesLen",
    sweep: (wait: PredicateWait) => {
        // (guarded's body: one call less per condition per frame)
        const [ok, value] = xpcall(wait.predicate, keepTrace);
        if (!ok) {
            failParked(wait, value, tracebackKept());
        } else if (value) {
            wakeParked(wait, value);
        } else {
            return true;
        }
        return false;
    },
    entries: { waitUntil },
    bind: (hooks) => {
        driver = hooks;
    },
});

/**
 * Suspends the running task until `predicate()` returns a truthy value, checked at once and
 * then once per frame; returns that value (any value but false and nil counts: 0 and "" too, as
 * in Lua). A predicate that raises fails the task with its error. With `timeout` (seconds),
 * raises a TimedOut error if the predicate is still false by then. Outside a task it returns a
 * future of that value instead: call it in a task (or in `async(fn)`) from TypeScript.
 *
 * ```lua
 * local frame = AsyncAwait.waitUntil(function() return _G.SomeAddonFrame end)
 * local loaded = AsyncAwait.waitUntil(function() return C_Item.IsItemDataCachedByID(6948) end, 5)
 * ```
 */
export function waitUntil<T>(predicate: () => T, timeout?: number, ...extra: unknown[]): Exclude<T, false | undefined | null> {
    const newer = newerGlue();
    if (newer) {
        return newer.waitUntil(predicate, timeout, ...extra);
    }
    if (type(predicate) !== "function") {
        raiseAtCaller(`AsyncAwait: waitUntil(predicate, timeout): expected a function, got ${describe(predicate)}`);
    }
    if (timeout !== undefined && !isDuration(timeout)) {
        raiseAtCaller(
            `AsyncAwait: waitUntil(predicate, timeout): expected a finite number >= 0 or nil as timeout, got ${describe(timeout)}`,
        );
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("waitUntil(predicate, timeout)", 2, 2 + select("#", ...extra)));
    }
    cancellationPoint(); // a wait, even one with nothing to wait for: before the predicate runs
    // Checked at once, where the caller is: an error here raises to the caller.
    const value = predicate();
    if (value) {
        return (runningTask() !== undefined ? value : asFuture(returnValue, value)) as Exclude<T, false | undefined | null>;
    }
    const wait: PredicateWait = { what: "waitUntil(predicate)", kind: "until", predicate };
    if (timeout !== undefined) {
        withTimeout(wait, timeout, "waitUntil(predicate)");
    }
    return waitOnValue(wait, driver) as Exclude<T, false | undefined | null>;
}

function returnValue(value: unknown): unknown {
    return value;
}
