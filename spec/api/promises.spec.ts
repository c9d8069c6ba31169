/**
 * Futures as promises (then, catch, finally), promises as futures (fromPromise) and awaitAny,
 * on the core alone, with the Promises/A+ behaviours that apply to `then` on a future. The
 * promises here are TypeScriptToLua's own (this spec is compiled by it), so the interop is the
 * one a TypeScript addon gets.
 */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, chunk, contains } from "../support/lua";
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

/** A thenable written in Lua: `chunk` returns the table the Lua code builds (`...` is the library). */
function luaThenable(this: void, code: string): object {
    return chunk(code, "thenable")(A) as object;
}

/** The outcome of `then(() => x)` on a fulfilled future, once everything has run. */
function resolvedWith(this: void, x: unknown): Future<unknown> {
    const next = A.async(() => 1)().then(() => x);
    A.scheduleAll();
    return next;
}

describe("the resolution procedure (Promises/A+ 2.3)", () => {
    it("2.3.1: a callback returning its own future is an AwaitCycle error, a TypeError's counterpart", () => {
        const self: Future<unknown> | undefined = A.async(() => 1)().then(() => self);
        A.scheduleAll();
        assert.are.equal("AwaitCycle", A.errorKind(self.error));
        assert.is_true(contains(self.error, "resolved with itself"), tostring(self.error));
    });

    it("2.3.1 through 2.3.3.3.1: a thenable resolving with the future being settled is an AwaitCycle error too", () => {
        let self: Future<unknown> | undefined;
        const x = { then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => res(undefined, self) };
        self = A.async(() => 1)().then(() => x);
        A.scheduleAll();
        assert.are.equal("AwaitCycle", A.errorKind(self.error));
    });

    it("2.3.2.1-2: a future returned stays pending until it is fulfilled, then fulfils with its value", () => {
        const inner = blocker();
        const next = A.async(() => 1)().then(() => inner.future);
        A.scheduleAll();
        assert.are.equal("suspended", next.state);
        inner.release("adopted");
        A.scheduleAll();
        assert.are.equal("adopted", next.result![1]);
    });

    it("2.3.2.3: a future returned that fails rejects with the identical error", () => {
        const reason = { why: "inner" };
        const inner = blocker();
        const next = A.async(() => 1)().then(() => inner.future);
        A.scheduleAll();
        inner.fail(reason);
        A.scheduleAll();
        assert.are.equal(reason, next.error);
    });

    it("2.3.3.1: x.then is read once, and the function read is the one called", () => {
        let reads = 0;
        const called: string[] = [];
        const x = setmetatable(
            {},
            {
                __index: (_t: unknown, key: string) => {
                    if (key !== "then") {
                        return undefined;
                    }
                    reads += 1;
                    // Only the first read answers the function that fulfils; later reads answer another.
                    const tag = reads === 1 ? "first read" : "later read";
                    return (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => {
                        called.push(tag);
                        res(undefined, tag);
                    };
                },
            },
        );
        const next = resolvedWith(x);
        assert.are.equal(1, reads);
        assert.are.same(["first read"], called);
        assert.are.equal("first read", next.result![1]);
        reads = 0;
        const fromIt = A.fromPromise(x as unknown as PromiseLike<unknown>);
        A.scheduleAll();
        assert.are.equal(1, reads, "fromPromise reads it once too");
        assert.are.equal("first read", fromIt.result![1]);
    });

    it("2.3.3.2: reading x.then that raises (an __index getter) rejects with that error", () => {
        const reason = { why: "getter" };
        const x = setmetatable({}, { __index: () => error(reason, 0) });
        assert.are.equal(reason, resolvedWith(x).error);
        const fromIt = A.fromPromise(x as unknown as PromiseLike<unknown>);
        A.scheduleAll();
        assert.are.equal(reason, fromIt.error);
    });

    it("2.3.3.3: then is called with x as self, and a resolvePromise and a rejectPromise", () => {
        let seen: unknown;
        let kinds: string[] = [];
        const x = {
            then: (self: unknown, res: unknown, rej: unknown) => {
                seen = self;
                kinds = [type(res), type(rej)];
                (res as (this: void, s: undefined, v: unknown) => void)(undefined, "ok");
            },
        };
        resolvedWith(x);
        assert.are.equal(x, seen);
        assert.are.same(["function", "function"], kinds);
    });

    it("2.3.3.3.1: resolvePromise(y) with a future y resolves with y's value (the issue's example)", () => {
        const run = chunk(`
            local AA = ...
            local got
            local y = AA.async(function() return "inner" end)()
            local x = { ["then"] = function(self, res) res(nil, y) end }
            local s = AA.async(function() return 1 end)()
            local p = s["then"](s, function() return x end)
            p["then"](p, function(_, v) got = v end)
            AA.scheduleAll()
            return got
        `);
        assert.are.equal("inner", run(A));
    });

    it("2.3.3.3.1: resolvePromise(y) with a thenable y, itself resolving with a thenable, resolves recursively", () => {
        const depth = (n: number, value: unknown): object => ({
            then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) =>
                res(undefined, n === 0 ? value : depth(n - 1, value)),
        });
        assert.are.equal("deep", resolvedWith(depth(5, "deep")).result![1]);
        const fromIt = A.fromPromise(depth(3, "deep too") as unknown as PromiseLike<unknown>);
        A.scheduleAll();
        assert.are.equal("deep too", fromIt.result![1]);
    });

    it("2.3.3.3.1: y a thenable that rejects, or a pending one settling later, settles the future so", () => {
        const rejecting = {
            then: (_x: unknown, _res: unknown, rej: (this: void, s: undefined, e: unknown) => void) => rej(undefined, "inner no"),
        };
        const outer = { then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => res(undefined, rejecting) };
        assert.are.equal("inner no", resolvedWith(outer).error);
        const b = blocker();
        const later = { then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => res(undefined, b.future) };
        const next = resolvedWith(later);
        assert.are.equal("suspended", next.state);
        b.release("released");
        A.scheduleAll();
        assert.are.equal("released", next.result![1]);
    });

    it("2.3.2 then 2.3.3.3.1: a future whose value is a thenable or a future is resolved in turn", () => {
        const thenable = {
            then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => res(undefined, "from the thenable"),
        };
        const ofThenable = A.async(() => thenable)();
        const ofFuture = A.async(() => A.async(() => "from the future")())();
        assert.are.equal("from the thenable", resolvedWith(ofThenable).result![1]);
        assert.are.equal("from the future", resolvedWith(ofFuture).result![1]);
    });

    it("2.3.3.3.2: rejectPromise(r) rejects with r itself, a thenable r not resolved", () => {
        const r = { then: () => error("never called", 0) };
        const x = { then: (_x: unknown, _res: unknown, rej: (this: void, s: undefined, e: unknown) => void) => rej(undefined, r) };
        assert.are.equal(r, resolvedWith(x).error);
    });

    it("2.3.3.3.3: the first call of resolvePromise or rejectPromise wins, later calls are ignored", () => {
        const x = {
            then: (
                _x: unknown,
                res: (this: void, s: undefined, v: unknown) => void,
                rej: (this: void, s: undefined, e: unknown) => void,
            ) => {
                res(undefined, "first");
                rej(undefined, "ignored");
                res(undefined, "ignored too");
            },
        };
        assert.are.equal("first", resolvedWith(x).result![1]);
        const y = {
            then: (
                _x: unknown,
                res: (this: void, s: undefined, v: unknown) => void,
                rej: (this: void, s: undefined, e: unknown) => void,
            ) => {
                rej(undefined, "first rejection");
                res(undefined, "ignored");
            },
        };
        assert.are.equal("first rejection", resolvedWith(y).error);
    });

    it("2.3.3.3.3: a later call is ignored even when the first one's y is still being resolved", () => {
        const b = blocker();
        let resolveAgain: ((this: void, s: undefined, v: unknown) => void) | undefined;
        const x = {
            then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => {
                res(undefined, b.future);
                resolveAgain = res;
            },
        };
        const next = resolvedWith(x);
        resolveAgain!(undefined, "too late");
        b.release("the first y");
        A.scheduleAll();
        assert.are.equal("the first y", next.result![1]);
    });

    it("2.3.3.3.4.1: then raising after it called resolvePromise or rejectPromise is ignored", () => {
        const x = {
            then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => {
                res(undefined, "kept");
                error("ignored", 0);
            },
        };
        assert.are.equal("kept", resolvedWith(x).result![1]);
    });

    it("2.3.3.3.4.2: then raising before either call rejects with that error", () => {
        const reason = { why: "then raised" };
        const x = { then: () => error(reason, 0) };
        assert.are.equal(reason, resolvedWith(x).error);
    });

    it("2.3.3.4: a table whose then is not a function fulfils with the table itself", () => {
        for (const t of [{ then: 5 }, { then: "then" }, { then: {} }, { then: false }, {}]) {
            assert.are.equal(t, resolvedWith(t).result![1]);
        }
    });

    it("2.3.4: a value that is not a table fulfils as it is", () => {
        const f = () => 1;
        for (const v of [0, "text", true, false, f]) {
            assert.are.equal(v, resolvedWith(v).result![1]);
        }
        assert.is_nil(resolvedWith(undefined).result![1]);
    });

    it("applies wherever a value is adopted: catch's and finally's callbacks, fromPromise, awaitAny", () => {
        const y = A.async(() => "y")();
        const x = { then: (_x: unknown, res: (this: void, s: undefined, v: unknown) => void) => res(undefined, y) };
        const caught = A.async(() => error("no", 0))().catch(() => x);
        const failing = {
            then: (_x: unknown, _res: unknown, rej: (this: void, s: undefined, e: unknown) => void) =>
                rej(undefined, "finally's promise failed"),
        };
        const finallyFailed = A.async(() => 1)().finally(() => failing);
        const fromIt = A.fromPromise(x as unknown as PromiseLike<unknown>);
        let awaited: unknown;
        A.async(() => {
            awaited = A.awaitAny(x);
        })();
        A.scheduleAll();
        assert.are.equal("y", caught.result![1]);
        assert.are.equal("finally's promise failed", finallyFailed.error);
        assert.are.equal("y", fromIt.result![1]);
        assert.are.equal("y", awaited);
    });
});

