/**
 * Wait kinds as the driver sees them: each says whether it needs frames (the driver idles when
 * none does), and each can detach a waiter, releasing what it holds.
 */
import { Lib, registered, startGame } from "../support/game";
import { Slot, TaskRecord, Wait } from "../../src/core/task";
import type { Future } from "../../src/api/types";
import type { Simulator } from "../../simulator/client";
import { kindsWithoutCase } from "../support/kinds";

/** The wait a suspended task is parked on. */
function waitOf(this: void, task: Future): Wait {
    return (task as unknown as TaskRecord)[Slot.Awaiting] as Wait;
}

interface Case {
    kind: string;
    /** Starts a task that parks on a wait of this kind. */
    park: (this: void, AA: Lib) => void;
    /** What the kind holds, as the glue state shows it (0 once released). */
    held: (this: void, AA: Lib) => number;
    /** What would wake the task, were it still attached. */
    trigger: (this: void, sim: Simulator) => void;
}

const cases: Case[] = [
    {
        kind: "sleep",
        park: (AA) => AA.sleep(0.05),
        held: (AA) => AA._state.wow.heapLen,
        trigger: (sim) => sim.runFrames(10),
    },
    {
        kind: "nextFrame",
        park: (AA) => AA.nextFrame(),
        held: (AA) => AA._state.wow.frameWaitsLen,
        trigger: (sim) => sim.runFrame(),
    },
    {
        kind: "until",
        park: (AA) => AA.waitUntil(() => false),
        held: (AA) => AA._state.wow.predicatesLen,
        trigger: (sim) => sim.runFrame(),
    },
    {
        kind: "event",
        park: (AA) => AA.waitForEvent("BAG_UPDATE"),
        held: (AA) => (AA._state.wow.events.get("BAG_UPDATE") ?? []).length + (registered(AA, "BAG_UPDATE") ? 1 : 0),
        trigger: (sim) => sim.fireEvent("BAG_UPDATE", 1),
    },
    {
        kind: "combat",
        park: (AA) => AA.outOfCombat(),
        held: (AA) => AA._state.wow.combatWaitsLen + (registered(AA, "PLAYER_REGEN_ENABLED") ? 1 : 0),
        trigger: (sim) => sim.setCombat(false),
    },
    {
        kind: "restriction",
        park: (AA) => AA.unrestricted("Encounter"),
        held: (AA) => AA._state.wow.restrictionWaitsLen + (registered(AA, "ADDON_RESTRICTION_STATE_CHANGED") ? 1 : 0),
        trigger: (sim) => sim.setRestriction("Encounter", false),
    },
];

describe("wait kinds", () => {
    it("issue 15.10: every kind of the driver's KINDS has its case here", () => {
        assert.are.same([], kindsWithoutCase(cases));
    });

    for (const c of cases) {
        it(`detach a ${c.kind} waiter: it releases what it held and is never woken`, () => {
            const { sim, AA } = startGame();
            sim.setCombat(true);
            sim.setRestriction("Encounter", true);
            let woke = false;
            const task = AA.async(() => {
                c.park(AA);
                woke = true;
            })();
            sim.runFrame();
            assert.are.equal("suspended", task.state);
            const wait = waitOf(task);
            assert.are.equal(c.kind, wait.kind);
            assert.is_true(c.held(AA) > 0, "held while parked");
            AA._state.core!.detachWait(wait);
            assert.are.equal(0, c.held(AA), "released");
            c.trigger(sim);
            sim.runFrames(3);
            assert.is_false(woke);
            assert.are.equal("suspended", task.state);
            assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles: no kind needs a frame");
        });
    }

    it("keep the driver running while a frame or condition waiter exists, and let it idle after", () => {
        const { sim, AA } = startGame();
        let ready = false;
        AA.async(() => AA.waitUntil(() => ready))();
        sim.runFrames(3);
        assert.are.equal(1, sim.stats.lastFrameOnUpdateCalls);
        ready = true;
        sim.runFrames(2);
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls);
    });

    it("let the driver sleep until the earliest deadline, woken by a C_Timer", () => {
        const { sim, AA } = startGame();
        sim.runFrames(2);
        const fired = sim.stats.timersFired;
        const woke: number[] = [];
        let due = 0;
        AA.async(() => {
            due = sim.env.GetTime() + 0.5;
            AA.sleep(0.5);
            woke.push(sim.env.GetTime());
        })();
        sim.runFrame();
        const calls = sim.stats.onUpdateCalls;
        sim.runFrames(25); // 0.42 s: before the deadline
        assert.are.equal(calls, sim.stats.onUpdateCalls, "no OnUpdate while the only task sleeps");
        sim.runFrames(30);
        assert.are.equal(1, woke.length);
        // GetTime() sums frame times: the frame that reaches the deadline may land a hair short.
        assert.is_true(woke[0] >= due - 1e-6 && woke[0] < due + 0.02, "on the first frame that reaches the deadline");
        assert.are.equal(1, sim.stats.timersFired - fired, "one C_Timer, for the deadline");
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls);
    });
});
