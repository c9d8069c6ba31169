/**
 * Forced completion (await/joinTask outside any task runs the task to completion on the spot)
 * and the cycle checks, with the runtime errors they raise.
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

describe("forced completion", () => {
    it("outside any task runs the task to completion right there, with what it awaits", () => {
        const log: string[] = [];
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

    it("ignores yields meanwhile: nothing else gets to run in between", () => {
        let turns = 0;
        const other = A.async(() => undefined)();
        const f = A.async(() => {
            for (const _ of $range(1, 5)) {
                turns += 1;
                A.yield();
            }
            return other.state;
        });
        assert.are.equal("runnable", A.await(f()));
        assert.are.equal(5, turns);
    });

    it("leaves the scheduler at rest afterwards", () => {
        A.await(A.async(() => A.yield())());
        const s = L.introspect.snapshot();
        assert.are.equal(0, s.forcedDepth);
        assert.are.equal(0, s.chainTop);
        assert.is_false(s.current);
        assert.is_false(s.workerRunsNext);
    });
});

describe("await cycles", () => {
    it("fail a task that awaits itself with an AwaitCycle error", () => {
        let self: Future | undefined;
        const f = A.async(() => A.await(self!));
        self = f();
        A.scheduleAll();
        assert.are.equal("dead", self.state);
        assert.are.equal("AwaitCycle", A.errorKind(self.error));
        assert.is_true(contains(self.error, "await cycle: a task cannot await itself"));
    });

    it("fail the task that closes a cycle of awaits; nothing hangs", () => {
        const futures: Future[] = [];
        const link = A.async((i: number) => {
            A.yield();
            return A.await(futures[i % 3]);
        });
        futures.push(link(1), link(2), link(3));
        A.scheduleAll();
        for (const f of futures) {
            assert.are.equal("dead", f.state);
            assert.are.equal("AwaitCycle", A.errorKind(f.error));
        }
        assert.is_false(A.schedule());
    });

    it("raise AwaitCycle when a forced await waits for the task running it", () => {
        let inner: Future<LuaMultiReturn<[boolean, unknown]>> | undefined;
        const outer = A.async(() => {
            // A coroutine the scheduler does not own, inside the running task, awaits that task.
            const co = coroutine.create(() => A.await(inner!));
            const [ok, err] = coroutine.resume(co);
            return $multi(ok, err);
        });
        inner = outer();
        const [ok, err] = A.await(inner);
        assert.is_false(ok);
        assert.are.equal("AwaitCycle", A.errorKind(err));
        assert.is_true(contains(err, "the task cannot finish until this call returns"));
    });

    it("name the await's caller in the message", () => {
        const [ok, err] = attempt(() => {
            const self: Future | undefined = A.async(() => {
                const value = A.await(self!); // not a tail call: a tail call leaves no caller line
                return value;
            })();
            A.scheduleAll();
            A.await(self);
        });
        assert.is_false(ok);
        assert.are.equal("AwaitCycle", A.errorKind(err));
        assert.is_true(contains(err, "forced_spec"), tostring(err));
    });
});

describe("deep await chains", () => {
    const depth = 20000;
    function chainOf(this: void, api: Library["api"]): (n: number) => Future<number> {
        const link = api.async((n: number): number => {
            if (n === 0) {
                api.yield();
                return 0;
            }
            return (api.await(link(n - 1)) as number) + 1;
        });
        return link;
    }

    it("run through the scheduler without growing the C stack", () => {
        const top = chainOf(A)(depth);
        A.scheduleAll();
        assert.are.equal(depth, A.await(top));
    });

    it("complete synchronously from plain code without recursive resumes", () => {
        assert.are.equal(depth, A.await(chainOf(A)(depth)));
        assert.is_false(A.schedule());
    });
});
