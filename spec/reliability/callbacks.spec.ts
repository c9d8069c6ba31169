/**
 * User code is never dropped, as a class: every callback the library calls (predicates, filters,
 * the error handler) runs guarded. Its error fails the waiting task with the original value and a
 * traceback naming the callback, or is reported once; it is never taken as a result.
 */
import { Lib, startGame } from "../support/game";
import { contains } from "../support/lua";
import type { Future } from "../../src/api/types";
import type { Simulator } from "../../simulator/client";

interface Callback {
    name: string;
    /** Starts a task whose wait runs `callback` (which raises `err` on its second call). */
    start: (this: void, AA: Lib, callback: () => unknown) => Future;
    /** Makes the wait call the callback again. */
    poke: (this: void, sim: Simulator) => void;
}

const CALLBACKS: Callback[] = [
    {
        name: "a waitUntil predicate",
        start: (AA, callback) => AA.async(() => AA.waitUntil(callback))(),
        poke: (sim) => sim.runFrame(),
    },
    {
        name: "a waitForEvent filter",
        start: (AA, callback) => AA.async(() => AA.waitForEvent("BAG_UPDATE", callback))(),
        poke: (sim) => {
            sim.fireEvent("BAG_UPDATE", 1);
            sim.runFrame();
        },
    },
];

describe("user callbacks", () => {
    for (const c of CALLBACKS) {
        for (const awaited of [false, true]) {
            it(`${c.name} that raises fails its task with the original error${awaited ? ", which its awaiter receives" : ", reported once"}`, () => {
                const { sim, AA } = startGame();
                const payload = { from: c.name };
                let calls = 0;
                let resumed = false;
                const raiser = function callbackThatRaises(): unknown {
                    calls += 1;
                    if (calls >= 2) {
                        error(payload);
                    }
                    return false;
                };
                const task = c.start(AA, () => {
                    const value = raiser();
                    resumed = value !== false;
                    return value;
                });
                let caught: unknown;
                if (awaited) {
                    AA.async(() => {
                        AA.joinTask(task);
                        caught = task.error;
                    })();
                }
                sim.runFrame();
                c.poke(sim);
                c.poke(sim);
                sim.runFrames(2);
                assert.are.equal("dead", task.state);
                assert.are.equal(payload, task.error);
                assert.is_true(contains(task.traceback, "callbacks_spec"), tostring(task.traceback));
                assert.is_false(resumed, "never taken as a result");
                assert.are.equal(2, calls, "not called again once it raised");
                if (awaited) {
                    assert.are.equal(payload, caught);
                    assert.are.equal(0, sim.errors.length);
                } else {
                    assert.are.equal(1, sim.errors.length);
                    assert.is_true(contains(sim.errors[0], tostring(payload)));
                }
            });
        }
    }

    it("an error handler that raises still lets the report surface, once", () => {
        const { sim, AA } = startGame();
        sim.env.seterrorhandler(() => error("handler broke"));
        AA.async(() => error("the task's error"))();
        sim.runFrames(3);
        const chat = sim.chat.join("\n");
        assert.is_true(contains(chat, "the task's error"));
        assert.is_true(contains(chat, "handler broke"));
        let reports = 0;
        for (const line of sim.chat) {
            if (contains(line, "unhandled error")) {
                reports += 1;
            }
        }
        assert.are.equal(1, reports);
        const t = AA.async(() => "the scheduler carries on")();
        sim.runFrame();
        assert.are.equal("dead", t.state);
    });
});
