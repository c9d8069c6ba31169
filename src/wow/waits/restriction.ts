/** @noSelfInFile */
/**
 * `unrestricted(restriction)`: waiters woken when the client lifts an addon restriction
 * (ADDON_RESTRICTION_STATE_CHANGED with state Inactive). Every flavor has the API, Classic Era
 * included (restrictions are in force on retail 12.x; elsewhere they read Inactive); a client
 * that lacks part of it (C_RestrictedActions, Enum.AddOnRestrictionType or the event) has
 * nothing to wait for: it returns at once.
 */
import { describe, raiseAtCaller, tooManyArguments } from "../../core/errors";
import { cancellationPoint, runningTask, wakeParked } from "../../core/kernel";
import type { LuaArray } from "../../core/types";
import type { Wait } from "../../core/task";
import { client } from "../client";
import type { Future } from "../../core/types";
import { DriverHooks, WaitKind, asFuture, eachIn, newerGlue, removeWait, waitOnValue } from "../kinds";

const STATE_CHANGED = "ADDON_RESTRICTION_STATE_CHANGED";
/** Enum.AddOnRestrictionState.Inactive. */
const INACTIVE = 0;

/** A task waiting for the restriction of type `restriction` (an Enum.AddOnRestrictionType value) to lift. */
interface RestrictionWait extends Wait {
    restriction: number;
}

/** This kind's fields of the glue state. */
export interface RestrictionState {
    restrictionWaits: LuaArray<Wait | undefined>;
    restrictionWaitsLen: number;
}

let fields: RestrictionState;
let driver: DriverHooks;

export const restrictionKind: WaitKind = {
    name: "restriction",
    label: "waiting for addon restrictions to lift",
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.restrictionWaits ??= {};
        fields.restrictionWaitsLen ??= 0;
    },
    attach: (wait) => {
        fields.restrictionWaitsLen += 1;
        fields.restrictionWaits[fields.restrictionWaitsLen] = wait;
        if (fields.restrictionWaitsLen === 1) {
            driver.listen(STATE_CHANGED);
        }
    },
    count: () => fields.restrictionWaitsLen,
    nextDue: () => undefined,
    onEvent: (event, kind, state) => {
        if (event !== STATE_CHANGED || state !== INACTIVE) {
            return;
        }
        const list = fields.restrictionWaits;
        const n = fields.restrictionWaitsLen;
        let kept = 0;
        for (const i of $range(1, n)) {
            const wait = list[i] as RestrictionWait;
            list[i] = undefined;
            if (wait.restriction === kind) {
                wakeParked(wait);
            } else {
                kept += 1;
                list[kept] = wait;
            }
        }
        for (const i of $range(n + 1, fields.restrictionWaitsLen)) {
            kept += 1;
            list[kept] = list[i];
            list[i] = undefined;
        }
        fields.restrictionWaitsLen = kept;
        if (kept === 0) {
            driver.unlisten(STATE_CHANGED);
        }
    },
    listensTo: (event) => event === STATE_CHANGED && fields.restrictionWaitsLen > 0,
    detach: (wait) => {
        const n = fields.restrictionWaitsLen;
        fields.restrictionWaitsLen = removeWait(fields.restrictionWaits, n, wait);
        if (n > 0 && fields.restrictionWaitsLen === 0) {
            driver.unlisten(STATE_CHANGED);
        }
        wait.task = undefined;
    },
    each: (visit) => eachIn(fields.restrictionWaits, fields.restrictionWaitsLen, visit),
};

/**
 * Enum.AddOnRestrictionType when the client has addon restrictions, all that waiting on them
 * takes: a state to read and the event that says it changed. Else undefined.
 */
function restrictionTypes(): Record<string, number> | undefined {
    const api = client.C_RestrictedActions;
    const types = client.Enum?.AddOnRestrictionType;
    if (api === undefined || types === undefined) {
        return undefined;
    }
    if (api.GetAddOnRestrictionState === undefined && api.IsAddOnRestrictionActive === undefined) {
        return undefined;
    }
    return driver.knowsEvent(STATE_CHANGED) ? types : undefined;
}

/** Whether the restriction of type `kind` is in force or about to be (Activating, during its event). */
function restricted(kind: number): boolean {
    const api = client.C_RestrictedActions!;
    if (api.GetAddOnRestrictionState !== undefined) {
        return api.GetAddOnRestrictionState(kind) !== INACTIVE;
    }
    return api.IsAddOnRestrictionActive!(kind); // (one of the two exists: see restrictionTypes)
}

/**
 * Returns at once unless the client restricts addons in the context `restriction` names (a name
 * of Enum.AddOnRestrictionType: "Combat", "Encounter", "ChallengeMode", "PvPMatch", "Map"...),
 * else suspends the running task until the restriction lifts (checked again when the task
 * runs); returns nothing. On clients without addon restrictions it returns at once. Outside a
 * task, returns a future. Call it first in a task that must not start in that context.
 *
 * ```lua
 * AsyncAwait.unrestricted("Encounter")
 * RebuildRaidFrames()
 * ```
 */
export function unrestricted(restriction: string, ...extra: unknown[]): Future<void> | undefined {
    const newer = newerGlue();
    if (newer) {
        return newer.unrestricted(restriction, ...extra);
    }
    if (type(restriction) !== "string" || restriction === "") {
        raiseAtCaller(`AsyncAwait: unrestricted(restriction): expected a restriction name such as "Combat", got ${describe(restriction)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("unrestricted(restriction)", 1, 1 + select("#", ...extra)));
    }
    const types = restrictionTypes();
    if (types === undefined) {
        if (runningTask() === undefined) {
            return asFuture(doNothing) as unknown as Future<void>; // no restrictions on this client
        }
        cancellationPoint(); // a wait, even one with nothing to wait for
        return undefined;
    }
    const kind = types[restriction];
    if (kind === undefined) {
        raiseAtCaller(`AsyncAwait: unrestricted(restriction): this client has no addon restriction named ${restriction}`);
    }
    if (runningTask() === undefined) {
        return (restricted(kind) ? waitOnValue(newWait(kind), driver, unrestricted, restriction) : asFuture(doNothing)) as Future<void>;
    }
    cancellationPoint(); // a wait, even one with nothing to wait for
    // Checked again each time it lifts: it may come back before the task runs.
    while (restricted(kind)) {
        waitOnValue(newWait(kind), driver);
    }
    return undefined;
}

function doNothing(): void {
    // nothing to wait for
}

function newWait(kind: number): RestrictionWait {
    return { what: "unrestricted()", kind: "restriction", restriction: kind };
}

/** This module's entry points (see Entries). */
declare module "../../core/types" {
    interface Entries {
        unrestricted: typeof unrestricted;
    }
}
