/**
 * Every wait releases what it took — timer entry, frame slot, predicate, event registration — on
 * every way out: woken, failed (its callback raised), failed to suspend (inside pcall), detached.
 * Afterwards the driver idles.
 */
import { startGame } from "../support/game";
import { Slot, TaskRecord, Wait } from "../../src/core/task";
import type { Future } from "../../src/api/types";
import { KIND_CASES, Switches, tableProblems } from "../support/kinds";

type Way = "woken" | "failed" | "park failed" | "detached";

describe("every wait", () => {
    it("issue 15.10: covers every kind of the driver's KINDS", () => {
        assert.are.same([], tableProblems());
    });

    for (const kind of KIND_CASES) {
        const ways: Way[] = kind.callback ? ["woken", "failed", "park failed", "detached"] : ["woken", "park failed", "detached"];
        for (const way of ways) {
            it(`${kind.call}: releases what it held when ${way}`, () => {
                const { sim, AA } = startGame();
                kind.prepare?.(sim);
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
