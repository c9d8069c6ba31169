/**
 * Cancellation, cleanup, latest-wins and await inside pcall, on the core alone (fresh modules
 * per test; waits on time and events are specified in spec/wow/control.spec.ts).
 */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, contains, pack } from "../support/lua";
import type { Future, Task } from "../../src/api/types";

let L: Library;
let A: Library["api"];

before_each(() => {
    L = freshLibrary();
    A = L.api;
});

/** A future whose task stays parked (on a bare wait) until `release()`. */
function blocker(): { future: Future<string>; release: () => void } {
    const wait = { what: "a blocker" };
    const future = A.async(() => L.scheduler.park(wait))() as unknown as Future<string>;
    return { future, release: () => L.scheduler.wakeParked(wait, "released") };
}

describe("cancel", () => {
    it("a pending task never starts: it is dead and cancelled", () => {
        let ran = false;
        const t = A.createTask(() => {
            ran = true;
        });
        A.cancel(t, "no longer needed");
        assert.are.equal("dead", t.state);
        assert.is_true((t as Task & { cancelled: boolean }).cancelled);
        assert.is_true(A.isCancelled(t.error));
        assert.are.equal("Cancelled", A.errorKind(t.error));
        assert.is_true(contains(t.error, "no longer needed"));
        assert.are.equal("no longer needed", (t.error as { reason: unknown }).reason);
        A.scheduleAll();
        assert.is_false(ran);
        assert.are.equal(0, L.introspect.snapshot().live);
        assert.are.equal(0, L.introspect.snapshot().pendingCount);
    });

    it("a queued task never runs", () => {
        let ran = false;
        const t = A.async(() => {
            ran = true;
        })();
        A.cancel(t);
        A.scheduleAll();
        assert.is_false(ran);
        assert.are.equal("dead", t.state);
        assert.is_true(A.isCancelled(t.error));
        assert.are.equal(0, L.introspect.snapshot().live);
    });

    it("a task that yielded does not resume", () => {
        const log: string[] = [];
        const t = A.async(() => {
            log.push("a");
            A.yield();
            log.push("b");
        })();
        A.schedule();
        A.cancel(t);
        A.scheduleAll();
        assert.are.same(["a"], log);
        assert.is_true(A.isCancelled(t.error));
    });

    it("a task suspended on a task leaves that task's waiters, and the awaited task is cancelled when no one else awaits it", () => {
        const b = blocker();
        const log: string[] = [];
        const outer = A.async(() => {
            log.push("waiting");
            A.await(b.future);
            log.push("never");
        })();
        A.scheduleAll();
        assert.are.equal("suspended", outer.state);
        A.cancel(outer, "closed");
        assert.is_true(A.isCancelled(outer.error));
        assert.is_true(A.isCancelled(b.future.error), "the awaited task only it awaited is cancelled");
        assert.are.equal(outer.error, b.future.error, "with the same error");
        A.scheduleAll();
        assert.are.same(["waiting"], log);
    });

    it("an awaited task another task still awaits is not cancelled (consumer counting)", () => {
        const b = blocker();
        const first = A.async(() => A.await(b.future))();
        const second = A.async(() => A.await(b.future))();
        A.scheduleAll();
        A.cancel(first);
        assert.is_true(A.isCancelled(first.error));
        assert.are.equal("suspended", b.future.state);
        b.release();
        A.scheduleAll();
        assert.are.equal("dead", b.future.state);
        assert.are.equal("released", second.result![1]);
    });

    it("awaiters of a cancelled task receive the cancellation error, recognisable by kind", () => {
        const b = blocker();
        let seen: unknown;
        const waiter = A.async(() => {
            const [ok, err] = A.pcall(() => A.await(b.future));
            seen = ok ? "returned" : err;
            return "went on";
        })();
        A.scheduleAll();
        A.cancel(b.future, "stop");
        A.scheduleAll();
        assert.is_true(A.isCancelled(seen));
        assert.are.equal("dead", waiter.state);
        assert.is_nil(waiter.error);
    });

    it("a task that does not catch its awaited task's cancellation ends cancelled too, and neither is reported", () => {
        const reported: unknown[] = [];
        L.settings.configure({ reporter: (t) => reported.push(t.error) });
        const b = blocker();
        const waiter = A.async(() => A.await(b.future))();
        A.scheduleAll();
        A.cancel(b.future);
        A.scheduleAll();
        assert.is_true((waiter as Task & { cancelled: boolean }).cancelled);
        assert.are.same([], reported);
    });

    it("a running task cancelling itself ends at its next suspension point", () => {
        const log: string[] = [];
        const self: Future<void> | undefined = A.async(() => {
            log.push("before");
            A.cancel(self!);
            log.push("still running until it yields");
            A.yield();
            log.push("never");
        })();
        A.scheduleAll();
        assert.are.same(["before", "still running until it yields"], log);
        assert.is_true(A.isCancelled(self.error));
    });

    it("a running task whose awaited task is cancelled by another ends at its await", () => {
        const log: string[] = [];
        const b = blocker();
        const victim = A.async(() => {
            log.push("start");
            A.await(b.future);
        })();
        A.scheduleAll();
        A.cancel(b.future, "x");
        A.scheduleAll();
        assert.is_true(A.isCancelled(victim.error));
        assert.are.same(["start"], log);
    });

    it("a task that returns before its next suspension keeps its outcome", () => {
        const self: Future<number> | undefined = A.async(() => {
            A.cancel(self!);
            return 5;
        })();
        A.scheduleAll();
        assert.is_nil(self.error);
        assert.are.equal(5, self.result![1]);
    });

    it("cancels a dead task as a no-op", () => {
        const t = A.async(() => 1)();
        A.scheduleAll();
        A.cancel(t);
        assert.is_nil(t.error);
        assert.are.equal(1, t.result![1]);
    });

    it("cancels during a forced await: the forced await raises the cancellation", () => {
        const b = blocker();
        let target: Future<string> | undefined;
        const canceller = A.async(() => {
            A.cancel(target!, "from inside");
            return "done";
        });
        target = A.async(() => {
            A.await(canceller());
            return A.await(b.future);
        })();
        const [ok, err] = attempt(A.await, target);
        assert.is_false(ok);
        assert.is_true(A.isCancelled(err));
        assert.are.equal(0, L.introspect.snapshot().forcedDepth);
    });

    it("cancels a 20000-deep await chain from its top without deep recursion", () => {
        const b = blocker();
        const chain: Future<unknown>[] = [b.future];
        const link = (f: Future<unknown>) => A.await(f);
        for (const i of $range(1, 20000)) {
            chain.push(A.createTask(link, chain[i - 1]));
        }
        // Started top first, so each awaits a task that has not run yet (no cycle walk per link).
        for (const i of $range(20000, 1, -1)) {
            A.startTask(chain[i]);
        }
        A.scheduleAll();
        assert.are.equal("suspended", chain[20000].state);
        A.cancel(chain[20000]);
        for (const f of chain) {
            assert(A.isCancelled(f.error));
        }
        A.scheduleAll();
        assert.are.equal(0, L.introspect.snapshot().live);
    });

    it("startTask of a task cancelled while pending does nothing: it never runs", () => {
        let ran = false;
        const t = A.createTask(() => {
            ran = true;
        });
        A.cancel(t, "reset");
        A.startTask(t);
        A.scheduleAll();
        assert.is_false(ran);
        assert.is_true((t as Task & { cancelled: boolean }).cancelled);
        assert.are.equal(0, L.introspect.snapshot().live);
        // A task that really ran still cannot be started again.
        const done = A.createTask(() => 1);
        A.startTask(done);
        A.scheduleAll();
        const [ok, err] = attempt(A.startTask, done);
        assert.is_false(ok);
        assert.is_true(contains(err, 'startTask(task): the task was already started (state "dead")'));
    });

    it("cancelling a suspended or queued task runs its cleanups before cancel returns", () => {
        const b = blocker();
        const log: string[] = [];
        const suspended = A.async(() => {
            A.defer(() => log.push("suspended's cleanup"));
            A.await(b.future);
        })();
        const queued = A.async(() => {
            A.defer(() => log.push("queued's cleanup"));
            A.yield();
        })();
        A.schedule(); // the blocker parks
        A.schedule(); // suspended awaits it
        A.schedule(); // queued yields
        assert.are.equal("suspended", suspended.state);
        assert.are.equal("runnable", queued.state);
        A.cancel(suspended);
        assert.are.same(["suspended's cleanup"], log);
        A.cancel(queued);
        assert.are.same(["suspended's cleanup", "queued's cleanup"], log);
    });

    it("rejects what is not a task, at the caller", () => {
        const [ok, err] = attempt(A.cancel, 42);
        assert.is_false(ok);
        assert.is_true(contains(err, "cancel(task, reason): expected a task, got number (42)"));
    });
});

