import { startGame } from "../support/game";

describe("frame driver", () => {
    it("runs queued tasks from its OnUpdate, with no one calling schedule()", () => {
        const { sim, AA } = startGame();
        const log: string[] = [];
        const f = AA.async((x: number) => {
            log.push(`ran ${x}`);
            AA.yield();
            log.push(`again ${x}`);
            return x;
        });
        const future = f(1);
        assert.are.same([], log);
        sim.runFrame();
        assert.are.same(["ran 1", "again 1"], log);
        assert.are.equal("dead", future.state);
    });

    it("keeps the scheduler's time per frame within the budget + 0.5 ms with many 0.1 ms slices", () => {
        const { sim, AA } = startGame({ frameTime: 1 / 60 });
        const budget = (1000 / 60) * 0.2; // the default: 20% of the last frame
        let slices = 0;
        const worker = AA.async(() => {
            for (const _ of $range(1, 20)) {
                sim.burn(0.1);
                slices += 1;
                AA.yield();
            }
        });
        const tasks = [];
        for (const _ of $range(1, 200)) {
            tasks.push(worker());
        }
        let frames = 0;
        while (slices < 4000) {
            const before = slices;
            sim.runFrame(1 / 60);
            frames += 1;
            const spent = (slices - before) * 0.1;
            assert.is_true(spent <= budget + 0.5, `frame ${frames}: ${spent} ms for a ${budget} ms budget`);
            if (slices < 4000) {
                assert.is_true(spent >= budget - 0.2, `frame ${frames} used only ${spent} ms with work left`);
            }
        }
        assert.is_true(frames >= 100);
        for (const t of tasks) {
            assert.are.equal("dead", t.state);
        }
    });

    it("takes a fixed budget in ms or a fraction of the last frame, clamped", () => {
        const { sim, AA } = startGame();
        let slices = 0;
        const worker = AA.async(() => {
            while (true) {
                sim.burn(0.1);
                slices += 1;
                AA.yield();
            }
        });
        worker();
        const spentIn = (seconds: number) => {
            const before = slices;
            sim.runFrame(seconds);
            return (slices - before) * 0.1;
        };
        spentIn(1 / 60);
        AA.setBudget({ ms: 2 });
        assert.is_true(math.abs(spentIn(1 / 60) - 2) <= 0.15);
        AA.setBudget({ fraction: 0.5, min: 1, max: 3 });
        spentIn(1 / 60); // the fraction applies to the previous frame
        assert.is_true(math.abs(spentIn(1 / 60) - 3) <= 0.15, "clamped to max");
        spentIn(0.004);
        assert.is_true(math.abs(spentIn(0.004) - 2) <= 0.15, "half of a 4 ms frame");
        spentIn(0.001);
        assert.is_true(math.abs(spentIn(0.001) - 1) <= 0.15, "clamped to min");
    });

    it("stops after a task that overruns the budget; the rest run next frame", () => {
        const { sim, AA } = startGame();
        const log: string[] = [];
        AA.async(() => {
            sim.burn(20);
            log.push("slow");
        })();
        AA.async(() => log.push("next"))();
        sim.runFrame();
        assert.are.same(["slow"], log);
        sim.runFrame();
        assert.are.same(["slow", "next"], log);
    });

    it("runs no OnUpdate handler while idle, and wakes when work appears", () => {
        const { sim, AA } = startGame();
        sim.runFrame();
        sim.runFrame();
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls);
        // Work queued from plain code (here a timer callback of another addon) wakes the driver.
        const log: string[] = [];
        sim.env.C_Timer.After(0.05, () => {
            AA.async(() => log.push("woken"))();
        });
        sim.runFrames(2);
        assert.are.same([], log);
        // The timer fires in the frame that reaches its deadline, before OnUpdate: the new task
        // runs in that same frame.
        sim.runFrame();
        assert.are.same(["woken"], log);
        sim.runFrame();
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls);
    });

    it("costs nothing per frame while thousands of tasks sleep, and wakes them when due", () => {
        const { sim, AA } = startGame();
        let woken = 0;
        const sleeper = AA.async((seconds: number) => {
            AA.sleep(seconds);
            woken += 1;
        });
        for (const i of $range(1, 10000)) {
            sleeper(10 + (i % 7));
        }
        sim.runFrame();
        const calls = sim.stats.onUpdateCalls;
        sim.runFrames(100);
        assert.are.equal(calls, sim.stats.onUpdateCalls, "no OnUpdate while everyone sleeps");
        assert.are.equal(0, woken);
        sim.runFrames(60 * 20);
        assert.are.equal(10000, woken);
    });

    it("leaves schedule() and scheduleAll() to code that drives the scheduler itself", () => {
        const { AA } = startGame();
        const log: number[] = [];
        const f = AA.async((x: number) => {
            log.push(x);
            AA.yield();
            log.push(x * 10);
        });
        f(1);
        f(2);
        assert.is_true(AA.schedule());
        assert.are.same([1], log);
        AA.scheduleAll();
        assert.are.same([1, 2, 10, 20], log);
        assert.is_false(AA.schedule());
    });
});

describe("per-addon fairness under the driver", () => {
    it("counts the driver's CPU time per addon", () => {
        const { sim, AA } = startGame();
        const work = (ms: number) => () => sim.burn(ms);
        AA.forAddon("Alpha").async(work(1.5))();
        AA.forAddon("Beta").async(work(0.5))();
        sim.runFrame();
        const cpu = new LuaTable<string, number>();
        for (const owner of AA._state.core!.ownerList()) {
            cpu.set(owner.name, owner.cpu);
        }
        assert.is_true(math.abs(cpu.get("Alpha")! - 1.5) < 0.05);
        assert.is_true(math.abs(cpu.get("Beta")! - 0.5) < 0.05);
    });

    it("shares each frame's budget: one addon's backlog does not starve another's tasks", () => {
        const { sim, AA } = startGame();
        AA.setBudget({ ms: 4 });
        let alphaDone = 0;
        let betaDone = 0;
        const alpha = AA.forAddon("Alpha").async(() => {
            sim.burn(0.1);
            alphaDone += 1;
        });
        const beta = AA.forAddon("Beta").async(() => {
            sim.burn(0.1);
            betaDone += 1;
        });
        for (const _ of $range(1, 300)) {
            alpha();
        }
        for (const _ of $range(1, 5)) {
            beta();
        }
        sim.runFrame();
        assert.are.equal(5, betaDone, "Beta's five tasks ran in the first frame");
        assert.is_true(alphaDone >= 20 && alphaDone <= 36, `Alpha ran ${alphaDone}`);
        sim.runFrames(20);
        assert.are.equal(300, alphaDone);
    });
});
