/** sleep(seconds) in the simulated client. */
import { startGame } from "../../support/game";
import { attempt, chunk, contains } from "../../support/lua";

describe("sleep", () => {
    it("resumes on the first frame whose GetTime() reaches the deadline", () => {
        const { sim, AA } = startGame({ frameTime: 0.1 });
        const env = sim.env;
        let started = 0;
        let wokeAt = 0;
        AA.async(() => {
            started = env.GetTime();
            AA.sleep(0.25);
            wokeAt = env.GetTime();
        })();
        sim.runFrame();
        sim.runFrames(2);
        assert.are.equal(0, wokeAt, "0.2 s later: not yet");
        sim.runFrame();
        assert.is_true(wokeAt >= started + 0.25);
        assert.is_true(wokeAt < started + 0.35, "the first such frame");
    });

    it("wakes sleepers in deadline order, ties in the order they began", () => {
        const { sim, AA } = startGame();
        const log: string[] = [];
        const sleeper = AA.async((name: string, seconds: number) => {
            AA.sleep(seconds);
            log.push(name);
        });
        sleeper("c", 0.3);
        sleeper("a", 0.1);
        sleeper("b1", 0.2);
        sleeper("b2", 0.2);
        sim.runFrames(30);
        assert.are.same(["a", "b1", "b2", "c"], log);
    });

    it("returns a future outside a task, and refuses bad input at the caller's line", () => {
        const { sim, AA } = startGame();
        const future = AA.sleep(0.1)!;
        assert.are.equal("suspended", future.state, "its timer is set at the call");
        sim.runFrames(10);
        assert.are.equal("dead", future.state);
        const [ok, err] = attempt(chunk("local AA = ...\nAA.sleep(-1)"), AA);
        assert.is_false(ok);
        assert.are.equal("caller:2: AsyncAwait: sleep(seconds): expected a finite number >= 0, got number (-1)", err);
    });

    it("cannot be completed synchronously: a forced await raises instead of freezing", () => {
        const { AA } = startGame();
        const napper = AA.async(() => {
            AA.sleep(5);
            return "rested";
        });
        const [ok, err] = attempt(AA.await, napper());
        assert.is_false(ok);
        assert.are.equal("WouldBlock", AA.errorKind(err));
        assert.is_true(contains(err, "cannot complete the task synchronously: it waits for sleep(5)"));
    });
});
