import * as A from "../src/api";
import * as core from "../src/core/scheduler";
import { attempt, chunk, pack } from "./support/lua";

type Log = string[];

describe("async", () => {
    it("queues the task instead of running it inside the call", () => {
        const log: Log = [];
        const f = A.async((x: number) => {
            log.push(`ran ${x}`);
            return x;
        });
        const future = f(1);
        assert.are.same([], log);
        assert.are.equal("runnable", future.state);
        A.scheduleAll();
        assert.are.same(["ran 1"], log);
        assert.are.equal("dead", future.state);
    });

    it("rejects a non-function at the caller's line", () => {
        const [ok, err] = attempt(chunk("local A = ...\nA.async(42)"), A);
        assert.is_false(ok);
        assert.are.equal("caller:2: AsyncAwait: async(fn): expected a function, got number (42)", err);
    });
});

describe("schedule", () => {
    it("returns false when nothing is runnable and true when it ran a task", () => {
        assert.is_false(A.schedule());
        A.async(() => undefined)();
        assert.is_true(A.schedule());
        assert.is_false(A.schedule());
    });

    it("runs runnable tasks in FIFO order; a yielding task goes to the back", () => {
        const log: Log = [];
        const worker = A.async((name: string, turns: number) => {
            for (const i of $range(1, turns)) {
                log.push(`${name}${i}`);
                A.yield();
            }
        });
        worker("a", 3);
        worker("b", 1);
        worker("c", 2);
        A.scheduleAll();
        assert.are.same(["a1", "b1", "c1", "a2", "c2", "a3"], log);
    });

    it("scheduleAll also runs tasks created while it runs", () => {
        const log: Log = [];
        const leaf = A.async((n: number) => {
            log.push(`leaf ${n}`);
        });
        const spawner = A.async(() => {
            leaf(1);
            A.yield();
            leaf(2);
        });
        spawner();
        A.scheduleAll();
        assert.are.same(["leaf 1", "leaf 2"], log);
        assert.is_false(A.schedule());
    });
});

describe("await", () => {
    it("returns every value of the task, nils included", () => {
        const f = A.async(() => $multi(1, undefined, 3, undefined));
        const values = pack(...A.await(f()));
        assert.are.equal(4, values.n);
        assert.are.equal(1, values[1]);
        assert.is_nil(values[2]);
        assert.are.equal(3, values[3]);
    });

    it("re-raises the task's error value unchanged, tables included", () => {
        const payload = { code: 7 };
        const f = A.async(() => {
            error(payload);
        });
        const [ok, err] = attempt(A.await, f());
        assert.is_false(ok);
        assert.are.equal(payload, err);
        const g = A.async(() => {
            error("plain message", 0);
        });
        assert.are.same([false, "plain message"], [...attempt(A.await, g())]);
    });

    it("suspends the awaiting task until the awaited one is dead", () => {
        const log: Log = [];
        const child = A.async(() => {
            log.push("child 1");
            A.yield();
            log.push("child 2");
            return "done";
        });
        const parent = A.async(() => {
            log.push("parent waits");
            const value = A.await(child());
            log.push(`parent got ${value}`);
        });
        const p = parent();
        assert.is_true(A.schedule());
        assert.are.equal("suspended", p.state);
        A.scheduleAll();
        assert.are.same(["parent waits", "child 1", "child 2", "parent got done"], log);
    });

    it("resumes several awaiters of one task in the order they began to wait", () => {
        const log: Log = [];
        const gate = A.async(() => {
            for (const _ of $range(1, 3)) {
                A.yield();
            }
            return 5;
        })();
        const waiter = A.async((name: string) => {
            // Await first: `log.push(await(x))` computes the index before the task suspends.
            const value = A.await(gate) as number;
            log.push(`${name} got ${value}`);
        });
        waiter("w1");
        waiter("w2");
        waiter("w3");
        A.scheduleAll();
        assert.are.same(["w1 got 5", "w2 got 5", "w3 got 5"], log);
    });

    it("outside any task runs the task to completion right there, with what it awaits", () => {
        const log: Log = [];
        const inner = A.async((x: number) => {
            A.yield();
            log.push(`inner ${x}`);
            return x + 1;
        });
        const outer = A.async(() => {
            const v = A.await(inner(1));
            A.yield();
            log.push("outer");
            return v * 10;
        });
        const unrelated = A.async(() => log.push("unrelated"));
        unrelated();
        const future = outer();
        assert.are.equal(20, A.await(future));
        assert.are.same(["inner 1", "outer"], log);
        A.scheduleAll();
        assert.are.same(["inner 1", "outer", "unrelated"], log);
    });

    it("in a coroutine the scheduler does not own, completes the task synchronously too", () => {
        const f = A.async((x: number) => {
            A.yield();
            return x * 2;
        });
        const co = coroutine.create(() => A.await(f(4)));
        const [ok, value] = coroutine.resume(co);
        assert.is_true(ok);
        assert.are.equal(8, value);
    });

    it("runs an async function inline, with no task, when given the function and arguments", () => {
        let sawTask = true;
        const f = A.async((a: number, b: number) => $multi(a + b, a * b));
        const parent = A.async(() => {
            const before = core.snapshot().queued;
            const [sum, product] = A.await(f, 3, 4);
            sawTask = core.snapshot().queued !== before;
            return sum + product;
        });
        assert.are.equal(19, A.await(parent()));
        assert.is_false(sawTask);
        assert.are.same([7, 12], [...A.await(f, 3, 4)]);
    });

    it("rejects bad input at the caller's line, naming what it got", () => {
        const cases: [string, string][] = [
            ["A.await(nil)", "caller:1: AsyncAwait: await(future): expected a future or an async function, got nil"],
            ["A.await({})", "caller:1: AsyncAwait: await(future): expected a future or an async function, got table"],
            ["A.await('x')", 'caller:1: AsyncAwait: await(future): expected a future or an async function, got string ("x")'],
            ["A.await(print)", "caller:1: AsyncAwait: await(fn, ...): expected an async function (made by async), got a plain function"],
        ];
        for (const [code, message] of cases) {
            const [ok, err] = attempt(chunk(`local A = ...; ${code}`), A);
            assert.is_false(ok);
            assert.are.equal(message, err);
        }
    });
});

