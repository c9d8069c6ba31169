import { startGame } from "../support/game";
import { attempt, chunk } from "../support/lua";

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
        const [sleeping] = AA.sleep(0.1);
        const future = sleeping as Parameters<typeof AA.joinTask>[0];
        assert.are.equal("runnable", future.state);
        sim.runFrames(10);
        assert.are.equal("dead", future.state);
        const [ok, err] = attempt(chunk("local AA = ...\nAA.sleep(-1)"), AA);
        assert.is_false(ok);
        assert.are.equal("caller:2: AsyncAwait: sleep(seconds): expected a number >= 0, got number (-1)", err);
    });

    it("cannot be completed synchronously: a forced await raises instead of freezing", () => {
        const { AA } = startGame();
        const napper = AA.async(() => {
            AA.sleep(5);
            return "rested";
        });
        const [ok, err] = attempt(AA.await, napper());
        assert.is_false(ok);
        assert.is_truthy(string.find(err as string, "cannot complete the task synchronously: it waits for sleep(5)", 1, true)[0]);
    });
});

describe("nextFrame", () => {
    it("resumes in the next frame", () => {
        const { sim, AA } = startGame();
        const frames: number[] = [];
        AA.async(() => {
            frames.push(sim.stats.frames);
            AA.nextFrame();
            frames.push(sim.stats.frames);
            AA.nextFrame();
            frames.push(sim.stats.frames);
        })();
        sim.runFrames(5);
        assert.are.same([1, 2, 3], frames);
    });
});

describe("waitForEvent", () => {
    it("returns the event's payload and listens only while someone waits", () => {
        const { sim, AA } = startGame();
        const frame = AA._state.wow.frame as unknown as { IsEventRegistered(this: unknown, e: string): boolean };
        let got: unknown[] = [];
        AA.async(() => {
            got = [...AA.waitForEvent("BAG_UPDATE")];
        })();
        sim.runFrame();
        assert.is_true(frame.IsEventRegistered("BAG_UPDATE"));
        sim.fireEvent("BAG_UPDATE", 3, "x");
        sim.runFrame();
        assert.are.same([3, "x"], got);
        assert.is_false(frame.IsEventRegistered("BAG_UPDATE"));
    });

    it("skips payloads the filter rejects", () => {
        const { sim, AA } = startGame();
        let unit: unknown;
        AA.async(() => {
            [unit] = AA.waitForEvent("UNIT_HEALTH", (u: unknown) => u === "player");
        })();
        sim.runFrame();
        sim.fireEvent("UNIT_HEALTH", "target");
        sim.runFrame();
        assert.is_nil(unit);
        sim.fireEvent("UNIT_HEALTH", "player");
        sim.runFrame();
        assert.are.equal("player", unit);
    });

    it("wakes every waiter of the event, in the order they began to wait", () => {
        const { sim, AA } = startGame();
        const log: string[] = [];
        const waiter = AA.async((name: string) => {
            AA.waitForEvent("PLAYER_LOGIN");
            log.push(name);
        });
        waiter("a");
        waiter("b");
        sim.runFrame();
        sim.fireEvent("PLAYER_LOGIN");
        sim.runFrame();
        assert.are.same(["a", "b"], log);
    });
});

describe("waitUntil", () => {
    it("checks the predicate once per frame and returns its value", () => {
        const { sim, AA } = startGame();
        let checks = 0;
        let ready: string | undefined;
        let got: unknown;
        AA.async(() => {
            [got] = AA.waitUntil(() => {
                checks += 1;
                return ready;
            });
        })();
        sim.runFrame();
        const first = checks;
        sim.runFrames(4);
        assert.are.equal(first + 4, checks);
        ready = "go";
        sim.runFrame();
        assert.are.equal("go", got);
        sim.runFrames(3);
        assert.are.equal(first + 5, checks, "no more checks once it held");
    });
});

describe("outOfCombat", () => {
    it("returns at once out of combat, else on PLAYER_REGEN_ENABLED", () => {
        const { sim, AA } = startGame();
        const log: string[] = [];
        const job = AA.async((name: string) => {
            AA.outOfCombat();
            log.push(name);
        });
        job("calm");
        sim.runFrame();
        assert.are.same(["calm"], log);
        sim.setCombat(true);
        sim.runFrame();
        job("after combat");
        sim.runFrames(3);
        assert.are.same(["calm"], log);
        sim.setCombat(false);
        sim.runFrame();
        assert.are.same(["calm", "after combat"], log);
    });
});
