/**
 * Starts inside the caller (startNow, and startNew, which makes the task too: what the
 * TypeScript plugin's async functions use): the body runs in the call up to its first
 * suspension, then from the queue; nothing else runs in the nested run; unhandled errors wait
 * for the caller; deep nesting falls back to queueing.
 */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, contains } from "../support/lua";
import type { Future, Task } from "../../src/api/types";
import type { TaskRecord } from "../../src/core/task";

let L: Library;
let A: Library["api"];

before_each(() => {
    L = freshLibrary();
    A = L.api;
});

type Start = <R>(this: void, fn: (this: void, ...args: any[]) => R, ...args: unknown[]) => Task<R>;

/** The two ways to start a task running `fn(...args)` inside this call. */
const starts: [string, Start][] = [
    [
        "startNow",
        (fn, ...args) => {
            const task = A.createTask(fn, ...args);
            L.entries.startNow(task as unknown as TaskRecord);
            return task as never;
        },
    ],
    // The default owner's, as A.createTask's tasks are.
    ["startNew", (fn, ...args) => L.entries.startNew(L.entries.ownerNamed("AsyncAwait"), fn, ...args) as never],
];

for (const [name, start] of starts) {
    describe(name, () => {
        it("runs the body inside the call up to its first suspension, then from the queue", () => {
            const log: string[] = [];
            const task = start((x: number) => {
                log.push(`body ${x}`);
                A.yield();
                log.push("resumed");
                return x * 2;
            }, 21);
            log.push("after the call");
            assert.are.equal("runnable", task.state);
            A.scheduleAll();
            assert.are.same(["body 21", "after the call", "resumed"], log);
            assert.are.equal(42, A.await(task));
        });

        it("passes every argument, nils among them, and none", () => {
            const count = (...args: unknown[]) => select("#", ...args);
            assert.are.equal(0, A.await(start(count)));
            assert.are.equal(1, A.await(start(count, undefined)));
            assert.are.equal(3, A.await(start(count, "a", undefined, "c")));
            assert.are.equal("c", A.await(start((_a: unknown, _b: unknown, c: unknown) => c, "a", undefined, "c")));
        });

        it("finishes a body that never suspends before the call returns", () => {
            const task = start(() => "done");
            assert.are.equal("dead", task.state);
            assert.are.equal("done", A.await(task));
        });

        it("inside a task: the caller is the running task again after the call, and nothing else ran meanwhile", () => {
            const log: string[] = [];
            let callerAfter: unknown;
            A.async(() => log.push("queued before"))();
            const caller = A.async(() => {
                const nested = start(() => {
                    log.push("nested");
                    A.yield();
                    log.push("nested resumed");
                });
                callerAfter = L.scheduler.runningTask();
                log.push(`caller, nested ${nested.state}`);
                A.await(nested);
                log.push("caller done");
            });
            const task = caller();
            A.async(() => log.push("queued after"))();
            A.scheduleAll();
            assert.are.equal(task, callerAfter);
            assert.are.same(["queued before", "nested", "caller, nested runnable", "queued after", "nested resumed", "caller done"], log);
        });

        it("does not report an error the body raised in the call before the caller has the future", () => {
            const reported: unknown[] = [];
            L.settings.configure({ reporter: (task: TaskRecord) => reported.push(task.error) });
            const handled = start(() => error("handled", 0));
            assert.are.same([], reported, "not at the end of the call");
            assert.are.equal("handled", attempt(() => A.await(handled))[1]);
            start(() => error("unhandled", 0));
            assert.are.same([], reported);
            A.scheduleAll();
            assert.are.same(["unhandled"], reported, "at the end of the next run");
        });

        it("inside a run, leaves an error to the end of that run, when the caller has handled it", () => {
            const reported: unknown[] = [];
            L.settings.configure({ reporter: (task: TaskRecord) => reported.push(task.error) });
            let caught: unknown;
            A.async(() => {
                const failed = start(() => error("caught by the caller", 0));
                caught = attempt(() => A.await(failed))[1];
            })();
            A.scheduleAll();
            assert.are.equal("caught by the caller", caught);
            assert.are.same([], reported);
        });

        it("under a budget, a nested body that ends does not go on to queued tasks", () => {
            const log: string[] = [];
            A.async(() => {
                start(() => log.push("nested"));
                log.push("caller");
            })();
            A.async(() => log.push("queued"))();
            let t = 0;
            L.scheduler.runBudget(1000, () => (t += 0.001));
            assert.are.same(["nested", "caller", "queued"], log);
        });

        it("queues the task once 64 starts are nested, so a deep chain never overflows Lua 5.1's C stack", () => {
            let deepest = 0;
            const chain = (n: number): number => {
                deepest = math.max(deepest, L.entries.eagerState().depth);
                return n === 0 ? 0 : (A.await(start(chain, n - 1)) as number) + 1;
            };
            const top = A.async(() => A.await(start(chain, 500)))();
            A.scheduleAll();
            assert.are.equal(500, A.await(top));
            assert.are.equal(0, L.entries.eagerState().depth);
            assert.are.equal(64, deepest);
        });

        it("counts starts under way in eagerState, which the plugin reads", () => {
            let seen = -1;
            start(() => {
                seen = L.entries.eagerState().depth;
            });
            assert.are.equal(1, seen);
            assert.are.equal(0, L.entries.eagerState().depth);
        });
    });

    describe(`${name}: an error raised in the call`, () => {
        it("is handled by a catch attached right after the call, though the run ends before the catch's task runs", () => {
            const reported: unknown[] = [];
            L.settings.configure({ reporter: (task: TaskRecord) => reported.push(task.error) });
            let handled: unknown;
            A.async(() => {
                const failed = start(() => error("caught later", 0)) as unknown as Future;
                failed.catch(function (this: unknown, e: unknown) {
                    handled = e;
                });
            })();
            let t = 0;
            L.scheduler.runBudget(1, () => (t += 1)); // each clock read is a millisecond later: one task runs
            assert.are.same([], reported, "as JavaScript marks a rejected promise handled once a callback is attached");
            A.scheduleAll();
            assert.are.equal("caught later", handled);
            assert.are.same([], reported);
        });
    });
}