describe("yield", () => {
    it("is a no-op outside tasks and while a task is completed synchronously", () => {
        A.yield();
        let turns = 0;
        const f = A.async(() => {
            for (const _ of $range(1, 5)) {
                turns += 1;
                A.yield();
            }
            return turns;
        });
        const future = f();
        // A forced completion ignores the yields: nothing else gets to run in between.
        assert.are.equal(5, A.await(future));
    });
});

describe("tasks", () => {
    it("createTask makes a pending task; startTask queues it; joinTask waits for it", () => {
        const t = A.createTask((a: number, b: number) => a + b, 2, 3);
        assert.are.equal("pending", t.state);
        assert.is_false(A.schedule());
        A.startTask(t);
        assert.are.equal("runnable", t.state);
        A.joinTask(t);
        assert.are.equal("dead", t.state);
        assert.are.equal(1, t.result!.n);
        assert.are.equal(5, t.result![1]);
        assert.are.equal(5, A.await(t));
    });

    it("exposes result as nil when the task returned nothing, and error when it failed", () => {
        const none = A.async(() => {
            // returns no values
        })();
        A.joinTask(none);
        assert.is_nil(none.result);
        assert.is_nil(none.error);
        const bad = A.async(() => error("boom", 0))();
        A.joinTask(bad);
        assert.are.equal("boom", bad.error);
        assert.is_nil(bad.result);
    });

    it("keeps a traceback of the failure point", () => {
        const deepFailure = chunk("local function explode() error('kaboom') end\nexplode()", "failing_body");
        const t = A.async(deepFailure)();
        A.joinTask(t);
        assert.are.equal("dead", t.state);
        assert.is_truthy(string.find(t.error as string, "kaboom", 1, true)[0]);
        assert.is_truthy(string.find(t.traceback!, "explode", 1, true)[0]);
        assert.is_truthy(string.find(t.traceback!, "failing_body:1", 1, true)[0]);
    });

    it("rejects bad input at the caller's line", () => {
        const cases: [string, string][] = [
            ["A.createTask(1)", "caller:1: AsyncAwait: createTask(fn, ...): expected a function, got number (1)"],
            ["A.startTask(nil)", "caller:1: AsyncAwait: startTask(task): expected a task, got nil"],
            ["A.joinTask(true)", "caller:1: AsyncAwait: joinTask(task): expected a task, got boolean (true)"],
            [
                "local t = A.createTask(print); A.startTask(t); A.startTask(t)",
                'caller:1: AsyncAwait: startTask(task): the task was already started (state "runnable")',
            ],
            [
                "A.joinTask(A.createTask(print))",
                "caller:1: AsyncAwait: joinTask(task): the task is pending; start it with startTask(task) first",
            ],
            [
                "A.await(A.createTask(print))",
                "caller:1: AsyncAwait: await(future): the task is pending; start it with startTask(task) first",
            ],
        ];
        for (const [code, message] of cases) {
            const [ok, err] = attempt(chunk(`local A = ...; ${code}`), A);
            assert.is_false(ok);
            assert.are.equal(message, err);
        }
        A.scheduleAll();
    });
});

describe("failures", () => {
    it("fails a task that calls coroutine.yield directly; the scheduler and other tasks carry on", () => {
        const log: Log = [];
        const rogue = A.async(() => {
            log.push("rogue");
            coroutine.yield("raw");
            log.push("never");
        });
        const fine = A.async(() => {
            A.yield();
            log.push("fine");
            return "ok";
        });
        const r = rogue();
        const f = fine();
        A.scheduleAll();
        assert.are.same(["rogue", "fine"], log);
        assert.are.equal("dead", r.state);
        assert.is_truthy(string.find(r.error as string, "use AsyncAwait.yield()", 1, true)[0]);
        assert.are.equal("ok", A.await(f));
    });

    it("fails a task that awaits itself with an await cycle error", () => {
        let self: A.Future | undefined;
        const f = A.async(() => A.await(self!));
        self = f();
        A.scheduleAll();
        assert.are.equal("dead", self.state);
        assert.is_truthy(string.find(tostring(self.error), "await cycle", 1, true)[0]);
    });

    it("fails the task that closes a cycle of awaits; nothing hangs", () => {
        const futures: A.Future[] = [];
        const link = A.async((i: number) => {
            A.yield();
            return A.await(futures[i % 3]);
        });
        futures.push(link(1), link(2), link(3));
        A.scheduleAll();
        for (const f of futures) {
            assert.are.equal("dead", f.state);
            assert.is_truthy(string.find(tostring(f.error), "await cycle", 1, true)[0]);
        }
        assert.is_false(A.schedule());
    });

    it("raises a clear error when a forced await cannot complete (the task waits for this code)", () => {
        let inner: A.Future<LuaMultiReturn<[boolean, string]>> | undefined;
        const outer = A.async(() => {
            // A coroutine the scheduler does not own, inside the running task, awaits that task.
            const co = coroutine.create(() => A.await(inner!));
            const [ok, err] = coroutine.resume(co);
            return $multi(ok, err);
        });
        inner = outer();
        const [ok, err] = A.await(inner);
        assert.is_false(ok);
        assert.is_truthy(string.find(err, "await cycle", 1, true)[0]);
    });
});
