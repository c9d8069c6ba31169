/**
 * Every wait releases what it took — timer entry, frame slot, predicate, event registration — on
 * every way out: woken, failed (its callback raised), failed to suspend (inside pcall), detached.
 * Afterwards the driver idles.
 */
import { Lib, registered, startGame } from "../support/game";
import { Slot, TaskRecord, Wait } from "../../src/core/task";
import type { Future } from "../../src/api/types";
import type { Simulator } from "../../simulator/client";
import { kindsWithoutCase } from "../support/kinds";

type Way = "woken" | "failed" | "park failed" | "detached";

/** What a callback sees: whether to report ready, whether to raise. */
interface Switches {
    ready: boolean;
    fail: boolean;
}

interface Kind {
    name: string;
    /** The wait kind (src/wow/waits/) it uses. */
    kind: string;
    /** The wait call in a task; its callback (if any) follows `on`. */
    wait: (this: void, AA: Lib, on: Switches) => unknown;
    /** What the kind holds (0 once released). */
    held: (this: void, AA: Lib) => number;
    /** What wakes it (or runs its callback). */
    trigger: (this: void, sim: Simulator) => void;
    ways: Way[];
}

const KINDS: Kind[] = [
    {
        name: "sleep",
        kind: "sleep",
        wait: (AA) => AA.sleep(0.05),
        held: (AA) => AA._state.wow.heapLen,
        trigger: (sim) => sim.runFrames(10),
        ways: ["woken", "park failed", "detached"],
    },
    {
        name: "nextFrame",
        kind: "nextFrame",
        wait: (AA) => AA.nextFrame(),
        held: (AA) => AA._state.wow.frameWaitsLen,
        trigger: (sim) => sim.runFrame(),
        ways: ["woken", "park failed", "detached"],
    },
    {
        name: "waitUntil",
        kind: "until",
        wait: (AA, on) => AA.waitUntil(() => (on.fail ? error("raised") : on.ready)),
        held: (AA) => AA._state.wow.predicatesLen,
        trigger: (sim) => sim.runFrame(),
        ways: ["woken", "failed", "park failed", "detached"],
    },
    {
        name: "waitForEvent",
        kind: "event",
        wait: (AA, on) => AA.waitForEvent("BAG_UPDATE", () => (on.fail ? error("raised") : on.ready)),
        held: (AA) => (AA._state.wow.events.get("BAG_UPDATE") ?? []).length + (registered(AA, "BAG_UPDATE") ? 1 : 0),
        trigger: (sim) => sim.fireEvent("BAG_UPDATE"),
        ways: ["woken", "failed", "park failed", "detached"],
    },
    {
        name: "outOfCombat",
        kind: "combat",
        wait: (AA) => AA.outOfCombat(),
        held: (AA) => AA._state.wow.combatWaitsLen + (registered(AA, "PLAYER_REGEN_ENABLED") ? 1 : 0),
        trigger: (sim) => sim.setCombat(false),
        ways: ["woken", "park failed", "detached"],
    },
    {
        name: "unrestricted",
        kind: "restriction",
        wait: (AA) => AA.unrestricted("Encounter"),
        held: (AA) => AA._state.wow.restrictionWaitsLen + (registered(AA, "ADDON_RESTRICTION_STATE_CHANGED") ? 1 : 0),
        trigger: (sim) => sim.setRestriction("Encounter", false),
        ways: ["woken", "park failed", "detached"],
    },
];

describe("every wait", () => {
    it("issue 15.10: covers every kind of the driver's KINDS", () => {
        assert.are.same([], kindsWithoutCase(KINDS));
    });

    for (const kind of KINDS) {
        for (const way of kind.ways) {
            it(`${kind.name}: releases what it held when ${way}`, () => {
                const { sim, AA } = startGame();
                sim.setCombat(true);
                sim.setRestriction("Encounter", true);
                sim.runFrame();
                const on: Switches = { ready: false, fail: false };
                const task: Future = AA.async(() => {
                    if (way === "park failed") {
                        pcall(kind.wait, AA, on);
                    } else {
                        kind.wait(AA, on);
                    }
                })();
                sim.runFrame();
                if (way !== "park failed") {
                    assert.are.equal("suspended", task.state);
                    assert.is_true(kind.held(AA) > 0, "held while waiting");
                }
                if (way === "detached") {
                    AA._state.core!.detachWait((task as unknown as TaskRecord)[Slot.Awaiting] as Wait);
                } else {
                    on.fail = way === "failed";
                    on.ready = true;
                    kind.trigger(sim);
                    sim.runFrames(2);
                    assert.are.equal("dead", task.state);
                    assert.are.equal(way === "failed", task.error !== undefined);
                }
                assert.are.equal(0, kind.held(AA), "released");
                sim.runFrames(2);
                assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles");
            });
        }
    }
});
