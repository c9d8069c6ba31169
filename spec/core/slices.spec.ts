/** Long slices under the frame driver: recorded per task, reported once, listed by /asyncawait. */
import { startGame } from "../support/game";
import { chunk, contains } from "../support/lua";
import type { Future } from "../../src/api/types";

type Measured = Future & { longestSlice?: number };

function reportsOf(this: void, errors: unknown[]): string[] {
    const list: string[] = [];
    for (const e of errors) {
        if (contains(e, "without waiting or yielding")) {
            list.push(tostring(e));
        }
    }
    return list;
}

describe("long slices", () => {
    it("are reported once per task, with its addon and where its async function was made", () => {
        const { sim, AA } = startGame();
        const make = chunk(
            "local AA, sim = ...\n\nlocal f = AA.forAddon('Slow').async(function() sim:burn(60); AA.yield(); sim:burn(70) end)\nreturn f",
            "maker",
        );
        const slow = make(AA, sim) as () => Measured;
        const t = slow();
        sim.runFrames(3);
        assert.are.equal("dead", t.state);
        const reports = reportsOf(sim.errors);
        assert.are.equal(1, reports.length, "once per task");
        assert.is_true(contains(reports[0], "a task of Slow ran 60.0 ms"), reports[0]);
        assert.is_true(contains(reports[0], "made at maker:3"), reports[0]);
        assert.is_true(math.abs(t.longestSlice! - 70) < 0.01, "its longest slice is recorded");
    });

    it("measure tasks a worker runs one after another in the same resume", () => {
        const { sim, AA } = startGame();
        AA.setBudget({ ms: 500 });
        const f = AA.async(() => sim.burn(55));
        f();
        f();
        sim.runFrame();
        assert.are.equal(2, reportsOf(sim.errors).length);
    });

    it("follow reportLongSlices: another threshold, or none", () => {
        const { sim, AA } = startGame();
        AA.reportLongSlices(10);
        const quick = AA.async(() => sim.burn(0.5))() as Measured;
        AA.async(() => sim.burn(20))();
        sim.runFrame();
        assert.are.equal(1, reportsOf(sim.errors).length);
        assert.is_nil(quick.longestSlice, "slices under a millisecond touch nothing");
        AA.reportLongSlices(false);
        AA.async(() => sim.burn(100))();
        sim.runFrame();
        assert.are.equal(1, reportsOf(sim.errors).length);
    });

    it("are listed by /asyncawait, slowest first, without keeping their tasks", () => {
        const { sim, AA } = startGame();
        AA.reportLongSlices(false);
        for (const ms of [3, 9, 5]) {
            AA.forAddon(`Addon${ms}`).async(() => sim.burn(ms))();
            sim.runFrame();
        }
        sim.slash("/aa");
        const line = sim.chat.find((l) => contains(l, "slowest slices")) ?? "";
        const [a] = string.find(line, "9.0 ms (Addon9", 1, true);
        const [b] = string.find(line, "5.0 ms (Addon5", 1, true);
        const [c] = string.find(line, "3.0 ms (Addon3", 1, true);
        assert.is_true(a !== undefined && b !== undefined && c !== undefined && a < b && b < c, line);
    });
});