/**
 * The resolution procedure as the Promises/A+ test suite exercises 2.3.3.3.1: every way a
 * thenable x can call resolvePromise(y) (at once, later, through a getter and Lua's convention),
 * crossed with every kind of y, through every path that adopts a value. Each combination
 * failing is listed.
 */
describe("the resolution procedure, every x crossed with every y (after the A+ suite's 2.3.3.3.1)", () => {
    type Res = (this: void, ...args: unknown[]) => void;
    let queue: (() => void)[] = [];
    const later = (fn: () => void) => {
        queue.push(fn);
    };
    /** Runs tasks and the callbacks queued for later until neither has anything left. */
    const settleAll = () => {
        for (const _ of $range(1, 20)) {
            A.scheduleAll();
            const q = queue;
            queue = [];
            if (q.length === 0) {
                return;
            }
            for (const f of q) {
                f();
            }
        }
    };
    const v = { sentinel: "value" };
    const r = { sentinel: "reason" };
    const fulfilNow = (value: unknown) => ({ then: (_x: unknown, res: Res) => res(undefined, value) });
    const fulfilLater = (value: unknown) => ({ then: (_x: unknown, res: Res) => later(() => res(undefined, value)) });
    const f = () => 1;
    const plainTable = {};
    const thenNumber = { then: 5 };
    type Y = { name: string; make: (this: void) => unknown; fulfils?: unknown; rejects?: unknown; itself?: boolean };
    const ys: Y[] = [
        { name: "nil", make: () => undefined, fulfils: undefined },
        { name: "false", make: () => false, fulfils: false },
        { name: "0", make: () => 0, fulfils: 0 },
        { name: "a string", make: () => "y", fulfils: "y" },
        { name: "a table without then", make: () => plainTable, itself: true },
        { name: "a table whose then is a number", make: () => thenNumber, itself: true },
        { name: "a function", make: () => f, itself: true },
        { name: "a thenable fulfilling at once", make: () => fulfilNow(v), fulfils: v },
        { name: "a thenable fulfilling later", make: () => fulfilLater(v), fulfils: v },
        {
            name: "a thenable rejecting at once",
            make: () => ({ then: (_x: unknown, _res: Res, rej: Res) => rej(undefined, r) }),
            rejects: r,
        },
        {
            name: "a thenable rejecting later",
            make: () => ({ then: (_x: unknown, _res: Res, rej: Res) => later(() => rej(undefined, r)) }),
            rejects: r,
        },
        { name: "a thenable of a thenable of a thenable", make: () => fulfilNow(fulfilLater(fulfilNow(v))), fulfils: v },
        { name: "a Lua library's thenable", make: () => ({ then: (_x: unknown, res: Res) => res(v) }), fulfils: v },
        {
            name: "a thenable calling back twice, then raising",
            make: () => ({
                then: (_x: unknown, res: Res, rej: Res) => {
                    res(undefined, v);
                    rej(undefined, r);
                    error("ignored", 0);
                },
            }),
            fulfils: v,
        },
        { name: "a thenable whose then raises", make: () => ({ then: () => error(r, 0) }), rejects: r },
        { name: "a fulfilled future", make: () => A.async(() => v)(), fulfils: v },
        {
            name: "a future fulfilled later",
            make: () => {
                const b = blocker();
                later(() => b.release(v));
                return b.future;
            },
            fulfils: v,
        },
        { name: "a failed future", make: () => A.async(() => error(r, 0))(), rejects: r },
        { name: "a future of a thenable", make: () => A.async(() => fulfilLater(v))(), fulfils: v },
        { name: "a resolved TypeScriptToLua Promise", make: () => Promise.resolve(v), fulfils: v },
        {
            name: "a TypeScriptToLua Promise resolved later",
            make: () => new Promise((resolve) => later(() => (resolve as unknown as Res)(undefined, v))),
            fulfils: v,
        },
        { name: "a rejected TypeScriptToLua Promise", make: () => Promise.reject(r), rejects: r },
    ];
    type X = { name: string; make: (this: void, y: unknown) => object };
    const xs: X[] = [
        { name: "x calling resolvePromise(y) at once", make: (y) => fulfilNow(y) },
        { name: "x calling resolvePromise(y) later", make: (y) => fulfilLater(y) },
        {
            name: "x with a getter's then, calling resolvePromise(y) as Lua does",
            make: (y) =>
                setmetatable({}, { __index: (_t: unknown, k: string) => (k === "then" ? (_x: unknown, res: Res) => res(y) : undefined) }),
        },
    ];
    type Path = { name: string; adopt: (this: void, x: object) => Future<unknown> };
    const paths: Path[] = [
        { name: "a then callback's return", adopt: (x) => A.async(() => 1)().then(() => x) },
        { name: "fromPromise", adopt: (x) => A.fromPromise(x as PromiseLike<unknown>) },
        { name: "awaitAny", adopt: (x) => A.async(() => A.awaitAny(x))() },
        { name: "an andThen callback's return", adopt: (x) => A.async(() => 1)().andThen(() => x) },
    ];

    for (const path of paths) {
        it(`through ${path.name}: ${xs.length * ys.length} combinations`, () => {
            const problems: string[] = [];
            for (const x of xs) {
                for (const y of ys) {
                    queue = [];
                    const made = y.make();
                    const future = path.adopt(x.make(made));
                    settleAll();
                    const what = `${x.name}, y ${y.name}`;
                    if (future.state !== "dead") {
                        problems.push(`${what}: still ${future.state}`);
                    } else if (y.rejects !== undefined) {
                        if (future.error !== y.rejects) {
                            problems.push(`${what}: ended with ${tostring(future.error)}, not the rejection`);
                        }
                    } else if (future.error !== undefined) {
                        problems.push(`${what}: failed with ${tostring(future.error)}`);
                    } else {
                        const got = future.result === undefined ? undefined : future.result[1];
                        const expected = y.itself === true ? made : y.fulfils;
                        if (got !== expected) {
                            problems.push(`${what}: fulfilled with ${tostring(got)}, not ${tostring(expected)}`);
                        }
                    }
                }
            }
            assert.are.same([], problems, `${problems.length} of ${xs.length * ys.length} combinations failed`);
        });
    }
});

