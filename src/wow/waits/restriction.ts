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
import type { Wait } from "../../core/task";
import { client } from "../client";
import type { Future } from "../../core/types";
import { DriverHooks, asFuture, newerGlue, waitOnValue } from "../kinds";
import { listKind } from "../listkind";

const STATE_CHANGED = "ADDON_RESTRICTION_STATE_CHANGED";
/** Enum.AddOnRestrictionState.Inactive. */
const INACTIVE = 0;

/** A task waiting for the restriction of type `restriction` (an Enum.AddOnRestrictionType value) to lift. */
interface RestrictionWait extends Wait {
    restriction: number;
}

/** @transient per copy: this copy's driver hooks, bound at start */
let driver: DriverHooks;

// Wakes the waiters for a restriction when its state changes to Inactive (each checks again when it runs).
export const restrictionKind = listKind({
    name: "restriction",
    label: "waiting for addon restrictions to lift",
    list: "restrictionWaits",
    len: "restrictionWaitsLen",
    event: STATE_CHANGED,
    sweep: (wait: RestrictionWait, kind, state) => {
        if (state !== INACTIVE || wait.restriction !== kind) {
            return true;
        }
        wakeParked(wait);
        return false;
    },
    entries: { unrestricted },
    bind: (hooks) => {
        driver = hooks;
    },
});

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
