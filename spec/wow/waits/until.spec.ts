/** waitUntil(predicate) in the simulated client. */
import { startGame } from "../../support/game";

describe("waitUntil", () => {
    it("checks the predicate once per frame and returns its value", () => {
        const { sim, AA } = startGame();
        let checks = 0;
        let ready: string | undefined;
        let got: unknown;
        AA.async(() => {
            got = AA.waitUntil(() => {
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
