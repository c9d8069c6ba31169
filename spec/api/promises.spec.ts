/**
 * Futures as promises (then, catch, finally), promises as futures (fromPromise) and awaitAny,
 * on the core alone, with the Promises/A+ behaviours that apply to `then` on a future. The
 * promises here are TypeScriptToLua's own (this spec is compiled by it), so the interop is the
 * one a TypeScript addon gets.
 */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, contains } from "../support/lua";
import type { Future } from "../../src/api/types";

let L: Library;
let A: Library["api"];

before_each(() => {
    L = freshLibrary();
    A = L.api;
});

/** A future whose task stays parked until `release(value)` or `fail(err)`. */
function blocker(): { future: Future<unknown>; release: (this: void, v: unknown) => void; fail: (this: void, e: unknown) => void } {
    const wait = { what: "a blocker" };
    const future = A.async(() => L.scheduler.park(wait))() as unknown as Future<unknown>;
    return {
        future,
        release: (v: unknown) => L.scheduler.wakeParked(wait, v),
        fail: (e: unknown) => L.scheduler.failParked(wait, e, ""),
    };
}

describe("then on a future (Promises/A+ 2.2)", () => {
    it("returns a new future of the callback's value, calling it only after then returns", () => {
        const source = A.async(() => 20)();
        let called = false;
        const next = source.then((v) => {
            called = true;
            return (v as number) + 1;
        });
        assert.are_not.equal(source, next);
        assert.is_false(called, "never before then returns (2.2.4)");
        A.scheduleAll();
        assert.is_true(called);
        assert.are.equal(21, next.result![1]);
    });

    it("calls onRejected with the identical reason; a callback's error rejects the new future (2.2.7.2)", () => {
        const reason = { why: "broken" };
        const source = A.async(() => error(reason, 0))();
        let got: unknown;
        const handled = source.then(undefined, (e) => {
            got = e;
            return "recovered";
        });
        const thrown = A.async(() => 1)().then(() => error("from the callback", 0));
        A.scheduleAll();
        assert.are.equal(reason, got);
        assert.are.equal("recovered", handled.result![1]);
        assert.are.equal("from the callback", thrown.error);
    });

    it("passes the value or the reason through when the callback is not a function (2.2.1, 2.2.7.3-4)", () => {
        const ok = A.async(() => "value")().then(undefined, undefined);
        const bad = A.async(() => error("reason", 0))().then(42 as never);
        A.scheduleAll();
        assert.are.equal("value", ok.result![1]);
        assert.are.equal("reason", bad.error);
    });

    it("calls the callbacks of several thens in the order they were registered (2.2.6)", () => {
        const b = blocker();
        const order: number[] = [];
        for (const i of $range(1, 5)) {
            b.future.then(() => order.push(i));
        }
        A.scheduleAll();
        b.release("go");
        A.scheduleAll();
        assert.are.same([1, 2, 3, 4, 5], order);
    });

    it("waits for a pending source, fulfilled or rejected later", () => {
        const b = blocker();
        const next = b.future.then((v) => `got ${tostring(v)}`);
        A.scheduleAll();
        assert.are.equal("suspended", next.state);
        b.release("late");
        A.scheduleAll();
        assert.are.equal("got late", next.result![1]);
        const c = blocker();
        const caught = c.future.catch((e) => `caught ${tostring(e)}`);
        A.scheduleAll();
        c.fail("oops");
        A.scheduleAll();
        assert.are.equal("caught oops", caught.result![1]);
    });
});

describe("the resolution procedure (Promises/A+ 2.3)", () => {
    it("a callback returning a future adopts its outcome", () => {
        const inner = blocker();
        const next = A.async(() => 1)().then(() => inner.future);
        A.scheduleAll();
        assert.are.equal("suspended", next.state);
        inner.release("adopted");
        A.scheduleAll();
        assert.are.equal("adopted", next.result![1]);
    });

    it("a callback returning its own future is an await cycle, a TypeError's counterpart (2.3.1)", () => {
        let self: Future<unknown> | undefined;
        self = A.async(() => 1)().then(() => self);
        A.scheduleAll();
        assert.are.equal("AwaitCycle", A.errorKind(self.error));
    });

    it("a thenable's first settlement wins; later calls and a then that raises after it are ignored (2.3.3.3)", () => {
        const thenable = {
            then: (_self: unknown, onFulfilled: (this: unknown, v: unknown) => void, onRejected: (this: unknown, e: unknown) => void) => {
                onFulfilled("first");
                onRejected("ignored");
                onFulfilled("ignored too");
                error("ignored as well");
            },
        };
        const next = A.async(() => 1)().then(() => thenable);
        A.scheduleAll();
        assert.are.equal("first", next.result![1]);
    });

    it("a thenable whose then raises before settling rejects with that error (2.3.3.3.4)", () => {
        const thenable = { then: () => error("then raised", 0) };
        const next = A.async(() => 1)().then(() => thenable);
        A.scheduleAll();
        assert.are.equal("then raised", next.error);
    });

    it("a plain value, a table without then included, fulfills as it is (2.3.4)", () => {
        const t = { then: 5 };
        const next = A.async(() => 1)().then(() => t);
        A.scheduleAll();
        assert.are.equal(t, next.result![1]);
    });
});

