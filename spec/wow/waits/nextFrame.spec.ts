/** nextFrame() in the simulated client. */
import { startGame } from "../../support/game";

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
