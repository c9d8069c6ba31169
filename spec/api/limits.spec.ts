/**
 * limit(n): at most n tasks at once, first come first served (JavaScript's p-limit), slots freed
 * however a task ends, queued tasks cancellable without taking one.
 */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, contains } from "../support/lua";
import type { Task } from "../../src/api/types";

let L: Library;
let A: Library["api"];

before_each(() => {
    L = freshLibrary();
    A = L.api;
});

/** A function whose calls each wait, parked, until the test releases them by index; records starts and ends. */
function gated(): {
    fn: (this: void, id: number) => number;
    release: (this: void, id: number) => void;
    running: () => number;
    log: string[];
} {
    const waits = new LuaTable<number, { what: string }>();
    const log: string[] = [];
    let running = 0;
    const fn = (id: number): number => {
        running += 1;
        log.push(`start ${id}`);
        const wait = { what: `gate ${id}` };
        waits.set(id, wait);
        L.scheduler.park(wait);
        running -= 1;
        log.push(`end ${id}`);
        return id * 10;
    };
    return { fn, release: (id) => L.scheduler.wakeParked(waits.get(id)!), running: () => running, log };
}

describe("limit", () => {
    it("runs at most n at once, starting them in the order they were called", () => {
        const g = gated();
        const two = A.limit(2);
        const futures = [1, 2, 3, 4, 5].map((id) => two(g.fn, id));
        A.scheduleAll();
        assert.are.same(["start 1", "start 2"], g.log);
        g.release(2);
        A.scheduleAll();
        assert.are.same(["start 1", "start 2", "end 2", "start 3"], g.log);
        assert.are.equal(2, g.running());
        for (const id of [1, 3, 4, 5]) {
            g.release(id);
            A.scheduleAll();
            assert.is_true(g.running() <= 2);
        }
        assert.are.same(
            [10, 20, 30, 40, 50],
            futures.map((f) => f.result![1]),
        );
        assert.are.same(["start 1", "start 2", "end 2", "start 3", "end 1", "start 4", "end 3", "start 5", "end 4", "end 5"], g.log);
    });

    it("frees a slot when a task fails or is cancelled while running; a task cancelled while queued never runs", () => {
        const g = gated();
        const one = A.limit(1);
        const failing = one(() => error("broken", 0));
        const running = one(g.fn, 1);
        const queued = one(g.fn, 2);
        const last = one(g.fn, 3);
        failing.catch(() => undefined);
        A.scheduleAll();
        assert.are.equal("broken", failing.error);
        assert.are.same(["start 1"], g.log, "the failure freed its slot for the next");
        A.cancel(queued);
        A.cancel(running);
        A.scheduleAll();
        assert.are.same(["start 1", "start 3"], g.log, "the cancelled queued one was skipped");
        g.release(3);
        A.scheduleAll();
        assert.are.equal(30, last.result![1]);
        assert.is_true((queued as Task & { cancelled: boolean }).cancelled);
    });

    it("holds the slot until the task of a future fn returns has ended, and gives its values", () => {
        const g = gated();
        const one = A.limit(1);
        const inner = A.async((id: number) => g.fn(id));
        const first = one(inner, 1);
        const second = one(g.fn, 2);
        A.scheduleAll();
        assert.are.same(["start 1"], g.log, "the async function's task holds the slot");
        g.release(1);
        A.scheduleAll();
        assert.are.equal(10, first.result![1]);
        assert.are.same(["start 1", "end 1", "start 2"], g.log);
        g.release(2);
        A.scheduleAll();
        assert.are.equal(20, second.result![1]);
    });

    it("its futures are awaited like any, queued or running", () => {
        const g = gated();
        const one = A.limit(1);
        const a = one(g.fn, 1);
        const b = one(g.fn, 2);
        let sum = 0;
        A.async(() => {
            sum = (A.await(a) as number) + (A.await(b) as number);
        })();
        A.scheduleAll();
        g.release(1);
        A.scheduleAll();
        g.release(2);
        A.scheduleAll();
        assert.are.equal(30, sum);
    });

    it("rejects a bad limit and a non-function at the caller; a handle's tasks are its addon's", () => {
        for (const bad of [0, 1.5, -1, "2", false, 0 / 0]) {
            const [ok, err] = attempt(() => A.limit(bad as number));
            assert.is_false(ok);
            assert.is_true(contains(err, "limit(n): expected a whole number >= 1"), tostring(err));
        }
        const [ok, err] = attempt(() => A.limit(1)(undefined as never));
        assert.is_false(ok);
        assert.is_true(contains(err, "a limited function (limit(n)): expected a function, got nil"), tostring(err));
        const task = A.forAddon("Limiter").limit(math.huge)(() => 1);
        assert.are.equal("Limiter", task.owner);
        A.scheduleAll();
        assert.are.equal(1, task.result![1]);
    });
});
