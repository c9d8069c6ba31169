/**
 * fromCallback: a future of a callback-style API's outcome, with the contract of JavaScript's
 * `new Promise(executor)` (the executor runs at once; the first settle wins; a throw before it
 * rejects) and roblox-lua-promise's onCancel (a handler runs if the future is cancelled first).
 */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, contains } from "../support/lua";
import type { Future, Task } from "../../src/api/types";

let L: Library;
let A: Library["api"];

before_each(() => {
    L = freshLibrary();
    A = L.api;
});

type Resolve = (this: void, ...values: unknown[]) => void;
type Reject = (this: void, reason?: unknown) => void;
type OnCancel = (this: void, handler: (this: void, reason: unknown) => void) => void;

/** A future from fromCallback whose resolve, reject and onCancel are kept for the test to call. */
function pending(): { future: Future<unknown>; resolve: Resolve; reject: Reject; onCancel: OnCancel } {
    let resolve!: Resolve;
    let reject!: Reject;
    let onCancel!: OnCancel;
    const future = A.fromCallback((res, rej, onc) => {
        resolve = res as Resolve;
        reject = rej;
        onCancel = onc;
    });
    return { future, resolve, reject, onCancel };
}

describe("fromCallback", () => {
    it("runs the starter at once, inside the call, and settles with the values of the first resolve", () => {
        let ran = false;
        let settle!: Resolve;
        const future = A.fromCallback((resolve) => {
            ran = true;
            settle = resolve as Resolve;
        });
        assert.is_true(ran, "the starter ran before fromCallback returned");
        A.scheduleAll();
        assert.are.equal("suspended", future.state, "nothing settled it yet");
        settle(1, undefined, 3);
        settle(4);
        A.scheduleAll();
        assert.are.equal("dead", future.state);
        assert.are.same({ n: 3, 1: 1, 3: 3 }, future.result, "every value, a nil among them; the second resolve did nothing");
        const [a, b, c] = A.await(future as Future<LuaMultiReturn<[number, undefined, number]>>);
        assert.are.equal(1, a);
        assert.is_nil(b);
        assert.are.equal(3, c);
    });

    it("fails with the identical reason of the first reject; later calls do nothing", () => {
        const p = pending();
        const reason = { why: "no data" };
        p.reject(reason);
        p.resolve("late");
        p.reject("later");
        const caught = p.future.catch((e) => e);
        A.scheduleAll();
        assert.are.equal(reason, p.future.error);
        assert.are.equal(reason, (caught as Task).result![1]);
    });

    it("fails with what the starter raised before settling; a raise after resolve is ignored", () => {
        const thrown = { why: "starter broke" };
        const failed = A.fromCallback(() => error(thrown, 0));
        const resolvedFirst = A.fromCallback((resolve) => {
            (resolve as Resolve)("kept");
            error("ignored", 0);
        });
        const handled = failed.catch(() => "handled");
        A.scheduleAll();
        assert.are.equal(thrown, failed.error);
        assert.are.equal("handled", handled.result![1]);
        assert.are.equal("kept", resolvedFirst.result![1]);
    });

    it("adopts one value that is a future or a promise-like (Promises/A+ 2.3)", () => {
        const inner = A.async(() => 42)();
        const future = A.fromCallback((resolve) => (resolve as Resolve)(inner));
        const thenable = A.fromCallback((resolve) => (resolve as Resolve)({ then: (_: unknown, ok: Resolve) => ok("from then") }));
        A.scheduleAll();
        assert.are.equal(42, future.result![1]);
        assert.are.equal("from then", thenable.result![1]);
    });

    it("judges a reject in the starter unhandled only when the run in which its task fails ends", () => {
        const reported: Task[] = [];
        L.settings.configure({ reporter: (task) => reported.push(task as unknown as Task) });
        const handledLater = A.fromCallback((_, reject) => reject("handled"));
        handledLater.catch(() => undefined); // attached after fromCallback returned, as JavaScript allows
        const unhandled = A.fromCallback((_, reject) => reject("nobody"));
        assert.are.equal(0, reported.length, "nothing is judged before the caller has the future");
        A.scheduleAll();
        assert.are.equal(1, reported.length);
        assert.are.equal(unhandled, reported[0]);
    });

    it("runs onCancel handlers with the cancellation when cancelled before settling, and only then", () => {
        const p = pending();
        const got: unknown[] = [];
        p.onCancel((reason) => got.push(reason));
        p.onCancel((reason) => got.push(reason));
        A.cancel(p.future, "closed");
        assert.are.equal(2, got.length, "each handler once, before cancel returns");
        assert.are.equal("Cancelled", A.errorKind(got[0]));
        assert.are.equal(got[0], p.future.error);
        p.resolve("too late"); // nothing happens
        A.scheduleAll();
        assert.is_true(p.future.cancelled);
        let late: unknown;
        p.onCancel((reason) => (late = reason));
        assert.are.equal(p.future.error, late, "a handler added after the cancellation runs at once");

        const settled = pending();
        let called = false;
        settled.onCancel(() => (called = true));
        settled.resolve("done");
        A.scheduleAll();
        A.cancel(settled.future);
        assert.is_false(called, "settled first: not cancelled");
        assert.are.equal("done", settled.future.result![1]);
    });

    it("rejects a handler that is not a function at the caller", () => {
        const p = pending();
        const [ok, err] = attempt(() => p.onCancel(1 as never));
        assert.is_false(ok);
        assert.is_true(contains(err, "fromCallback's onCancel(handler): expected a function, got number (1)"), tostring(err));
    });

    it("attributes its task to a handle's addon", () => {
        const H = A.forAddon("Loader");
        const future = H.fromCallback((resolve) => (resolve as Resolve)(1));
        assert.are.equal("Loader", future.owner);
        A.scheduleAll();
        assert.are.equal(1, future.result![1]);
    });
});
