/**
 * The scheduler's hot path through the public functions: queuing, FIFO order, awaiting inside
 * tasks, yields, pending tasks, the run queue and the worker pool. Each test gets a fresh copy
 * of the library.
 */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, chunk, pack } from "../support/lua";
import { RUNNABLE, Slot, TaskRecord } from "../../src/core/task";
import type { Future } from "../../src/api/types";

type Log = string[];

let L: Library;
let A: Library["api"];

before_each(() => {
    L = freshLibrary();
    A = L.api;
});

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

    it("starts each test on a fresh scheduler", () => {
        const s = L.introspect.snapshot();
        assert.are.equal(0, s.live);
        assert.are.equal(0, s.queued);
        assert.are.equal(1, s.ownerCount);
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

    it("calls an async function's body directly, with no task, when given the function and arguments", () => {
        let sawTask = true;
        const f = A.async((a: number, b: number) => $multi(a + b, a * b));
        const parent = A.async(() => {
            const before = L.introspect.snapshot().live;
            const [sum, product] = A.await(f, 3, 4);
            sawTask = L.introspect.snapshot().live !== before;
            return sum + product;
        });
        assert.are.equal(19, A.await(parent()));
        assert.is_false(sawTask);
        assert.are.same([7, 12], [...A.await(f, 3, 4)]);
    });
});

describe("yield", () => {
    it("is a no-op outside tasks", () => {
        A.yield();
        assert.is_false(A.schedule());
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
        assert.are.equal("DirectYield", A.errorKind(r.error));
        assert.is_truthy(string.find(tostring(r.error), "use AsyncAwait.yield()", 1, true)[0]);
        assert.are.equal("ok", A.await(f));
    });
});

describe("run queue", () => {
    function record(this: void, name: string): TaskRecord {
        return [RUNNABLE, name, false, false, false, false, 0, L.settings.ownerNamed("AsyncAwait")] as unknown as TaskRecord;
    }

    it("is FIFO across the swap of its two arrays", () => {
        const [a, b, c] = [record("a"), record("b"), record("c")];
        L.scheduler.enqueue(a);
        L.scheduler.enqueue(b);
        assert.are.equal(a, L.scheduler.dequeue());
        L.scheduler.enqueue(c); // queued while the first batch is being drained
        assert.are.equal(b, L.scheduler.dequeue());
        assert.are.equal(c, L.scheduler.dequeue());
        assert.is_nil(L.scheduler.dequeue());
        assert.are.equal(0, L.introspect.snapshot().queued);
    });

    it("does not queue a task twice and skips entries whose task is no longer runnable", () => {
        const a = record("a");
        const b = record("b");
        L.scheduler.enqueue(a);
        L.scheduler.enqueue(a);
        L.scheduler.enqueue(b);
        a[Slot.State] = "dead";
        assert.are.equal(b, L.scheduler.dequeue());
        assert.is_nil(L.scheduler.dequeue());
        assert.is_false(a[Slot.Queued]);
    });

    it("does not run a task twice when a forced await ran it out of order", () => {
        let runs = 0;
        const f = A.async(() => {
            runs += 1;
            A.yield();
            return runs;
        });
        const other = A.async(() => undefined);
        const first = f();
        other();
        assert.are.equal(1, A.await(first));
        A.scheduleAll();
        assert.are.equal(1, runs);
        assert.are.equal(0, L.introspect.snapshot().queued);
    });
});

describe("coroutine pool", () => {
    it("reuses the coroutine of a finished task for the next task", () => {
        const threads: LuaThread[] = [];
        const f = A.async(() => {
            threads.push(coroutine.running()!);
        });
        f();
        A.scheduleAll();
        f();
        A.scheduleAll();
        assert.are.equal(threads[0], threads[1]);
    });

    it("never reuses a coroutine that died with an error", () => {
        let failedThread: LuaThread | undefined;
        const bad = A.async(() => {
            failedThread = coroutine.running();
            error("boom");
        });
        const t = bad();
        A.scheduleAll();
        assert.are.equal("dead", t.state);
        assert.are.equal("dead", coroutine.status(failedThread!));
        // More tasks than the pool holds, each blocking its worker: none may get the dead one.
        const gate = A.async(() => A.yield())();
        let reused = 0;
        const f = A.async(() => {
            if (coroutine.running() === failedThread) {
                reused += 1;
            }
            A.await(gate);
        });
        for (const _ of $range(1, 300)) {
            f();
        }
        A.scheduleAll();
        assert.are.equal(0, reused);
        assert.are.equal(0, L.introspect.snapshot().live);
    });

    it("keeps at most poolMax idle coroutines after a burst of live tasks", () => {
        L.settings.configure({ poolMax: 16 });
        const gate = A.async(() => {
            A.yield();
        })();
        const waiter = A.async(() => A.await(gate));
        for (const _ of $range(1, 16 * 4)) {
            waiter();
        }
        A.scheduleAll();
        assert.are.equal(16, L.introspect.snapshot().poolLen);
        L.settings.configure({ poolMax: 4 });
        assert.are.equal(4, L.introspect.snapshot().poolLen, "configure trims the pool at once");
    });

    it("hands a pooled coroutine to only one live task at a time", () => {
        const owner = new LuaTable<LuaThread, number>();
        let clashes = 0;
        const gate = A.async(() => {
            A.yield();
        })();
        const f = A.async((id: number) => {
            for (const _ of $range(1, 3)) {
                const me = coroutine.running()!;
                const previous = owner.get(me);
                if (previous !== undefined && previous !== id) {
                    clashes += 1;
                }
                owner.set(me, id);
                if (id % 2 === 0) {
                    A.await(gate);
                }
                A.yield();
            }
            owner.delete(coroutine.running()!);
        });
        for (const id of $range(1, 50)) {
            f(id);
        }
        A.scheduleAll();
        assert.are.equal(0, clashes);
    });
});

describe("owners", () => {
    it("creates one owner per addon name, in round-robin order after the default one", () => {
        const alpha = L.settings.ownerNamed("Alpha");
        assert.are.equal(alpha, L.settings.ownerNamed("Alpha"));
        const beta = L.settings.ownerNamed("Beta");
        const names = L.introspect.ownerList().map((o) => o.name);
        assert.are.same(["AsyncAwait", "Alpha", "Beta"], names);
        assert.are.equal(3, beta.index);
    });

    it("serves owners round robin: one addon's backlog does not hold another's tasks back", () => {
        const log: string[] = [];
        const alpha = A.forAddon("Alpha");
        const beta = A.forAddon("Beta");
        const work = (name: string) => () => {
            log.push(name);
            A.yield();
            log.push(name);
        };
        for (const _ of $range(1, 3)) {
            alpha.async(work("a"))();
        }
        beta.async(work("b"))();
        A.scheduleAll();
        // Alpha's first pass (three tasks) then Beta's, and so on: "b" is not last.
        assert.are.same(["a", "a", "a", "b", "a", "a", "a", "b"], log);
    });
});

describe("typing", () => {
    it("a future is the task itself", () => {
        const f: Future<number> = A.async(() => 1)();
        A.scheduleAll();
        assert.are.equal("dead", f.state);
    });
});
