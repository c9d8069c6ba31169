// The offline client simulator (simulator/client.lua) used from a TypeScript spec.
import * as client from "../simulator/client";

describe("client simulator from TypeScript", () => {
    it("runs OnUpdate once per frame with the frame's elapsed time", () => {
        const sim = client.newSimulator({ frameTime: 0.05 });
        const elapsed: number[] = [];
        const frame = sim.env.CreateFrame("Frame", "SimSpecFrame");
        frame.SetScript("OnUpdate", (self, dt) => {
            assert.are.equal(frame, self);
            elapsed.push(dt);
        });
        assert.are.equal(frame, sim.env.SimSpecFrame);
        sim.runFrames(3);
        sim.runFrame(0.5);
        assert.are.same([0.05, 0.05, 0.05, 0.5], elapsed);
        assert.are.equal(4, sim.stats.frames);
        assert.are.equal(4, sim.stats.onUpdateCalls);
        frame.Hide();
        sim.runFrame();
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls);
    });

    it("delivers a fired event in the next frame, before timers", () => {
        const sim = client.newSimulator();
        const log: string[] = [];
        const frame = sim.env.CreateFrame("Frame");
        frame.RegisterEvent("BAG_UPDATE");
        frame.SetScript("OnEvent", (_self, event, ...args) => {
            log.push(`${event} ${args.length}`);
        });
        sim.env.C_Timer.After(0, () => log.push("timer"));
        sim.fireEvent("BAG_UPDATE", "a", "b");
        assert.are.same([], log);
        sim.runFrame();
        assert.are.same(["BAG_UPDATE 2", "timer"], log);
        assert.are.equal(1, sim.stats.eventsDelivered);
    });

    it("keeps GetTime() frame-stable while burn() moves debugprofilestop()", () => {
        const sim = client.newSimulator();
        const env = sim.env;
        const t = env.GetTime();
        const p = env.debugprofilestop();
        sim.burn(30);
        assert.are.equal(t, env.GetTime());
        assert.are.equal(p + 30, env.debugprofilestop());
        sim.runFrame();
        assert.is_true(math.abs(env.GetTime() - (t + 1 / 60 + 0.03)) < 1e-9);
    });

    it("sends script errors to the error handler and prints to chat", () => {
        const sim = client.newSimulator();
        const frame = sim.env.CreateFrame("Frame");
        frame.SetScript("OnUpdate", () => {
            error("boom", 0);
        });
        sim.env.print("hello", 42);
        sim.runFrames(2);
        assert.are.same(["boom", "boom"], sim.errors);
        assert.are.same(["hello 42"], sim.chat);
    });
});
