/**
 * fromCallback in the simulated client: a callback API of the client's (C_Timer.After) turned
 * into a future an addon awaits, attributed to the addon whose code called it, and a cancelled
 * one whose onCancel handler cancels the client's timer.
 */
import * as client from "../../simulator/client";
import { writeAddon } from "../support/game";

describe("fromCallback in the client", () => {
    it("turns C_Timer.After into a future an addon awaits, its task the addon's", () => {
        const sim = client.newSimulator();
        const dir = writeAddon("Loader", {
            code: `
Result = {}
local loaded = AA.fromCallback(function(resolve) C_Timer.After(0.5, function() resolve("loaded", 2) end) end)
Result.owner = loaded.owner
AA.async(function() Result.a, Result.b = AA.await(loaded) end)()
`,
        });
        sim.loadAddon(dir);
        const result = sim.env.Result as { owner: string; a?: string; b?: number };
        assert.are.equal("Loader", result.owner, "attributed to the addon whose file called it");
        sim.runFrames(10, 0.02);
        assert.is_nil(result.a, "not before the timer fires");
        sim.runFrames(30, 0.02);
        assert.are.equal("loaded", result.a);
        assert.are.equal(2, result.b);
        assert.are.equal(0, sim.errors.length);
    });

    it("runs onCancel when the future is cancelled, and a later callback from the client does nothing", () => {
        const sim = client.newSimulator();
        const dir = writeAddon("Canceller", {
            code: `
Result = { cancelled = 0 }
local fire
local loaded = AA.fromCallback(function(resolve, reject, onCancel)
  fire = resolve
  onCancel(function(reason) Result.cancelled = Result.cancelled + 1; Result.reason = reason end)
end)
AA.cancel(loaded, "zone changed")
fire("too late")
Result.state, Result.isCancelled = loaded.state, AA.isCancelled(loaded.error)
`,
        });
        sim.loadAddon(dir);
        sim.runFrames(3);
        const result = sim.env.Result as { cancelled: number; reason: unknown; state: string; isCancelled: boolean };
        assert.are.equal(1, result.cancelled);
        assert.is_true(result.isCancelled);
        assert.are.equal("dead", result.state);
        assert.are.equal(0, sim.errors.length);
    });
});
