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

describe("/asyncawait counts tasks (issue 15.9)", () => {
    it("by what each waits for: a timed event wait is one task waiting for an event, an await one awaiting a task", () => {
        const { sim, AA } = startGame();
        const waiter = AA.async(() => AA.waitForEvent("BAG_UPDATE", undefined, 30))();
        AA.async(() => AA.await(waiter))();
        sim.runFrames(2);
        sim.slash("/aa");
        assert.are.equal(`AsyncAwait ${AA.version}: 2 live tasks: 1 awaiting a task, 1 waiting for events`, sim.chat[0]);
    });

    it("leaves out the categories with no task", () => {
        const { sim, AA } = startGame();
        sim.runFrame();
        sim.slash("/aa");
        assert.are.equal(`AsyncAwait ${AA.version}: 0 live tasks`, sim.chat[0]);
    });

    it("counts runnable, pending, combinators and each wait kind", () => {
        const { sim, AA } = startGame();
        const sleeper = AA.async(() => AA.sleep(60))();
        AA.async(() => {
            while (true) {
                AA.nextFrame();
            }
        })();
        AA.async(() => AA.waitUntil(() => false))();
        AA.all([sleeper]);
        AA.createTask(() => undefined);
        sim.runFrames(2);
        AA.async(() => undefined)();
        sim.slash("/aa");
        assert.are.equal(
            `AsyncAwait ${AA.version}: 6 live tasks: 1 runnable, 1 waiting for the next frame, 1 sleeping, 1 waiting for conditions, ` +
                "1 waiting in combinators (all, race, timeout...), 1 pending",
            sim.chat[0],
        );
    });
});

describe("/asyncawait tasks [addon] (issue 15.9)", () => {
    it("lists live tasks with their addon, state, what each waits for and origin", () => {
        const { sim, AA } = startGame();
        AA.forAddon("Alpha").async(() => AA.sleep(30))();
        const waiter = AA.async(() => AA.waitForEvent("BAG_UPDATE", undefined, 30))();
        AA.forAddon("Beta").async(() => AA.await(waiter))();
        sim.runFrames(2);
        AA.forAddon("Beta").async(() => undefined)();
        assert.is_true(sim.slash("/asyncawait tasks"));
        assert.are.equal("AsyncAwait: 4 live tasks:", sim.chat[0]);
        const lines = sim.chat.join("\n");
        assert.is_true(find(lines, "  Alpha: suspended, sleep(30) - "), lines);
        assert.is_true(find(lines, "  AsyncAwait: suspended, event BAG_UPDATE, timing out after 30 s - "), lines);
        assert.is_true(find(lines, "  Beta: suspended, awaiting a task of AsyncAwait ("), lines);
        assert.is_true(find(lines, "  Beta: runnable - "), lines);
        for (const line of sim.chat.slice(1)) {
            assert.is_true(find(line, "slash_spec.lua:"), `the origin: where its async function was made: ${line}`);
        }
    });

    it("lists one addon's tasks (its name in any case), says which addons there are for an unknown one", () => {
        const { sim, AA } = startGame();
        AA.forAddon("Alpha").async(() => AA.sleep(30))();
        AA.forAddon("Beta").async(() => AA.sleep(30))();
        sim.runFrames(2);
        sim.slash("/aa tasks alpha");
        assert.are.equal(2, sim.chat.length);
        assert.are.equal("AsyncAwait: 1 live tasks of Alpha:", sim.chat[0]);
        assert.is_true(find(sim.chat[1], "  Alpha: suspended, sleep(30)"));
        sim.slash("/aa tasks Gamma");
        assert.are.equal("AsyncAwait: no addon named Gamma has made tasks (addons: AsyncAwait, Alpha, Beta)", sim.chat[2]);
        sim.slash("/aa nonsense");
        assert.is_true(find(sim.chat[3], "/asyncawait tasks [addon]"), sim.chat[3]);
    });

    it("lists at most 40, then says how many more", () => {
        const { sim, AA } = startGame();
        for (const _ of $range(1, 45)) {
            AA.async(() => AA.sleep(30))();
        }
        sim.runFrames(2);
        sim.slash("/aa tasks");
        assert.are.equal(42, sim.chat.length);
        assert.is_true(find(sim.chat[41], "... and 5 more"), sim.chat[41]);
    });
});

describe("/asyncawait tasks, combinators and unknown origins", () => {
    it("names a combinator's result by its combinator; a task of unknown origin says so, with one hint line", () => {
        const { sim, AA } = startGame();
        const sleeper = AA.async(() => AA.sleep(30))();
        const both = AA.all([sleeper]);
        AA.async(() => AA.await(both))();
        sim.runFrames(2);
        sim.slash("/aa tasks");
        const lines = sim.chat.join("\n");
        assert.is_true(find(lines, "  AsyncAwait: suspended, all(1 futures) - origin unknown"), lines);
        assert.is_true(find(lines, "  AsyncAwait: suspended, awaiting all(1 futures) - "), lines);
        assert.is_true(find(sim.chat[sim.chat.length - 1], "traceCreation(true)"), lines);
    });
});
