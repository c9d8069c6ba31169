import * as A from "../../src/api";
import * as core from "../../src/core/scheduler";

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
        let nextThread: LuaThread | undefined;
        A.async(() => {
            nextThread = coroutine.running();
        })();
        A.scheduleAll();
        assert.are_not.equal(failedThread, nextThread);
        for (const i of $range(1, core.snapshot().poolLen)) {
            assert.are_not.equal(failedThread, core.pooledWorker(i));
        }
    });

    it("keeps at most poolMax idle coroutines after a burst of live tasks", () => {
        core.setPoolMax(16);
        const live = 16 * 4;
        const gate = A.async(() => {
            A.yield();
        })();
        const waiter = A.async(() => A.await(gate));
        for (const _ of $range(1, live)) {
            waiter();
        }
        A.scheduleAll();
        assert.are.equal(16, core.snapshot().poolLen);
        core.setPoolMax(256);
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
