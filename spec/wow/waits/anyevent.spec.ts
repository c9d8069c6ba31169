/** waitForAnyEvent(events [, filter [, timeout]]) in the simulated client. */
import { registered, startGame } from "../../support/game";
import { attempt, contains } from "../../support/lua";
import type { Task } from "../../../src/api/types";

describe("waitForAnyEvent", () => {
    it("returns the first event's name and payload, and stops listening for every one of them", () => {
        const { sim, AA } = startGame();
        let got: unknown[] = [];
        AA.async(() => {
            got = [...AA.waitForAnyEvent(["BAG_UPDATE", "PLAYER_MONEY", "BAG_UPDATE_DELAYED"])];
        })();
        sim.runFrame();
        assert.is_true(registered(AA, "BAG_UPDATE") && registered(AA, "PLAYER_MONEY") && registered(AA, "BAG_UPDATE_DELAYED"));
        sim.fireEvent("PLAYER_MONEY", 5, "x");
        sim.fireEvent("BAG_UPDATE", 1);
        sim.runFrame();
        assert.are.same(["PLAYER_MONEY", 5, "x"], got);
        assert.is_false(registered(AA, "BAG_UPDATE") || registered(AA, "PLAYER_MONEY") || registered(AA, "BAG_UPDATE_DELAYED"));
        assert.are.equal(0, sim.errors.length);
    });

    it("passes the event's name to the filter and skips what it rejects; a single waiter of one of the events is not disturbed", () => {
        const { sim, AA } = startGame();
        const seen: unknown[] = [];
        let got: unknown[] = [];
        let single: unknown;
        AA.async(() => {
            got = [
                ...AA.waitForAnyEvent(["UNIT_HEALTH", "UNIT_POWER_UPDATE"], (event: string, unit: unknown) => {
                    seen.push(event);
                    return unit === "player";
                }),
            ];
        })();
        AA.async(() => {
            [single] = AA.waitForEvent("UNIT_HEALTH");
        })();
        sim.runFrame();
        sim.fireEvent("UNIT_HEALTH", "target");
        sim.runFrame();
        assert.are.same([], got, "rejected: still waiting");
        assert.are.equal("target", single);
        sim.fireEvent("UNIT_POWER_UPDATE", "player", "MANA");
        sim.runFrame();
        assert.are.same(["UNIT_HEALTH", "UNIT_POWER_UPDATE"], seen);
        assert.are.same(["UNIT_POWER_UPDATE", "player", "MANA"], got);
        assert.is_false(registered(AA, "UNIT_HEALTH") || registered(AA, "UNIT_POWER_UPDATE"));
    });

    it("fails with TimedOut when none comes in time, and a filter's error fails the task; nothing stays registered", () => {
        const { sim, AA } = startGame();
        const timed = AA.async(() => AA.waitForAnyEvent(["BAG_UPDATE", "PLAYER_MONEY"], undefined, 0.5))();
        const broken = AA.async(() => AA.waitForAnyEvent(["LOOT_READY", "LOOT_CLOSED"], () => error("bad filter", 0)))();
        sim.runFrame();
        sim.fireEvent("LOOT_CLOSED");
        sim.runFrames(60, 0.02);
        assert.are.equal("TimedOut", AA.errorKind(timed.error));
        assert.are.equal("bad filter", broken.error);
        for (const event of ["BAG_UPDATE", "PLAYER_MONEY", "LOOT_READY", "LOOT_CLOSED"]) {
            assert.is_false(registered(AA, event), event);
        }
    });

    it("is released by cancel, counted once by /asyncawait and found by cancelAll", () => {
        const { sim, AA } = startGame();
        const waiter = AA.async(() => AA.waitForAnyEvent(["BAG_UPDATE", "PLAYER_MONEY"]))();
        const other = AA.async(() => AA.waitForAnyEvent(["BAG_UPDATE", "PLAYER_MONEY"]))();
        sim.runFrame();
        const before = sim.chat.length;
        assert.is_true(sim.slash("/asyncawait"));
        const said = table.concat(sim.chat, "\n", before + 1);
        assert.is_true(contains(said, "2 live tasks: 2 waiting for events"), said);
        AA.cancel(waiter);
        assert.is_true(registered(AA, "BAG_UPDATE"), "the other waiter still listens");
        AA.cancelAll();
        assert.is_true((other as Task & { cancelled: boolean }).cancelled);
        assert.is_false(registered(AA, "BAG_UPDATE") || registered(AA, "PLAYER_MONEY"));
        sim.fireEvent("BAG_UPDATE");
        sim.runFrame();
        assert.are.equal(0, sim.errors.length);
    });

    it("outside a task returns a future of the event's name and payload", () => {
        const { sim, AA } = startGame();
        const [first] = AA.waitForAnyEvent(["PLAYER_MONEY", "BAG_UPDATE"]);
        const future = first as unknown as Task;
        sim.fireEvent("BAG_UPDATE", 2);
        sim.runFrames(2);
        assert.are.equal("dead", future.state, tostring(future.error));
        assert.are.same({ n: 2, 1: "BAG_UPDATE", 2: 2 }, future.result);
    });

    it("rejects an event the client's flavor lacks, at the caller", () => {
        const { AA } = startGame({ buildInfo: ["1.15.9", "1", "Jan 1 2026", 11509] });
        const [ok, err] = attempt(() => AA.waitForAnyEvent(["BAG_UPDATE", "CHALLENGE_MODE_START"]));
        assert.is_false(ok);
        assert.is_true(contains(err, "this client does not know the event CHALLENGE_MODE_START"), tostring(err));
        assert.is_false(registered(AA, "BAG_UPDATE"), "nothing was registered");
    });
});
