/** outOfCombat() in the simulated client. */
import { registered, startGame } from "../../support/game";

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

describe("outOfCombat's wait kind", () => {
    it("listens for PLAYER_REGEN_ENABLED only while a task waits, and counts its waiters", () => {
        const { sim, AA } = startGame();
        sim.setCombat(true);
        sim.runFrame();
        AA.async(() => AA.outOfCombat())();
        AA.async(() => AA.outOfCombat())();
        sim.runFrame();
        assert.are.equal(2, AA._state.wow.combatWaitsLen);
        assert.is_true(registered(AA, "PLAYER_REGEN_ENABLED"));
        sim.setCombat(false);
        sim.runFrame();
        assert.are.equal(0, AA._state.wow.combatWaitsLen);
        assert.is_false(registered(AA, "PLAYER_REGEN_ENABLED"));
    });
});
