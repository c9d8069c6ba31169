/** @noSelfInFile */
/** `waitUntil(predicate)`: conditions checked once per frame. */
import { describe } from "../../core/errors";
import { park, runningTask, wakeParked } from "../../core/scheduler";
import type { LuaArray } from "../../core/state";
import type { Wait } from "../../core/task";
import { DriverHooks, WaitKind, asFuture, newerGlue, removeWait } from "../kinds";

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
    count: () => fields.predicatesLen,
    nextDue: () => (fields.predicatesLen > 0 ? 0 : undefined),
    // Checks each condition once; wakes the tasks whose condition holds (or raised).
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
            const [ok, value] = pcall(wait.predicate);
            if (!ok || value) {
                // A predicate that raises wakes its task with nothing; the task re-checks as it likes.
                wakeParked(wait, ok ? value : undefined);
            } else {
                kept += 1;
                list[kept] = wait;
            }
        }
        fields.predicatesLen = kept;
    },
    detach: (wait) => {
        fields.predicatesLen = removeWait(fields.predicates, fields.predicatesLen, wait);
        wait.task = undefined;
    },
};

/**
 * Suspends the running task until `predicate()` returns a truthy value, checked at once and
 * then once per frame; returns that value. Outside a task, returns a future.
 *
 * ```lua
 * local frame = AsyncAwait.waitUntil(function() return _G.SomeAddonFrame end)
 * ```
 */
export function waitUntil(predicate: () => unknown): LuaMultiReturn<unknown[]> {
    const newer = newerGlue();
    if (newer) {
        return newer.waitUntil(predicate);
    }
    if (type(predicate) !== "function") {
        error(`AsyncAwait: waitUntil(predicate): expected a function, got ${describe(predicate)}`, 2);
    }
    if (runningTask() === undefined) {
        return asFuture(waitUntil, predicate);
    }
    const value = predicate();
    if (value) {
        return $multi(value);
    }
    const wait: PredicateWait = { what: "waitUntil(predicate)", kind: "until", predicate };
    fields.predicatesLen += 1;
    fields.predicates[fields.predicatesLen] = wait;
    driver.wantFrame(0);
    return park(wait);
}
