/**
 * Nothing is kept: after tasks finish and a full collect, no finished task, result, wait,
 * callback or dropped async function stays reachable from the library; live counts return to 0
 * and the driver is idle.
 */
import { startGame } from "../support/game";

describe("after tasks finish", () => {
    it("the library keeps nothing of theirs alive", () => {
        const { sim, AA } = startGame();
        const weak = setmetatable({} as Record<string, object>, { __mode: "v" });
        (() => {
            const body = (x: number) => {
                AA.yield();
                return { result: x };
            };
            weak.body = body;
            const fn = AA.async(body);
            weak.wrapper = fn;
            const child = fn(1);
            weak.task = child;
            const parent = AA.async(() => {
                const value = AA.await(child) as object;
                weak.result = value;
                const predicate = () => true;
                weak.predicate = predicate;
                AA.waitUntil(predicate);
                const filter = () => true;
                weak.filter = filter;
                AA.waitForEvent("BAG_UPDATE", filter);
                AA.sleep(0.05);
                AA.nextFrame();
                error({ failure: true });
            })();
            weak.parent = parent;
            const failed = AA.async(() => error("unobserved"))();
            weak.failed = failed;
        })();
        sim.runFrames(2);
        sim.fireEvent("BAG_UPDATE");
        sim.runFrames(10);
        collectgarbage("collect");
        collectgarbage("collect");
        const left: string[] = [];
        for (const [name] of pairs(weak)) {
            left.push(name as string);
        }
        table.sort(left);
        assert.are.same([], left);
        const s = AA._state.core!.snapshot();
        assert.are.equal(0, s.live);
        assert.are.equal(0, s.queued);
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles");
    });
});