describe("Lua promise libraries' thenables (onFulfilled(value))", () => {
    it("settle with their value, or their reason, as TypeScriptToLua-style ones do", () => {
        const fulfilled = luaThenable(`return { ["then"] = function(self, onFulfilled) onFulfilled("lua value") end }`);
        const rejected = luaThenable(`return { ["then"] = function(self, _, onRejected) onRejected("lua reason") end }`);
        const tstl = luaThenable(`return { ["then"] = function(self, onFulfilled) onFulfilled(nil, "tstl value") end }`);
        const futures = [A.fromPromise(fulfilled as never), A.fromPromise(rejected as never), A.fromPromise(tstl as never)];
        let awaited: unknown;
        A.async(() => {
            awaited = A.awaitAny(fulfilled);
        })();
        const adopted = resolvedWith(fulfilled);
        A.scheduleAll();
        assert.are.equal("lua value", futures[0].result![1]);
        assert.are.equal("lua reason", futures[1].error);
        assert.are.equal("tstl value", futures[2].result![1]);
        assert.are.equal("lua value", awaited);
        assert.are.equal("lua value", adopted.result![1]);
    });

    it("a TypeScriptToLua Promise settling later (it passes its callback list as self) settles with its value", () => {
        let resolve: ((this: void, self: undefined, v: string) => void) | undefined;
        let reject: ((this: void, self: undefined, v: string) => void) | undefined;
        const future = A.fromPromise(
            new Promise<string>((r) => {
                resolve = r as never;
            }),
        );
        const failed = A.fromPromise(
            new Promise<string>((_r, j) => {
                reject = j as never;
            }),
        );
        A.scheduleAll();
        resolve!(undefined, "later");
        reject!(undefined, "rejected later");
        A.scheduleAll();
        assert.are.equal("later", future.result![1]);
        assert.are.equal("rejected later", failed.error);
    });

    it("the rule: two arguments with a nil first are TypeScriptToLua's; one, or a non-nil first, are a Lua library's", () => {
        const cases: [string, unknown][] = [
            ["onFulfilled()", undefined],
            ["onFulfilled(nil)", undefined],
            ["onFulfilled(false)", false],
            ["onFulfilled(nil, 'second')", "second"], // the ambiguous case, documented: read as TypeScriptToLua's
            ["onFulfilled('first', 'extra')", "first"],
            ["onFulfilled('first', 'extra', 'more')", "first"],
            ["onFulfilled(nil, nil, 'third')", undefined],
            ["onFulfilled({}, 'second')", undefined], // a table not holding the callback is a value
        ];
        for (const [call, expected] of cases) {
            const thenable = luaThenable(`return { ["then"] = function(self, onFulfilled) ${call} end }`);
            const future = A.fromPromise(thenable as never);
            A.scheduleAll();
            const got = future.result === undefined ? undefined : future.result[1];
            if (call === "onFulfilled({}, 'second')") {
                assert.are.equal("table", type(got), call);
            } else {
                assert.are.equal(expected, got, call);
            }
        }
    });
});

