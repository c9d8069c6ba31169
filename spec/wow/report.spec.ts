/** Unhandled task errors, reported through the client's error handler. */
import { startGame, writeAddon } from "../support/game";
import { contains as find } from "../support/lua";

describe("unhandled task errors", () => {
    it("go to geterrorhandler() once, with the error, the traceback and where the task came from", () => {
        const { sim, AA } = startGame();
        const failing = AA.async(function explode() {
            error("kaboom");
        });
        failing();
        sim.runFrames(3);
        assert.are.equal(1, sim.errors.length);
        const report = sim.errors[0];
        assert.is_true(find(report, "AsyncAwait: unhandled error in a task of AsyncAwait"));
        assert.is_true(find(report, "kaboom"));
        assert.is_true(find(report, "in function"), "the traceback of the failure");
        // The client has no debug library: where async() made the function is recorded instead.
        assert.is_true(find(report, "a task of the async function made at"), tostring(report));
        assert.is_true(find(report, "report_spec"), tostring(report));
    });

    it("name the call site when creation tracing is on", () => {
        const { sim, AA } = startGame();
        AA.traceCreation(true);
        AA.async(() => error("traced"))();
        sim.runFrame();
        assert.are.equal(1, sim.errors.length);
        assert.is_true(find(sim.errors[0], "created at:"));
        assert.is_true(find(sim.errors[0], "report_spec"));
    });

    it("are re-raised in an awaiter and reported once, for the task no one awaited", () => {
        const { sim, AA } = startGame();
        const payload = { code: 42 };
        const child = AA.async(() => {
            AA.yield();
            error(payload);
        });
        const parent = AA.async(() => {
            AA.await(child());
        });
        const p = parent();
        sim.runFrames(3);
        assert.are.equal(payload, p.error, "the awaiter failed with the value unchanged");
        const caught: unknown = sim.errors[0];
        assert.are.equal(1, sim.errors.length);
        assert.is_truthy(caught);
    });

    it("are not reported when the failed task is joined", () => {
        const { sim, AA } = startGame();
        const child = AA.async(() => error("handled"));
        let seen: unknown;
        AA.async(() => {
            const t = child();
            AA.joinTask(t);
            seen = t.error;
        })();
        sim.runFrames(2);
        assert.is_true(find(seen, "handled"));
        assert.are.equal(0, sim.errors.length);
    });

    it("do not break the scheduler when the error handler itself raises", () => {
        const { sim, AA } = startGame();
        sim.env.seterrorhandler(() => {
            error("the handler broke");
        });
        const log: string[] = [];
        AA.async(() => error("first"))();
        AA.async(() => {
            AA.yield();
            log.push("still running");
        })();
        sim.runFrames(2);
        AA.async(() => log.push("later"))();
        sim.runFrames(2);
        assert.are.same(["still running", "later"], log);
    });
});

describe("attribution and frames in reports", () => {
    /** An addon folder whose main.lua (given the library as AA) is `code`, loaded into `sim`. */
    const addon = (sim: ReturnType<typeof startGame>["sim"], name: string, code: string) => {
        sim.loadAddon(writeAddon(name, { code }));
    };

    it("tasks made through the library table belong to the addon whose file made them", () => {
        const { sim, AA } = startGame();
        addon(
            sim,
            "Maker",
            `
            local helper = function(x) error("boom " .. x) end
            local work = AA.async(function(x) AA.nextFrame(); helper(x) end)
            MakerTasks = {
                work(1),
                AA.createTask(function() end),
                AA.delay(5),
                AA.latest(function() AA.sleep(5) end)(),
            }
        `,
        );
        sim.login();
        sim.runFrames(3);
        const tasks = sim.env.MakerTasks as { owner: string }[];
        for (const t of tasks) {
            assert.are.equal("Maker", t.owner);
        }
        assert.are.equal(1, sim.errors.length);
        const report = sim.errors[0] as string;
        assert.is_true(find(report, "unhandled error in a task of Maker: Interface/AddOns/Maker/main.lua:3: boom 1"), report);
        // The addon's frames, and none of the library's (what calls the body, what raised).
        assert.is_true(find(report, "Interface/AddOns/Maker/main.lua:3: in function"), report);
        assert.is_false(find(report, "AsyncAwait/AsyncAwait.lua"), report);
        assert.is_false(find(report, "[C]:"), report);
        void AA;
    });

    it("a bad input's report starts at the addon's line, not inside the library", () => {
        const { sim } = startGame();
        addon(sim, "Careless", `AA.async(function() AA.sleep("soon") end)()`);
        sim.login();
        sim.runFrames(2);
        assert.are.equal(1, sim.errors.length);
        const report = sim.errors[0] as string;
        const [firstFrame] = string.match(report, "^[^\n]*\n([^\n]*)");
        assert.is_true(find(firstFrame, "Interface/AddOns/Careless/main.lua:2"), report);
        assert.is_false(find(report, "raiseAtCaller"), report);
    });

    it("the library table's cancelAll cancels the calling addon's tasks, not another's", () => {
        const { sim } = startGame();
        addon(sim, "Mine", `MineTask = AA.async(function() AA.sleep(10) end)()`);
        addon(sim, "Theirs", `TheirsTask = AA.async(function() AA.sleep(10) end)()`);
        sim.login();
        sim.runFrame();
        const reset = sim.env.loadstring("AsyncAwait.cancelAll('reset')", "@Interface/AddOns/Mine/reset.lua")[0]!;
        reset();
        assert.are.equal("dead", (sim.env.MineTask as { state: string }).state);
        assert.are.equal("suspended", (sim.env.TheirsTask as { state: string }).state);
    });

    it("code of no addon file (a macro, /run) makes tasks of no addon, as before", () => {
        const { sim } = startGame();
        const run = sim.env.loadstring("return AsyncAwait.async(function() end)()", "=(macro)")[0]!;
        assert.are.equal("AsyncAwait", (run() as { owner: string }).owner);
    });
});
