/** The public task functions' input checks: a clear error naming the call, at the caller's line. */
import { Library, freshLibrary } from "../support/fresh";
import { raisesAtCaller } from "../support/lua";
import type { Future } from "../../src/api/types";

let A: Library["api"];

before_each(() => {
    A = freshLibrary().api;
});

describe("bad input", () => {
    it("is refused at the caller's line, naming the call and what it got", () => {
        assert.are.same(
            [],
            raisesAtCaller(A, [
                ["A.async(42)", "caller:1: AsyncAwait: async(fn): expected a function, got number (42)"],
                ["A.await(nil)", "caller:1: AsyncAwait: await(future): expected a future or an async function, got nil"],
                ["A.await({})", "caller:1: AsyncAwait: await(future): expected a future or an async function, got table"],
                ["A.await('x')", 'caller:1: AsyncAwait: await(future): expected a future or an async function, got string ("x")'],
                [
                    "A.await(print)",
                    "caller:1: AsyncAwait: await(fn, ...): expected an async function (made by async), got a plain function",
                ],
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
                ["A.forAddon(42)", "caller:1: AsyncAwait: forAddon(name): expected an addon name, got number (42)"],
                ["A.forAddon('X').async(1)", "caller:1: AsyncAwait: async(fn): expected a function, got number (1)"],
                ["A.forAddon('X').createTask(nil)", "caller:1: AsyncAwait: createTask(fn, ...): expected a function, got nil"],
            ]),
        );
    });

    it("leaves the scheduler able to run a fresh task afterwards", () => {
        assert.are.same([], raisesAtCaller(A, [["A.async(nil)", "caller:1: AsyncAwait: async(fn): expected a function, got nil"]]));
        const t = A.async(() => "fine")();
        A.scheduleAll();
        assert.are.equal("fine", A.await(t));
    });
});

describe("a call made with ':' by habit", () => {
    it("is told to use '.'", () => {
        assert.are.same(
            [],
            raisesAtCaller(A, [
                [
                    "A:async(function() end)",
                    "caller:1: AsyncAwait: async(fn): expected a function, got the AsyncAwait table (call its functions with '.', not ':')",
                ],
                [
                    "A:yield()",
                    "caller:1: AsyncAwait: yield(): expected no arguments, got 1, the first being the AsyncAwait table (call its functions with '.', not ':')",
                ],
                [
                    "A.forAddon('X'):startTask(nil)",
                    "caller:1: AsyncAwait: startTask(task): expected a task, got the AsyncAwait table (call its functions with '.', not ':')",
                ],
            ]),
        );
    });
});

describe("Embed (AceAddon mixins)", () => {
    it("gives an addon object the functions, its tasks attributed to it", () => {
        const addon = { name: "AceStyle" } as { name: string; async?: typeof A.async; sleep?: unknown };
        assert.are.equal(addon, A.Embed(A, addon));
        assert.are.equal("function", type(addon.sleep));
        const t = addon.async!(() => "mixed in")();
        A.scheduleAll();
        assert.are.equal("AceStyle", t.owner);
        assert.are.equal("mixed in", A.await(t));
    });
});

describe("joinTask", () => {
    it("raises a runtime error at the caller's line when the task cannot finish", () => {
        let self: Future<LuaMultiReturn<[boolean, unknown]>> | undefined;
        const outer = A.async(() => {
            const co = coroutine.create(() => A.joinTask(self!));
            const [ok, e] = coroutine.resume(co);
            return $multi(ok, e);
        });
        self = outer();
        const [resumed, err] = A.await(self);
        assert.is_false(resumed);
        assert.are.equal("AwaitCycle", A.errorKind(err));
        assert.is_truthy(string.find(tostring(err), "AsyncAwait: joinTask(task): await cycle", 1, true)[0]);
    });
});

describe("forAddon", () => {
    it("gives one handle per addon; its tasks and their children are attributed to it", () => {
        const alpha = A.forAddon("Alpha");
        assert.are.equal(alpha, A.forAddon("Alpha"));
        let child: ReturnType<typeof A.createTask> | undefined;
        const parent = alpha.async(() => {
            child = A.async(() => 1)();
        })();
        const plain = A.async(() => 2)();
        const pending = alpha.createTask(() => 3);
        A.scheduleAll();
        assert.are.equal("Alpha", parent.owner);
        assert.are.equal("Alpha", child!.owner);
        assert.are.equal("Alpha", pending.owner);
        assert.are.equal("AsyncAwait", plain.owner);
    });
});
