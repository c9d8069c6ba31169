/** @noSelfInFile */
/** `waitUntil(predicate)`: conditions checked once per frame. */
import { describe, raiseAtCaller, tooManyArguments } from "../../core/errors";
import { cancellationPoint, failParked, runningTask, wakeParked } from "../../core/kernel";
import type { LuaArray } from "../../core/types";
import type { Wait } from "../../core/task";
import { DriverHooks, WaitKind, asFuture, eachIn, guarded, newerGlue, removeWait, waitOnValue } from "../kinds";
import { isDuration, withTimeout } from "../timers";

/** A task waiting until `predicate()` is truthy. */
export interface PredicateWait extends Wait {
    predicate: (this: void) => unknown;
}

/** This kind's fields of the glue state. */
export interface UntilState {
    predicates: LuaArray<PredicateWait | undefined>;
    predicatesLen: number;
}

let fields: UntilState;
let driver: DriverHooks;

export const untilKind: WaitKind = {
    name: "until",
    label: "waiting for conditions",
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.predicates ??= {};
        fields.predicatesLen ??= 0;
    },
    attach: (wait) => {
        fields.predicatesLen += 1;
        fields.predicates[fields.predicatesLen] = wait as PredicateWait;
        driver.wantFrame(0);
    },
    count: () => fields.predicatesLen,
    nextDue: () => (fields.predicatesLen > 0 ? 0 : undefined),
    // Checks each condition once: wakes the tasks whose condition holds, fails those whose raised.
    onFrame: () => {
        const n = fields.predicatesLen;
        if (n === 0) {
            return;
        }
        const list = fields.predicates;
        let kept = 0;
        for (const i of $range(1, n)) {
            const wait = list[i] as PredicateWait;
            list[i] = undefined;
            const [ok, value, trace] = guarded(wait.predicate);
            if (!ok) {
                failParked(wait, value, trace);
            } else if (value) {
                wakeParked(wait, value);
            } else {
                kept += 1;
                list[kept] = wait;
            }
        }
        // Predicates may have attached waiters meanwhile (a predicate that starts a task...): keep them.
        for (const i of $range(n + 1, fields.predicatesLen)) {
            kept += 1;
            list[kept] = list[i];
            list[i] = undefined;
        }
        fields.predicatesLen = kept;
    },
    detach: (wait) => {
        fields.predicatesLen = removeWait(fields.predicates, fields.predicatesLen, wait);
        wait.task = undefined;
    },
    each: (visit) => eachIn(fields.predicates, fields.predicatesLen, visit),
};

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
        raiseAtCaller(`AsyncAwait: waitUntil(predicate, timeout): expected a finite number >= 0 or nil as timeout, got ${describe(timeout)}`);
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

/** This module's entry points (see Entries). */
declare module "../../core/types" {
    interface Entries {
        waitUntil: typeof waitUntil;
    }
}