describe("catch and finally", () => {
    it("finally runs its callback on either outcome and keeps the outcome", () => {
        const log: string[] = [];
        const ok = A.async(() => "kept")().finally(() => log.push("ok"));
        const bad = A.async(() => error("still failed", 0))().finally(() => log.push("bad"));
        const caught = bad.catch((e) => `caught: ${tostring(e)}`);
        A.scheduleAll();
        table.sort(log);
        assert.are.same(["bad", "ok"], log);
        assert.are.equal("kept", ok.result![1]);
        assert.are.equal("caught: still failed", caught.result![1]);
    });

    it("an error nobody handles is reported once, by the last future of the chain", () => {
        const reports: unknown[] = [];
        L.settings.configure({ reporter: (task) => reports.push(task.error) });
        const source = A.async(() => error("lost", 0))();
        const last = source.then(() => "never");
        A.scheduleAll();
        assert.are.same(["lost"], reports);
        assert.are.equal("lost", last.error);
    });

    it("then on a pending task, or not on a task, raises at the caller", () => {
        const pending = A.createTask(() => 1);
        const [, err] = attempt(() => pending.then(() => 2));
        assert.is_true(contains(err, "then(onFulfilled, onRejected): the task is pending"), tostring(err));
    });
});

describe("promises as futures", () => {
    it("fromPromise wakes on a TypeScriptToLua Promise's settlement, fulfilled or rejected", () => {
        // TypeScriptToLua's resolve takes a self argument (lib.d.ts has no `this: void`).
        let resolve: ((this: void, self: undefined, v: string) => void) | undefined;
        const promise = new Promise<string>((r) => {
            resolve = r as never;
        });
        const future = A.fromPromise(promise);
        const rejected = A.fromPromise(Promise.reject("no"));
        A.scheduleAll();
        assert.are.equal("suspended", future.state);
        resolve!(undefined, "yes");
        A.scheduleAll();
        assert.are.equal("yes", future.result![1]);
        assert.are.equal("no", rejected.error);
    });

    it("awaitAny awaits futures and promises, and passes other values through", () => {
        let got: unknown[] = [];
        A.async(() => {
            got = [A.awaitAny(7), A.awaitAny(A.async(() => "future")()), A.awaitAny(Promise.resolve("promise")), A.awaitAny(undefined)];
        })();
        A.scheduleAll();
        assert.are.same([7, "future", "promise"], got);
    });

    it("a TypeScriptToLua promise chain that ends in a future's outcome", () => {
        const b = blocker();
        const chained = A.fromPromise(Promise.resolve(1).then((one) => (one as number) + 1));
        const adopted = b.future.then((v) => A.fromPromise(Promise.resolve(`${tostring(v)} and a promise`)));
        A.scheduleAll();
        b.release("a future");
        A.scheduleAll();
        assert.are.equal(2, chained.result![1]);
        assert.are.equal("a future and a promise", adopted.result![1]);
    });

    it("TypeScriptToLua's own async functions (no plugin) await a future through toPromise", () => {
        const got: unknown[] = [];
        const plain = async () => {
            got.push(await A.toPromise(A.async(() => "bridged")()));
            // (Plain TypeScriptToLua refuses try/catch around await on Lua 5.1: catch instead.)
            got.push(await A.toPromise(A.async(() => error("bridged failure", 0))()).catch((e: unknown) => e));
        };
        plain();
        A.scheduleAll();
        assert.are.same(["bridged", "bridged failure"], got);
    });

    it("cancelling a fromPromise future stops waiting; the promise's later settlement changes nothing", () => {
        let resolve: ((this: void, self: undefined, v: string) => void) | undefined;
        const future = A.fromPromise(new Promise<string>((r) => {
            resolve = r as never;
        }));
        A.cancel(future);
        resolve!(undefined, "too late");
        A.scheduleAll();
        assert.is_true(A.isCancelled(future.error));
    });
});
