/**
 * Wait kinds as the driver sees them: each says whether it needs frames (the driver idles when
 * none does), and each can detach a waiter, releasing what it holds.
 */
import { startGame } from "../support/game";
import { Slot, TaskRecord, Wait } from "../../src/core/task";
import type { Future } from "../../src/api/types";
import { KIND_CASES, Switches, tableProblems } from "../support/kinds";

/** The wait a suspended task is parked on. */
function waitOf(this: void, task: Future): Wait {
    return (task as unknown as TaskRecord)[Slot.Awaiting] as Wait;
}

describe("wait kinds", () => {
    it("issue 15.10: the per-kind table has one case per kind of the driver's KINDS, in order", () => {
        assert.are.same([], tableProblems());
    });

    for (const c of KIND_CASES) {
        it(`detach a ${c.kind} waiter: it releases what it held and is never woken`, () => {
            const { sim, AA } = startGame();
            c.prepare?.(sim);
            const on: Switches = { ready: false, fail: false };
            let woke = false;
            const task = AA.async(() => {
                c.wait(AA, on);
                woke = true;
            })();
            sim.runFrame();
            assert.are.equal("suspended", task.state);
            const wait = waitOf(task);
            assert.are.equal(c.kind, wait.kind);
            assert.is_true(c.held(AA) > 0, "held while parked");
            AA._state.core!.detachWait(wait);
            assert.are.equal(0, c.held(AA), "released");
            on.ready = true; // what would wake it, were it attached
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
