/**
 * What the real clients do that the library must live with (issue 15, item 11): C_Timer
 * refuses durations of 2^32 ms or more, every flavor has the addon-restriction API, and the
 * login sequence fires more events than PLAYER_LOGIN and PLAYER_ENTERING_WORLD.
 */
import { startGame, writeAddon } from "../support/game";
import * as client from "../../simulator/client";

const CLASSIC_ERA: [string, string, string, number] = ["1.15.9", "1", "Jan 1 2026", 11509];

describe("the client's timers", () => {
    it("issue 15.11: sleep(1e7) wakes on the first frame that reaches its deadline, the driver idle until then", () => {
        const { sim, AA } = startGame();
        sim.runFrame();
        let due = 0;
        let wokeAt: number | undefined;
        const t = AA.async(() => {
            due = sim.env.GetTime() + 1e7;
            AA.sleep(1e7);
            wokeAt = sim.env.GetTime();
        })();
        sim.runFrames(2);
        // Long frames, each past a capped wake-up timer: the driver sets the next, never runs a frame.
        while (sim.env.GetTime() < due - 9e5) {
            sim.runFrame(9e5);
            assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "asleep until the deadline");
        }
        sim.runFrame(due - sim.env.GetTime() - 0.5);
        sim.runFrames(2, 0.2);
        assert.are.equal("suspended", t.state, "not before its deadline");
        assert.is_nil(wokeAt);
        sim.runFrames(2, 0.2);
        assert.are.equal("dead", t.state);
        assert.is_true(wokeAt! >= due - 1e-6 && wokeAt! < due + 0.2, `woke at ${wokeAt}, due ${due}`);
        assert.are.same([], sim.errors);
    });

    it("issue 15.11: a long sleep outside a task, and a shorter one set while it waits, each wake on time", () => {
        const { sim, AA } = startGame();
        sim.runFrame();
        const start = sim.env.GetTime();
        const long = AA.sleep(5e6)!;
        sim.runFrames(2);
        sim.runFrame(2e6);
        const short = AA.sleep(1e6)!; // due just after the pending capped wake-up, which then sets its timer
        sim.runFrames(2);
        sim.runFrame(1e6 - 1);
        sim.runFrames(2);
        assert.are.equal("suspended", short.state);
        sim.runFrames(2, 1);
        assert.are.equal("dead", short.state);
        assert.are.equal("suspended", long.state);
        while (sim.env.GetTime() < start + 5e6 - 2e5) {
            sim.runFrame(2e5);
        }
        assert.are.equal("suspended", long.state);
        sim.runFrame(start + 5e6 - sim.env.GetTime());
        sim.runFrames(2);
        assert.are.equal("dead", long.state);
        assert.are.same([], sim.errors);
    });
});

describe("addon restrictions on every flavor", () => {
    it("issue 15.11: on Classic Era, unrestricted waits for a restriction in force until it lifts, as on retail", () => {
        const { sim, AA } = startGame({ buildInfo: CLASSIC_ERA });
        const log: string[] = [];
        AA.async(() => {
            AA.unrestricted("Combat");
            log.push("at once");
        })();
        sim.runFrame();
        sim.setRestriction("Combat", true);
        sim.runFrame();
        AA.async(() => {
            AA.unrestricted("Combat");
            log.push("once lifted");
        })();
        sim.runFrames(3);
        assert.are.same(["at once"], log);
        sim.setRestriction("Combat", false);
        sim.runFrames(2);
        assert.are.same(["at once", "once lifted"], log);
        assert.are.same([], sim.errors);
    });

    it("issue 15.11: a client with the API but not its event has nothing to wait for: unrestricted returns at once", () => {
        const { sim, AA } = startGame({ unknownEvents: ["ADDON_RESTRICTION_STATE_CHANGED"] });
        sim.setRestriction("Encounter", true);
        sim.runFrame();
        let ran = false;
        const t = AA.async(() => {
            AA.unrestricted("Encounter");
            ran = true;
        })();
        sim.runFrames(2);
        assert.is_nil(t.error);
        assert.is_true(ran);
        assert.are.same([], sim.errors);
    });
});

describe("the login sequence", () => {
    it("a task started while loading follows it: ADDON_LOADED(name, false), VARIABLES_LOADED, PLAYER_ENTERING_WORLD(true, false), SPELLS_CHANGED", () => {
        const sim = client.newSimulator();
        const dir = writeAddon("LoginFollower", {
            code: [
                "LoginLog = {}",
                "AA.async(function()",
                '  local name, onDemand = AA.waitForEvent("ADDON_LOADED")',
                '  LoginLog[#LoginLog + 1] = name .. " " .. tostring(onDemand)',
                '  AA.waitForEvent("VARIABLES_LOADED"); LoginLog[#LoginLog + 1] = "variables"',
                '  local initial, reloading = AA.waitForEvent("PLAYER_ENTERING_WORLD")',
                '  LoginLog[#LoginLog + 1] = "world " .. tostring(initial) .. " " .. tostring(reloading)',
                '  AA.waitForEvent("SPELLS_CHANGED"); LoginLog[#LoginLog + 1] = "spells"',
                "end)()",
            ].join("\n"),
        });
        sim.loadAddon(dir);
        sim.loadAddon("spec/fixtures/SimFixture");
        sim.login();
        assert.are.same(["SimFixture false", "variables", "world true false", "spells"], sim.env.LoginLog);
        assert.are.equal(0, sim.stats.frames, "all before the first frame");
        assert.are.same([], sim.errors);
    });
});
