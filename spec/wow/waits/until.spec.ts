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

    it("issue 17: a predicate that cancels tasks waiting on conditions (its own too) leaves the others checked and the driver running", () => {
        const { sim, AA } = startGame();
        let ready = false;
        const order: string[] = [];
        const tasks: Record<string, ReturnType<ReturnType<typeof AA.async>>> = {};
        const waiter = (name: string, predicate: () => unknown) =>
            AA.async(() => {
                AA.waitUntil(predicate);
                order.push(name);
            })();
        tasks.a = waiter("a", () => {
            if (ready) {
                AA.cancel(tasks.b); // later in the list
                AA.cancel(tasks.d);
            }
            return ready;
        });
        tasks.b = waiter("b", () => false);
        tasks.c = waiter("c", () => ready);
        tasks.d = waiter("d", () => false);
        tasks.e = waiter("e", () => {
            if (ready) {
                AA.cancel(tasks.e); // itself
                AA.cancel(tasks.a); // earlier in the list, woken already (queued: cancelled)
            }
            return false;
        });
        tasks.f = waiter("f", () => ready);
        sim.runFrames(2);
        assert.are.equal(6, AA._state.wow.predicatesLen);
        ready = true;
        sim.runFrames(3);
        assert.are.same([], sim.errors);
        assert.are.same(["c", "f"], order);
        for (const name of ["a", "b", "d", "e"]) {
            assert.is_true(tasks[name].cancelled, name);
        }
        assert.are.equal(0, AA._state.wow.predicatesLen);
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles");
    });
});
