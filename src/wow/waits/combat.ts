/** @noSelfInFile */
/** `outOfCombat()`: waiters woken when the player leaves combat (PLAYER_REGEN_ENABLED). */
import { raiseAtCaller, tooManyArguments } from "../../core/errors";
import { cancellationPoint, runningTask, wakeParked } from "../../core/kernel";
import type { LuaArray } from "../../core/types";
import type { Wait } from "../../core/task";
import { client } from "../client";
import type { Future } from "../../core/types";
import { DriverHooks, WaitKind, asFuture, eachIn, newerGlue, removeWait, waitOnValue } from "../kinds";

const REGEN_ENABLED = "PLAYER_REGEN_ENABLED";

/** This kind's fields of the glue state. */
export interface CombatState {
    combatWaits: LuaArray<Wait | undefined>;
    combatWaitsLen: number;
}

let fields: CombatState;
let driver: DriverHooks;

export const combatKind: WaitKind = {
    name: "combat",
    label: "waiting for combat to end",
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.combatWaits ??= {};
        fields.combatWaitsLen ??= 0;
    },
    attach: (wait) => {
        fields.combatWaitsLen += 1;
        fields.combatWaits[fields.combatWaitsLen] = wait;
        if (fields.combatWaitsLen === 1) {
            driver.listen(REGEN_ENABLED);
        }
    },
    count: () => fields.combatWaitsLen,
    nextDue: () => undefined,
    onEvent: (event) => {
        const n = fields.combatWaitsLen;
        if (event !== REGEN_ENABLED || n === 0) {
            return;
        }
        const list = fields.combatWaits;
        fields.combatWaits = {};
        fields.combatWaitsLen = 0;
        driver.unlisten(REGEN_ENABLED);
        for (const i of $range(1, n)) {
            wakeParked(list[i] as Wait);
        }
    },
    listensTo: (event) => event === REGEN_ENABLED && fields.combatWaitsLen > 0,
    detach: (wait) => {
        const n = fields.combatWaitsLen;
        fields.combatWaitsLen = removeWait(fields.combatWaits, n, wait);
        if (n > 0 && fields.combatWaitsLen === 0) {
            driver.unlisten(REGEN_ENABLED);
        }
        wait.task = undefined;
    },
    each: (visit) => eachIn(fields.combatWaits, fields.combatWaitsLen, visit),
};

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

/** This module's entry points (see Entries). */
declare module "../../core/types" {
    interface Entries {
        outOfCombat: typeof outOfCombat;
    }
}
