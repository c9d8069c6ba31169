/** @noSelfInFile */
/** `outOfCombat()`: waiters woken when the player leaves combat (PLAYER_REGEN_ENABLED). */
import { raiseAtCaller, tooManyArguments } from "../../core/errors";
import { cancellationPoint, runningTask } from "../../core/kernel";
import type { Wait } from "../../core/task";
import { client } from "../client";
import type { Future } from "../../core/types";
import { DriverHooks, asFuture, newerGlue, waitOnValue } from "../kinds";
import { listKind } from "../listkind";

/** @transient per copy: this copy's driver hooks, bound at start */
let driver: DriverHooks;

// Wakes every waiter when the player leaves combat (each checks again when it runs).
export const combatKind = listKind({
    name: "combat",
    label: "waiting for combat to end",
    list: "combatWaits",
    len: "combatWaitsLen",
    event: "PLAYER_REGEN_ENABLED",
    entries: { outOfCombat },
    bind: (hooks) => {
        driver = hooks;
    },
});

/**
 * Returns at once when the player is not in combat (client.InCombatLockdown() is false), else suspends
 * the running task until it is not: after PLAYER_REGEN_ENABLED, checked again when the task
 * runs; returns nothing. Outside a task, returns a future.
 *
 * ```lua
 * AsyncAwait.outOfCombat()
 * frame:SetAttribute("type", "macro") -- protected: never during combat lockdown
 * ```
 */
export function outOfCombat(...extra: unknown[]): Future<void> | undefined {
    const newer = newerGlue();
    if (newer) {
        return newer.outOfCombat(...extra);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("outOfCombat()", 0, select("#", ...extra), select(1, ...extra)[0]));
    }
    if (runningTask() === undefined) {
        // Outside a task: a future whose task checks again once combat ends (it may start again).
        return (client.InCombatLockdown() ? waitOnValue(newWait(), driver, outOfCombat) : asFuture(outOfCombat)) as Future<void>;
    }
    cancellationPoint(); // a wait, even one with nothing to wait for
    // Checked again each time combat ends: it may start again before the task runs.
    while (client.InCombatLockdown()) {
        waitOnValue(newWait(), driver);
    }
    return undefined;
}

function newWait(): Wait {
    return { what: "outOfCombat()", kind: "combat" };
}
