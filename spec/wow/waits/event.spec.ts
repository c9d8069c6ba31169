/** waitForEvent(event [, filter]) in the simulated client. */
import { startGame } from "../../support/game";

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