describe("defer", () => {
    it("runs cleanups last registered first when the task returns", () => {
        const log: string[] = [];
        const t = A.async(() => {
            A.defer(() => log.push("first registered"));
            A.defer(() => log.push("second registered"));
            log.push("body");
            return 1;
        })();
        A.scheduleAll();
        assert.are.same(["body", "second registered", "first registered"], log);
        assert.are.equal(1, t.result![1]);
    });

    it("runs them when the task fails, and when it is cancelled while suspended", () => {
        const log: string[] = [];
        L.settings.configure({ reporter: () => undefined });
        A.async(() => {
            A.defer(() => log.push("failed cleanup"));
            error("boom");
        })();
        const b = blocker();
        const t = A.async(() => {
            A.defer((task) => log.push(`cancelled cleanup ${tostring((task as Task & { cancelled: boolean }).cancelled)}`));
            A.await(b.future);
        })();
        A.scheduleAll();
        A.cancel(t);
        assert.are.same(["failed cleanup", "cancelled cleanup true"], log);
    });

    it("runs every cleanup even when one raises, reports that error, and keeps the task's outcome", () => {
        const reported: unknown[] = [];
        L.settings.configure({ reporter: (t) => reported.push(t.error) });
        const log: string[] = [];
        const t = A.async(() => {
            A.defer(() => log.push("a"));
            A.defer(() => error("cleanup failed", 0));
            A.defer(() => log.push("c"));
            return "value";
        })();
        A.scheduleAll();
        assert.are.same(["c", "a"], log);
        assert.are.equal("value", t.result![1]);
        assert.are.same(["cleanup failed"], reported);
    });

    it("cleanups may cancel other tasks (nested cancels)", () => {
        const b1 = blocker();
        const b2 = blocker();
        const t = A.async(() => {
            A.defer(() => A.cancel(b2.future, "cleanup"));
            A.await(b1.future);
        })();
        A.scheduleAll();
        A.cancel(t);
        assert.is_true(A.isCancelled(b1.future.error));
        assert.is_true(A.isCancelled(b2.future.error));
        assert.is_true(contains(b2.future.error, "cleanup"));
    });

    it("deferred cleanup does not count as a consumer: a task only cleanups watch is reported when it fails", () => {
        const reported: unknown[] = [];
        L.settings.configure({ reporter: (t) => reported.push(t.error) });
        A.async(() => {
            A.defer(() => undefined);
            error("lost", 0);
        })();
        A.scheduleAll();
        assert.are.same(["lost"], reported);
    });

    it("raises outside a task", () => {
        const [ok, err] = attempt(A.defer, () => undefined);
        assert.is_false(ok);
        assert.is_true(contains(err, "defer(fn): call it inside a task"));
    });
});

