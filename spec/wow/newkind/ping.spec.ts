/**
 * "A new wait kind is one file and a line in the driver's KINDS": a build of the addon with a
 * kind src/ does not have (ping.ts, added by one line in addon.ts) runs it through the paths
 * the built-in kinds take: its entry point and glue state fields come from KINDS, a task parks
 * on it and is woken by its event, cancelling the task or detaching the wait releases what it
 * holds, cancelAll finds it, /asyncawait counts and lists it.
 */
import * as client from "../../../simulator/client";
import * as files from "../../support/files";
import { ADDON_DIR, Lib, registered } from "../../support/game";
import { contains } from "../../support/lua";
import { Slot, TaskRecord, Wait } from "../../../src/core/task";
import type { Future } from "../../../src/api/types";
import { KIND_CASES, Switches } from "../../support/kinds";

/** The glue state's fields of the ping kind. */
interface PingState {
    pingWaits: Record<number, Wait | undefined>;
    pingWaitsLen: number;
}

type PingLib = Lib & { _state: { wow: PingState } };

const DIR = "build/spec/fixtures/newkind/AsyncAwait";

/** The spec build (make specs: build/newkind/AsyncAwait.lua) as the AsyncAwait addon, beside the built addon's other files. */
function writeBuild(this: void): void {
    files.write(`${DIR}/AsyncAwait.lua`, files.read("build/newkind/AsyncAwait.lua"));
    files.write(`${DIR}/AsyncAwait.toc`, files.read(`${ADDON_DIR}/AsyncAwait.toc`));
    files.write(`${DIR}/lib.xml`, files.read(`${ADDON_DIR}/lib.xml`));
    files.write(`${DIR}/LibStub/LibStub.lua`, files.read(`${ADDON_DIR}/LibStub/LibStub.lua`));
}

function start(this: void): { sim: client.Simulator; AA: PingLib; waitForPing: (this: void, word: string) => unknown } {
    const sim = client.newSimulator();
    sim.loadAddon(DIR);
    assert.are.same([], sim.errors);
    const AA = sim.env.AsyncAwait as PingLib;
    const entries = AA._state.core as unknown as Record<string, ((this: void, word: string) => unknown) | undefined>;
    return { sim, AA, waitForPing: entries.waitForPing! };
}

function waitOf(this: void, task: Future): Wait {
    return (task as unknown as TaskRecord)[Slot.Awaiting] as Wait;
}

describe("a wait kind added by one file and one line in KINDS (spec/wow/newkind/)", () => {
    setup(writeBuild);

    it("has its entry point among the copy's entries and its fields in the glue state", () => {
        const { AA, waitForPing } = start();
        assert.are.equal("function", type(waitForPing));
        assert.are.equal(0, AA._state.wow.pingWaitsLen);
        assert.are.same({}, AA._state.wow.pingWaits);
    });

    it("parks a task until its event carries the word, then wakes it with it; listens only meanwhile", () => {
        const { sim, AA, waitForPing } = start();
        let got: unknown;
        const task = AA.async(() => {
            got = waitForPing("hello");
        })();
        sim.runFrame();
        assert.are.equal("suspended", task.state);
        assert.are.equal("ping", waitOf(task).kind);
        assert.are.equal(1, AA._state.wow.pingWaitsLen);
        assert.is_true(registered(AA, "PING"));
        sim.fireEvent("PING", "other");
        sim.runFrame();
        assert.are.equal("suspended", task.state, "another word: still waiting");
        sim.fireEvent("PING", "hello");
        sim.runFrame(); // (the simulator delivers events at the start of the next frame)
        assert.are.equal("dead", task.state);
        assert.are.equal("hello", got);
        assert.are.equal(0, AA._state.wow.pingWaitsLen);
        assert.is_false(registered(AA, "PING"));
        sim.runFrames(2);
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles");
    });

    it("outside a task, returns a future of the word", () => {
        const { sim, AA, waitForPing } = start();
        const future = waitForPing("later") as Future;
        assert.is_true(AA.isFuture(future));
        sim.fireEvent("PING", "later");
        sim.runFrame();
        assert.are.equal("dead", future.state);
        assert.are.same({ n: 1, [1]: "later" }, future.result);
    });

    it("cancelling the task detaches its wait: released, unregistered, never woken", () => {
        const { sim, AA, waitForPing } = start();
        let woke = false;
        const task = AA.async(() => {
            waitForPing("hello");
            woke = true;
        })();
        sim.runFrame();
        AA.cancel(task);
        assert.is_true(task.cancelled);
        assert.are.equal(0, AA._state.wow.pingWaitsLen);
        assert.is_false(registered(AA, "PING"));
        sim.fireEvent("PING", "hello");
        sim.runFrames(2);
        assert.is_false(woke);
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles");
    });

    it("detachWait (the entry point an older copy's glue calls) releases its wait", () => {
        const { sim, AA, waitForPing } = start();
        const task = AA.async(() => waitForPing("hello"))();
        sim.runFrame();
        AA._state.core!.detachWait(waitOf(task));
        assert.are.equal(0, AA._state.wow.pingWaitsLen);
        assert.is_false(registered(AA, "PING"));
        sim.fireEvent("PING", "hello");
        sim.runFrames(2);
        assert.are.equal("suspended", task.state, "never woken");
    });

    it("cancelAll finds the tasks waiting on it", () => {
        const { sim, AA, waitForPing } = start();
        const tasks = [AA.async(() => waitForPing("a"))(), AA.async(() => waitForPing("b"))()];
        sim.runFrame();
        AA.cancelAll();
        for (const task of tasks) {
            assert.is_true(task.cancelled);
        }
        assert.are.equal(0, AA._state.wow.pingWaitsLen);
        assert.is_false(registered(AA, "PING"));
    });

    it("/asyncawait counts the tasks waiting on it, under its label, and lists what each waits for", () => {
        const { sim, AA, waitForPing } = start();
        AA.async(() => waitForPing("hello"))();
        AA.async(() => AA.sleep(30))();
        sim.runFrames(2);
        sim.slash("/aa");
        assert.are.equal(`AsyncAwait ${AA.version}: 2 live tasks: 1 sleeping, 1 waiting for pings`, sim.chat[0]);
        sim.slash("/aa tasks");
        const text = sim.chat.join("\n");
        assert.is_true(contains(text, "suspended, ping hello"), text);
    });

    it("leaves the built-in kinds working beside it: each parks, holds and releases on detach, and the driver idles", () => {
        for (const c of KIND_CASES) {
            const { sim, AA } = start();
            c.prepare?.(sim);
            const on: Switches = { ready: false, fail: false };
            const task = AA.async(() => c.wait(AA, on))();
            sim.runFrame();
            assert.are.equal(c.kind, waitOf(task).kind);
            assert.is_true(c.held(AA) > 0, c.kind);
            AA._state.core!.detachWait(waitOf(task));
            assert.are.equal(0, c.held(AA), c.kind);
            sim.runFrames(2);
            assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, c.kind);
        }
    });
});