describe("andThen (then for Lua authors)", () => {
    it("calls its callbacks with no self argument: the task's values, or the reason", () => {
        const run = chunk(`
            local AA = ...
            local got, reason = {}, nil
            local t = AA.async(function() return "a", nil, "c" end)()
            local chained = t:andThen(function(a, b, c) got = { a, b, c, n = select("#", a, b, c) }; return a .. c end)
            local failed = AA.async(function() error("broken", 0) end)()
            local caught = failed:andThen(nil, function(err) reason = err; return "recovered" end)
            AA.scheduleAll()
            return { got, reason, chained.result and chained.result[1] or tostring(chained.error), caught.result[1] }
        `);
        const [got, reason, chained, caught] = run(A) as unknown[];
        assert.are.same({ n: 3, 1: "a", 3: "c" }, got);
        assert.are.equal("broken", reason);
        assert.are.equal("ac", chained);
        assert.are.equal("recovered", caught);
    });

    it("returns a new future, calling nothing before it returns, resolving what the callback returns", () => {
        const run = chunk(`
            local AA = ...
            local called = false
            local inner = AA.async(function() return "inner" end)()
            local x = { ["then"] = function(self, onFulfilled) onFulfilled(inner) end }
            local t = AA.async(function() return 1 end)()
            local next = t:andThen(function() called = true; return x end)
            local before = called
            AA.scheduleAll()
            return { before, next ~= t, next.result[1] }
        `);
        const [before, distinct, value] = run(A) as unknown[];
        assert.is_false(before);
        assert.is_true(distinct);
        assert.are.equal("inner", value);
    });

    it("passes values and errors through without callbacks, and raises at the caller off a task", () => {
        const values = A.async(() => $multi(1, 2))().andThen();
        const error_ = A.async(() => error("kept", 0))().andThen((v) => v);
        A.scheduleAll();
        assert.are.same({ n: 2, 1: 1, 2: 2 }, values.result);
        assert.are.equal("kept", error_.error);
        const [, err] = attempt(chunk(`local A = ...; local t = A.createTask(print); t:andThen(print)`), A);
        assert.is_true(contains(err, "caller:1: AsyncAwait: andThen(onFulfilled, onRejected): the task is pending"), tostring(err));
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

    it("a task whose failure a callback will take is not reported, though the callback's task runs in a later run", () => {
        const reports: unknown[] = [];
        L.settings.configure({ reporter: (task) => reports.push(task.error) });
        const source = A.async(() => error("taken later", 0))();
        const caught = source.catch((e) => `caught: ${tostring(e)}`);
        A.schedule(); // the source fails; the catch's task has not run when this run ends
        assert.are.equal("dead", source.state);
        assert.are.equal("runnable", caught.state);
        A.scheduleAll();
        assert.are.equal("caught: taken later", caught.result![1]);
        assert.are.same([], reports);
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
        const future = A.fromPromise(
            new Promise<string>((r) => {
                resolve = r as never;
            }),
        );
        A.cancel(future);
        resolve!(undefined, "too late");
        A.scheduleAll();
        assert.is_true(A.isCancelled(future.error));
    });
});
