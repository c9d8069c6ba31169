/**
 * The per-kind spec table: one case for each wait kind of the driver's KINDS (a spec checks the
 * table against the list), used by every spec that goes through all the kinds (spec/wow/kinds,
 * spec/reliability/release, the model's count of registered waiters: spec/model/run).
 */
import { KINDS } from "../../src/wow/driver";
import type { Simulator } from "../../simulator/client";
import type { WowState } from "../../src/wow/state";
import { Lib, registered } from "./game";

/** What a wait's callback (a predicate, a filter) sees: whether to report ready, whether to raise. */
export interface Switches {
    ready: boolean;
    fail: boolean;
}

export interface KindCase {
    /** The wait kind's name (WaitKind.name). */
    kind: string;
    /** The wait function that makes its waits. */
    call: string;
    /** Makes the client state in which the wait waits (in combat, under a restriction). */
    prepare?: (this: void, sim: Simulator) => void;
    /** The wait call in a task; its callback (if any) follows `on`. */
    wait: (this: void, AA: Lib, on: Switches) => unknown;
    /** Whether the wait runs a user callback (which may raise: its task fails). */
    callback: boolean;
    /** What the kind holds, as the glue state shows it, the event registration included (0 once released). */
    held: (this: void, AA: Lib) => number;
    /** How many waits the kind holds, as the glue state shows it (timers included). */
    waiters: (this: void, glue: WowState) => number;
    /** What wakes the wait (or runs its callback), were it attached. */
    trigger: (this: void, sim: Simulator) => void;
}

export const KIND_CASES: KindCase[] = [
    {
        kind: "nextFrame",
        call: "nextFrame",
        wait: (AA) => AA.nextFrame(),
        callback: false,
        held: (AA) => AA._state.wow.frameWaitsLen,
        waiters: (glue) => glue.frameWaitsLen,
        trigger: (sim) => sim.runFrame(),
    },
    {
        kind: "sleep",
        call: "sleep",
        wait: (AA) => AA.sleep(0.05),
        callback: false,
        held: (AA) => AA._state.wow.heapLen,
        waiters: (glue) => glue.heapLen,
        trigger: (sim) => sim.runFrames(10),
    },
    {
        kind: "until",
        call: "waitUntil",
        wait: (AA, on) => AA.waitUntil(() => (on.fail ? error("raised") : on.ready)),
        callback: true,
        held: (AA) => AA._state.wow.predicatesLen,
        waiters: (glue) => glue.predicatesLen,
        trigger: (sim) => sim.runFrame(),
    },
    {
        kind: "event",
        call: "waitForEvent",
        wait: (AA, on) => AA.waitForEvent("BAG_UPDATE", () => (on.fail ? error("raised") : on.ready)),
        callback: true,
        held: (AA) => (AA._state.wow.events.get("BAG_UPDATE") ?? []).length + (registered(AA, "BAG_UPDATE") ? 1 : 0),
        waiters: (glue) => {
            let n = 0;
            for (const [event, list] of glue.events) {
                n += list.length - (glue.eventsDetached.get(event) ?? 0);
            }
            return n;
        },
        trigger: (sim) => sim.fireEvent("BAG_UPDATE", 1),
    },
    {
        kind: "combat",
        call: "outOfCombat",
        prepare: (sim) => sim.setCombat(true),
        wait: (AA) => AA.outOfCombat(),
        callback: false,
        held: (AA) => AA._state.wow.combatWaitsLen + (registered(AA, "PLAYER_REGEN_ENABLED") ? 1 : 0),
        waiters: (glue) => glue.combatWaitsLen,
        trigger: (sim) => sim.setCombat(false),
    },
    {
        kind: "restriction",
        call: "unrestricted",
        prepare: (sim) => sim.setRestriction("Encounter", true),
        wait: (AA) => AA.unrestricted("Encounter"),
        callback: false,
        held: (AA) => AA._state.wow.restrictionWaitsLen + (registered(AA, "ADDON_RESTRICTION_STATE_CHANGED") ? 1 : 0),
        waiters: (glue) => glue.restrictionWaitsLen,
        trigger: (sim) => sim.setRestriction("Encounter", false),
    },
];

/** What keeps KIND_CASES from having exactly one case per kind of the driver's KINDS, in their order (empty when nothing). */
export function tableProblems(this: void): string[] {
    const problems: string[] = [];
    const names: string[] = [];
    for (const kind of KINDS) {
        names.push(kind.name);
        if (!KIND_CASES.some((c) => c.kind === kind.name)) {
            problems.push(`no case for the kind ${kind.name}`);
        }
    }
    KIND_CASES.forEach((c, i) => {
        if (!names.includes(c.kind)) {
            problems.push(`a case for ${c.kind}, which is no kind of KINDS`);
        } else if (names[i] !== c.kind) {
            problems.push(`case ${i + 1} is ${c.kind}, KINDS has ${names[i] ?? "nothing"} there`);
        }
    });
    return problems;
}

/** How many waits the kinds hold, as the glue state shows them (timers included). */
export function waitersHeld(this: void, glue: WowState): number {
    let n = 0;
    for (const c of KIND_CASES) {
        n += c.waiters(glue);
    }
    return n;
}