describe("startNow", () => {
    it("refuses a task already started", () => {
        const task = A.createTask(() => undefined);
        A.startTask(task);
        const [ok, err] = attempt(() => L.entries.startNow(task as unknown as TaskRecord));
        assert.is_false(ok);
        assert.is_true(contains(err, "startNow(task): the task was already started"));
    });
});

describe("completeNew (a body that cannot suspend, run to its end in the call)", () => {
    const complete = <R>(fn: (this: void, ...args: any[]) => R, ...args: unknown[]): Task<R> =>
        L.entries.completeNew(L.entries.ownerNamed("AsyncAwait"), fn, ...args) as never;

    it("returns the task dead, with the body's values, its arguments passed, nils among them", () => {
        const task = complete((a: number, _b: unknown, c: number) => a + c, 1, undefined, 2);
        assert.are.equal("dead", task.state);
        assert.are.equal(3, A.await(task));
        assert.are.equal(0, A.await(complete((...args: unknown[]) => select("#", ...args))));
        assert.are.equal(7, A.await(complete((x: number) => x, 7)));
    });

    it("runs inside a task without suspending it or running anything else", () => {
        const log: string[] = [];
        A.async(() => log.push("queued before"))();
        A.async(() => {
            const task = complete(() => log.push("body"));
            log.push(`caller, the task ${task.state}`);
        })();
        A.scheduleAll();
        assert.are.same(["queued before", "body", "caller, the task dead"], log);
    });

    it("fails the task with the body's error, which its await re-raises, and reports it unhandled at the end of the next run", () => {
        const reported: unknown[] = [];
        L.settings.configure({ reporter: (task: TaskRecord) => reported.push(task.error) });
        const handled = complete(() => error("handled", 0));
        assert.are.equal("dead", handled.state);
        assert.are.equal("handled", attempt(() => A.await(handled))[1]);
        complete(() => error("unhandled", 0));
        assert.are.same([], reported, "not before the caller has the future");
        A.scheduleAll();
        assert.are.same(["unhandled"], reported);
    });
});

describe("awaitTask (the plugin's await of a value it knows is a task)", () => {
    const awaitTask = (task: unknown) => L.entries.awaitTask(task as TaskRecord);

    it("returns a dead task's values and re-raises a failed one's error, as await does", () => {
        const done = A.createTask(() => $multi(1, 2));
        A.startTask(done);
        A.scheduleAll();
        assert.are.same([1, 2], [...awaitTask(done)]);
        const failed = A.createTask(() => error("failed", 0));
        A.startTask(failed);
        A.scheduleAll();
        assert.are.equal("failed", attempt(() => awaitTask(failed))[1]);
    });

    it("inside a task, suspends until a runnable task is dead", () => {
        const log: string[] = [];
        const target = A.async(() => {
            A.yield();
            log.push("target done");
            return "value";
        })();
        A.async(() => {
            const [value] = awaitTask(target);
            log.push(`awaited ${value as string}`);
        })();
        A.scheduleAll();
        assert.are.same(["target done", "awaited value"], log);
    });

    it("refuses a pending task, as await does", () => {
        const [ok, err] = attempt(() => awaitTask(A.createTask(() => undefined)));
        assert.is_false(ok);
        assert.is_true(contains(err, "await(future): the task is pending"));
    });
});
