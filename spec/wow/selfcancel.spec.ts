/**
 * A task that cancels itself (or its whole addon) while it runs, in the simulated client with
 * the built addon: it ends at its next yield, await or wait, whether or not that call would
 * suspend, and no later task of any addon notices anything. With ASYNCAWAIT_ADDON pointing at
 * the 0.3.0 build, these fail (every later task that suspends failed as DirectYield there).
 */
import { Lib, startGame } from "../support/game";
import * as client from "../../simulator/client";
import type { Future, Task } from "../../src/api/types";

type AnyTask = Task<unknown[]> & { cancelled: boolean };

/** Tasks that suspend in every way, started after `setup`: each must end normally. */
function laterTasksWork(this: void, sim: client.Simulator, AA: Lib): void {
    const results: unknown[] = [];
    const tasks: AnyTask[] = [
        AA.async(() => {
            AA.nextFrame();
            return "frame";
        })() as unknown as AnyTask,
        AA.async(() => {
            AA.sleep(0.05);
            return "slept";
        })() as unknown as AnyTask,
        AA.async(() => {
            const inner = AA.async(() => {
                AA.yield();
                return "inner";
            })();
            return AA.await(inner);
        })() as unknown as AnyTask,
        AA.async(() => {
            AA.waitUntil(() => results.length > 0 || sim.env.GetTime() > 0);
            AA.yield();
            return "until";
        })() as unknown as AnyTask,
    ];
    sim.runFrames(10, 0.02);
    for (const t of tasks) {
        assert.are.equal("dead", t.state);
        assert.is_nil(t.error, tostring(t.error));
        assert.is_false(t.cancelled);
    }
    assert.are.same(
        ["frame", "slept", "inner", "until"],
        tasks.map((t) => t.result![1]),
    );
    assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
}

/** A task that cancels itself, then does `then(AA)`; returns it after a few frames. */
function selfCancel(this: void, sim: client.Simulator, AA: Lib, then: (this: void, AA: Lib) => unknown): AnyTask {
    const self: AnyTask | undefined = AA.async(() => {
        AA.cancel(self!, "stop");
        return then(AA);
    })() as unknown as AnyTask;
    sim.runFrames(3, 0.02);
    return self;
}

describe("a task that cancels itself while running", () => {
    const after: [string, (this: void, AA: Lib) => unknown, boolean][] = [
        // what it does next, and whether that ends it cancelled (a return or an error keeps its outcome)
        ["returns", () => 1, false],
        ["fails", () => error("boom"), false],
        ["yields", (AA) => AA.yield(), true],
        ["sleeps", (AA) => AA.sleep(0.1), true],
        ["waits a frame", (AA) => AA.nextFrame(), true],
        ["waits for an event", (AA) => AA.waitForEvent("BAG_UPDATE"), true],
        ["waits for an event with a timeout", (AA) => AA.waitForEvent("BAG_UPDATE", undefined, 5), true],
        ["waits until a false predicate", (AA) => AA.waitUntil(() => false), true],
        ["awaits a queued task", (AA) => AA.await(AA.async(() => 1)()), true],
    ];
    for (const [what, then, cancelled] of after) {
        it(`and then ${what} breaks no later task`, () => {
            const { sim, AA } = startGame();
            sim.login();
            const t = selfCancel(sim, AA, then);
            assert.are.equal("dead", t.state);
            assert.are.equal(cancelled, t.cancelled);
            if (cancelled) {
                assert.are.equal("Cancelled", AA.errorKind(t.error));
                assert.are.equal("stop", (t.error as { reason: unknown }).reason);
            }
            // A cancellation is never reported; the error of "fails" is, once.
            const expected = what === "fails" ? 1 : 0;
            assert.are.equal(expected, sim.errors.length, tostring(sim.errors[0]));
            sim.errors.length = 0;
            laterTasksWork(sim, AA);
        });
    }

    // The calls that have nothing to wait for are still where a cancelled task ends.
    const noWait: [string, (this: void, AA: Lib, dead: Future<number>) => unknown][] = [
        ["await of a dead task", (AA, dead) => AA.await(dead)],
        ["joinTask of a dead task", (AA, dead) => AA.joinTask(dead)],
        ["await of a failed dead task", (AA) => AA.await(failedTask)],
        ["outOfCombat() out of combat", (AA) => AA.outOfCombat()],
        ["waitUntil whose predicate is already true", (AA) => AA.waitUntil(() => true)],
        ["unrestricted() with nothing restricted", (AA) => AA.unrestricted("Combat")],
        ["await of an async function called inline", (AA) => AA.await(AA.async(() => 1))],
        ["awaitAny of a plain value", (AA) => AA.awaitAny(5)],
        ["awaitAny of a dead task", (AA, dead) => AA.awaitAny(dead)],
    ];
    let failedTask: Future<number>;
    for (const [what, call] of noWait) {
        it(`ends at ${what}`, () => {
            const { sim, AA } = startGame({ restrictions: true });
            sim.login();
            const dead = AA.async(() => 7)() as unknown as Future<number>;
            failedTask = AA.async(() => error("handled"))() as unknown as Future<number>;
            AA.joinTask(failedTask);
            sim.runFrames(2, 0.02);
            assert.are.equal("dead", dead.state);
            const log: string[] = [];
            const self: AnyTask | undefined = AA.async(() => {
                AA.cancel(self!);
                log.push("before");
                call(AA, dead);
                log.push("after: must not run");
            })() as unknown as AnyTask;
            sim.runFrames(3, 0.02);
            assert.are.same(["before"], log);
            assert.is_true(self.cancelled);
            assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
            laterTasksWork(sim, AA);
        });
    }

    it("ends at AA.pcall's await inside, and the pcall does not swallow it", () => {
        const { sim, AA } = startGame();
        sim.login();
        const dead = AA.async(() => 7)();
        sim.runFrame(0.02);
        const log: unknown[] = [];
        const self: AnyTask | undefined = AA.async(() => {
            AA.cancel(self!);
            log.push(AA.pcall(() => AA.await(dead)));
            log.push("after");
        })() as unknown as AnyTask;
        sim.runFrames(3, 0.02);
        assert.are.same([], log);
        assert.is_true(self.cancelled);
        laterTasksWork(sim, AA);
    });

    it("a handle's cancelAll() inside one of its own tasks ends that task at its next wait, every other task of the addon, and nothing else", () => {
        const { sim, AA } = startGame();
        sim.login();
        const H = AA.forAddon("Reset");
        const other = AA.forAddon("Other");
        const sleepers = [H.async(() => H.sleep(10))(), H.async(() => H.waitForEvent("BAG_UPDATE"))()] as unknown as AnyTask[];
        const bystander = other.async(() => {
            other.sleep(0.1);
            return "fine";
        })() as unknown as AnyTask;
        sim.runFrame(0.02);
        const log: string[] = [];
        const reset = H.async(() => {
            H.cancelAll("reset");
            log.push("after cancelAll");
            H.nextFrame();
            log.push("never");
        })() as unknown as AnyTask;
        sim.runFrames(10, 0.02);
        assert.are.same(["after cancelAll"], log);
        for (const t of [...sleepers, reset]) {
            assert.is_true(t.cancelled);
        }
        assert.are.equal("fine", bystander.result![1]);
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
        laterTasksWork(sim, AA);
    });
});