describe("latest", () => {
    it("cancels the previous call's task if it has not ended", () => {
        const log: string[] = [];
        const search = A.latest((text: string) => {
            A.yield();
            log.push(text);
            return text;
        });
        const a = search("a");
        A.schedule(); // a runs to its yield
        const b = search("ab");
        const c = search("abc");
        A.scheduleAll();
        assert.are.same(["abc"], log);
        assert.is_true(A.isCancelled(a.error));
        assert.is_true(A.isCancelled(b.error));
        assert.are.equal("abc", c.result![1]);
        const d = search("x");
        A.scheduleAll();
        assert.is_nil(c.error, "a finished call is left as it is");
        assert.are.equal("x", d.result![1]);
    });
});

describe("pcall and xpcall", () => {
    it("await inside pcall inside a task: the builtins' return shapes", () => {
        const out: unknown[] = [];
        const value = A.async(() => {
            A.yield();
            return $multi(1, undefined, 3);
        });
        const failing = A.async(() => {
            A.yield();
            error({ code: 7 });
        });
        A.async(() => {
            out.push(pack(...A.pcall(() => A.await(value()))));
            out.push(pack(...A.pcall(() => A.await(failing()))));
            out.push(
                pack(
                    ...A.xpcall(
                        () => A.await(failing()),
                        (e) => `handled ${(e as { code: number }).code}`,
                    ),
                ),
            );
            out.push(pack(...A.pcall((x: number, y: number) => x + y, 2, 3)));
        })();
        A.scheduleAll();
        assert.are.same({ n: 4, 1: true, 2: 1, 3: undefined, 4: 3 }, out[0]);
        assert.are.same({ n: 2, 1: false, 2: { code: 7 } }, out[1]);
        assert.are.same({ n: 2, 1: false, 2: "handled 7" }, out[2]);
        assert.are.same({ n: 2, 1: true, 2: 5 }, out[3]);
    });

    it("nests, and yields inside it keep the task's turn order", () => {
        const log: string[] = [];
        A.async(() => {
            A.pcall(() => {
                A.pcall(() => {
                    log.push("a1");
                    A.yield();
                    log.push("a2");
                });
            });
        })();
        A.async(() => {
            log.push("b1");
            A.yield();
            log.push("b2");
        })();
        A.scheduleAll();
        assert.are.same(["a1", "b1", "a2", "b2"], log);
    });

    it("does not swallow its task's cancellation", () => {
        const log: string[] = [];
        const b = blocker();
        const t = A.async(() => {
            const [ok] = A.pcall(() => A.await(b.future));
            log.push(`pcall returned ${tostring(ok)}`);
        })();
        A.scheduleAll();
        A.cancel(t);
        A.scheduleAll();
        assert.are.same([], log);
        assert.is_true(A.isCancelled(t.error));
    });

    it("is Lua's pcall outside a task", () => {
        assert.are.same(pack(true, 3), pack(...A.pcall((x: number) => x + 1, 2)));
        const [ok, err] = A.pcall(() => error("plain", 0));
        assert.is_false(ok);
        assert.are.equal("plain", err);
        assert.are.same(
            pack(false, "plain!"),
            pack(
                ...A.xpcall(
                    () => error("plain", 0),
                    (e) => `${e}!`,
                ),
            ),
        );
    });

    it("a direct coroutine.yield inside it still fails the task as DirectYield", () => {
        L.settings.configure({ reporter: () => undefined });
        const t = A.async(() => {
            A.pcall(() => coroutine.yield());
        })();
        A.scheduleAll();
        assert.are.equal("DirectYield", A.errorKind(t.error));
    });
});
