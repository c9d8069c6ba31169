/** The /asyncawait report. */
import { startGame } from "../support/game";
import { contains as find } from "../support/lua";

describe("/asyncawait and /aa", () => {
    it("print live tasks by state, CPU per addon, the pool and recent budget use", () => {
        const { sim, AA } = startGame();
        AA.forAddon("Alpha").async(() => {
            sim.burn(0.3);
            AA.sleep(30);
        })();
        AA.async(() => AA.waitForEvent("NEVER_FIRED"))();
        sim.runFrames(2);
        assert.is_true(sim.slash("/aa"));
        const text = sim.chat.join("\n");
        assert.is_true(find(text, "2 live tasks"), text);
        assert.is_true(find(text, "1 sleeping"), text);
        assert.is_true(find(text, "1 waiting for events"), text);
        assert.is_true(find(text, "worker pool"), text);
        assert.is_true(find(text, "frame budget"), text);
        assert.is_true(find(text, "Alpha 0.3 ms"), text);
        const lines = sim.chat.length;
        assert.is_true(sim.slash("/asyncawait"));
        assert.are.equal(lines * 2, sim.chat.length);
    });
});
