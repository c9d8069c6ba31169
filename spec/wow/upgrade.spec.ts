/**
 * One library, many addons: copies of the library embedded in several addons end up as one
 * scheduler running the newest copy's code, and what was alive before an upgrade carries on.
 */
import * as files from "../support/files";
import { ADDON_DIR, Lib, startGame } from "../support/game";

const WORK = "build/spec/fixtures";

/**
 * Writes an addon that embeds a copy of the built library whose version is `version`, through
 * lib.xml, the way an author embeds it.
 */
function embeddingAddon(this: void, name: string, version: string): string {
    const dir = `${WORK}/${name}`;
    const bundle = files.read(`${ADDON_DIR}/AsyncAwait.lua`);
    const [patched, count] = string.gsub(bundle, 'VERSION = "%d+%.%d+%.%d+"', `VERSION = "${version}"`);
    assert.are.equal(1, count, "the bundle declares its version once");
    files.write(`${dir}/Libs/AsyncAwait/AsyncAwait.lua`, patched);
    files.write(`${dir}/Libs/AsyncAwait/LibStub/LibStub.lua`, files.read(`${ADDON_DIR}/LibStub/LibStub.lua`));
    files.write(`${dir}/Libs/AsyncAwait/lib.xml`, files.read(`${ADDON_DIR}/lib.xml`));
    files.write(`${dir}/${name}.toc`, `## Interface: 120105\n## Title: ${name}\nLibs\\AsyncAwait\\lib.xml\n`);
    return dir;
}

describe("LibStub upgrade", () => {
    it("runs the newest copy's code on the same library table; tasks, timers and waiters carry on", () => {
        const { sim, AA } = startGame();
        const lib: Lib = AA;
        const oldAsync = AA.async;
        const oldAwait = AA.await;
        const log: string[] = [];
        const sleeper = AA.async(() => {
            AA.sleep(0.5);
            return "slept";
        })();
        const listener = AA.async(() => {
            const [payload] = AA.waitForEvent("PLAYER_LOGIN");
            log.push(`event ${payload}`);
        })();
        const awaiter = AA.async(() => {
            const value = AA.await(sleeper);
            log.push(`awaited ${value}`);
        })();
        const yielder = AA.async(() => {
            for (const i of $range(1, 3)) {
                log.push(`turn ${i}`);
                AA.yield();
            }
        })();
        sim.runFrame(0.001); // a tiny frame: the yielder is still mid-loop afterwards
        AA.setBudget({ ms: 0.0001 });

        sim.loadAddon(embeddingAddon("NewerAddon", "0.1.1"));
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
        const stub = sim.env.LibStub as { GetLibrary(major: string): LuaMultiReturn<[Lib, number]> };
        const [registered, minor] = stub.GetLibrary("AsyncAwait-1.0");
        assert.are.equal(lib, registered, "the same table, upgraded in place");
        assert.are.equal(101, minor);
        assert.are.equal("0.1.1", lib.version);
        assert.are_not.equal(oldAsync, lib.async, "the newer copy's functions");

        AA.setBudget({ ms: 5 });
        sim.fireEvent("PLAYER_LOGIN", "hello");
        sim.runFrames(60);
        assert.are.equal("dead", sleeper.state);
        assert.are.equal("dead", listener.state);
        assert.are.equal("dead", awaiter.state);
        assert.are.equal("dead", yielder.state);
        assert.are.equal("slept", sleeper.result![1]);
        table.sort(log);
        assert.are.same(["awaited slept", "event hello", "turn 1", "turn 2", "turn 3"], log);

        // Functions an addon cached from the older copy forward to the newer one.
        const viaOld = oldAsync((x: number) => x * 2)(21);
        const awaitedViaOld = lib.async(() => oldAwait(viaOld))();
        sim.runFrames(2);
        assert.are.equal(42, awaitedViaOld.result![1]);
        // One driver: a single OnUpdate per busy frame.
        lib.async(() => {
            AA.nextFrame();
            AA.nextFrame();
        })();
        sim.runFrame();
        assert.are.equal(1, sim.stats.lastFrameOnUpdateCalls);
        assert.are.equal(0, sim.errors.length);
    });

    it("keeps the newer copy when an older one loads after it", () => {
        const { sim, AA } = startGame();
        sim.loadAddon(embeddingAddon("NewAddon", "0.2.0"));
        const newest = AA.async;
        sim.loadAddon(embeddingAddon("OldAddon", "0.0.9"));
        assert.are.equal("0.2.0", AA.version);
        assert.are.equal(newest, AA.async);
        const t = AA.async(() => "fine")();
        sim.runFrame();
        assert.are.equal("fine", t.result![1]);
    });

    it("waits for the run under way when a newer copy is loaded from inside a task", () => {
        const { sim, AA } = startGame();
        const dir = embeddingAddon("LoadedOnDemand", "0.1.5");
        const log: string[] = [];
        const before = AA.async(() => {
            AA.yield();
            log.push("before");
        });
        before();
        AA.async(() => {
            sim.loadAddon(dir);
            // The newer copy is installed, but the older one finishes this run first.
            AA.async(() => log.push("made during the handover"))();
            AA.yield();
            log.push("loader done");
        })();
        sim.runFrames(5);
        assert.are.equal("0.1.5", AA.version);
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
        table.sort(log);
        assert.are.same(["before", "loader done", "made during the handover"], log);
        const after = AA.async(() => "after")();
        sim.runFrame();
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
        assert.are.equal("dead", after.state);
        assert.are.equal("after", after.result![1]);
    });
});
