import * as A from "../../src/api";
import { dequeue, enqueue, ownerNamed, snapshot } from "../../src/core/scheduler";
import { RUNNABLE, Slot, TaskRecord } from "../../src/core/task";

function record(this: void, name: string): TaskRecord {
    return [RUNNABLE, name, false, false, false, false, 0, ownerNamed("AsyncAwait")] as unknown as TaskRecord;
}

describe("run queue", () => {
    it("is FIFO across the swap of its two arrays", () => {
        const a = record("a");
        const b = record("b");
        const c = record("c");
        enqueue(a);
        enqueue(b);
        assert.are.equal(a, dequeue());
        enqueue(c); // queued while the first batch is being drained
        assert.are.equal(b, dequeue());
        assert.are.equal(c, dequeue());
        assert.is_nil(dequeue());
        assert.are.equal(0, snapshot().queued);
    });

    it("does not queue a task twice and skips entries whose task is no longer runnable", () => {
        const a = record("a");
        const b = record("b");
        enqueue(a);
        enqueue(a);
        enqueue(b);
        a[Slot.State] = "dead";
        assert.are.equal(b, dequeue());
        assert.is_nil(dequeue());
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
        assert.are.equal(0, snapshot().queued);
    });
});
