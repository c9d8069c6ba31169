/** Unhandled task errors, reported through the client's error handler. */
import { startGame } from "../support/game";
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
        let caught: unknown;
        const parent = AA.async(() => {
            AA.await(child());
        });
        const p = parent();
        sim.runFrames(3);
        assert.are.equal(payload, p.error, "the awaiter failed with the value unchanged");
        caught = sim.errors[0];
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
