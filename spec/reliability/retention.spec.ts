/**
 * Nothing is kept: after tasks finish and a full collect, no finished task, result, wait,
 * callback or dropped async function stays reachable from the library; live counts return to 0
 * and the driver is idle.
 */
import { startGame } from "../support/game";
import { weakWatch } from "../support/weak";

describe("after tasks finish", () => {
    it("the library keeps nothing of theirs alive", () => {
        const { sim, AA } = startGame();
        const weak = weakWatch<string>();
        (() => {
            const body = (x: number) => {
                AA.yield();
                return { result: x };
            };
            weak.watch("body", body);
            const fn = AA.async(body);
            weak.watch("wrapper", fn);
            const child = fn(1);
            weak.watch("task", child);
            const parent = AA.async(() => {
                const value = AA.await(child) as object;
                weak.watch("result", value);
                const predicate = () => true;
                weak.watch("predicate", predicate);
                AA.waitUntil(predicate);
                const filter = () => true;
                weak.watch("filter", filter);
                AA.waitForEvent("BAG_UPDATE", filter);
                AA.sleep(0.05);
                AA.nextFrame();
                error({ failure: true });
            })();
            weak.watch("parent", parent);
            const failed = AA.async(() => error("unobserved"))();
            weak.watch("failed", failed);
        })();
        sim.runFrames(2);
        sim.fireEvent("BAG_UPDATE");
        sim.runFrames(10);
        assert.are.same([], weak.reachable());
        const s = AA._state.core!.snapshot();
        assert.are.equal(0, s.live);
        assert.are.equal(0, s.queued);
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles");
    });
});
