/**
 * One named regression spec per defect found by trying the built addon as an addon author would
 * (issue "Reliability: no user callback or input can stall, leak or silently drop anything").
 * Each runs the build under test in the simulated client; with ASYNCAWAIT_ADDON pointing at a
 * build from before the fixes, each fails.
 */
import { Lib, startGame, writeAddon } from "../support/game";
import { attempt, chunk, contains } from "../support/lua";
import { weakRef } from "../support/weak";
import * as client from "../../simulator/client";
import type { Future } from "../../src/api/types";

/** Runs `code` (which gets the library as `AA`) as a chunk named "caller"; returns pcall's two values. */
function call(this: void, AA: Lib, code: string): [boolean, unknown] {
    return attempt(chunk(`local AA = ...\n${code}`), AA);
}

/** A sleeper that must still wake: no one's bad input may stall anyone's timers. */
function sleeperWakes(this: void, sim: client.Simulator, AA: Lib): boolean {
    const t = AA.async(() => AA.sleep(0.05))();
    sim.runFrames(10);
    return t.state === "dead";
}

describe("regressions", () => {
    it("1: sleep(nan) and sleep(+-inf) are refused, and cannot stall other sleepers", () => {
        const { sim, AA } = startGame();
        for (const [code, got] of [
            ["0/0", "number (nan)"],
            ["math.huge", "number (inf)"],
            ["-math.huge", "number (-inf)"],
        ]) {
            const [ok, err] = call(AA, `AA.async(function() end)(); AA.sleep(${code})`);
            assert.is_false(ok);
            assert.are.equal(`caller:2: AsyncAwait: sleep(seconds): expected a finite number >= 0, got ${got}`, err);
            const [inTask] = call(AA, `return AA.async(function() AA.sleep(${code}) end)()`);
            assert.is_true(inTask);
        }
        assert.is_true(sleeperWakes(sim, AA));
    });

    it("2: setBudget checks its input; a bad budget cannot stop the driver", () => {
        const { sim, AA } = startGame();
        const cases: [string, string][] = [
            ["AA.setBudget({ ms = 'x' })", 'caller:2: AsyncAwait: setBudget(budget): ms must be a finite number > 0, got string ("x")'],
            ["AA.setBudget({ ms = 0/0 })", "caller:2: AsyncAwait: setBudget(budget): ms must be a finite number > 0, got number (nan)"],
            [
                "AA.setBudget(nil)",
                "caller:2: AsyncAwait: setBudget(budget): expected { ms = n } or { fraction = f, min = a, max = b }, got nil",
            ],
            [
                "AA.setBudget({ fraction = 2 })",
                "caller:2: AsyncAwait: setBudget(budget): fraction must be a finite number > 0 and <= 1, got number (2)",
            ],
            ["AA.setBudget({ min = 5, max = 1 })", "caller:2: AsyncAwait: setBudget(budget): min (5) must not exceed max (1)"],
            [
                "AA.setBudget({ msec = 2 })",
                "caller:2: AsyncAwait: setBudget(budget): unknown field msec (fields: ms, or fraction, min and max; instanceCombatMs)",
            ],
        ];
        for (const [code, message] of cases) {
            const [ok, err] = call(AA, code);
            assert.is_false(ok, code);
            assert.are.equal(message, err);
        }
        const t = AA.async(() => "ran")();
        sim.runFrame();
        assert.are.equal("dead", t.state);
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
    });

    it("3: traceCreation takes only booleans", () => {
        const { AA } = startGame();
        const [ok, err] = call(AA, 'AA.traceCreation("yes")');
        assert.is_false(ok);
        assert.are.equal('caller:2: AsyncAwait: traceCreation(on): expected true or false, got string ("yes")', err);
    });

    it("4: traceCreation records the creating line from plain code (the main thread)", () => {
        const { AA } = startGame();
        AA.traceCreation(true);
        const [, task] = call(AA, "local t = AA.async(function() end)()\nreturn t"); // not a tail call
        const created = (task as { created?: string }).created ?? "";
        assert.is_truthy(string.find(created, "^caller:2:")[0], created);
    });

    it("4: a task created inside a task records the line inside the task first", () => {
        const { sim, AA } = startGame();
        AA.traceCreation(true);
        const run = chunk("local AA, out = ...\nAA.async(function()\n  out.task = AA.async(function() end)()\nend)()", "caller");
        const out: { task?: Future & { created?: string } } = {};
        run(AA, out);
        sim.runFrame();
        const created = out.task!.created ?? "";
        assert.is_truthy(string.find(created, "^caller:3:")[0], created);
    });

    it("5: pcall(await, t) from plain code takes t's error without also reporting it", () => {
        const { sim, AA } = startGame();
        const failing = AA.async(() => {
            AA.yield();
            error({ code: 5 });
        })();
        const [ok, err] = attempt(AA.await, failing);
        assert.is_false(ok);
        assert.are.equal(5, (err as { code: number }).code);
        sim.runFrames(2);
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
    });

    it("6: outOfCombat never returns in combat, even when combat starts again before the task runs", () => {
        const { sim, AA } = startGame();
        sim.setCombat(true);
        sim.runFrame();
        let returnedInCombat = false;
        let returned = false;
        AA.async(() => {
            AA.outOfCombat();
            returned = true;
            returnedInCombat = sim.env.InCombatLockdown();
        })();
        sim.runFrame();
        sim.setCombat(false); // PLAYER_REGEN_ENABLED is queued...
        sim.setCombat(true); // ...but combat starts again before it is delivered
        sim.runFrames(3);
        assert.is_false(returnedInCombat);
        assert.is_false(returned);
        sim.setCombat(false);
        sim.runFrames(2);
        assert.is_true(returned);
        assert.is_false(returnedInCombat);
    });

    it("7: a waitUntil predicate that raises on a later frame fails the task with its error", () => {
        const { sim, AA } = startGame();
        const payload = { reason: "broken" };
        let calls = 0;
        let resumed = false;
        const t = AA.async(() => {
            AA.waitUntil(() => {
                calls += 1;
                if (calls === 3) {
                    error(payload);
                }
                return false;
            });
            resumed = true;
        })();
        sim.runFrames(5);
        assert.is_false(resumed, "never taken as a result");
        assert.are.equal("dead", t.state);
        assert.are.equal(payload, t.error, "the original error value");
        assert.is_true(contains(t.traceback, "regressions_spec"), tostring(t.traceback));
        assert.are.equal(3, calls);
        assert.are.equal(0, AA._state.wow.predicatesLen);
    });

    it("8: a waitForEvent filter that raises fails its waiter, which gets no payload", () => {
        const { sim, AA } = startGame();
        let got: unknown;
        const broken = AA.async(() => {
            [got] = AA.waitForEvent("BAG_UPDATE", () => error("bad filter", 0));
        })();
        const fine = AA.async(() => AA.waitForEvent("BAG_UPDATE", (bag: unknown) => bag === 2))();
        sim.runFrame();
        sim.fireEvent("BAG_UPDATE", 2);
        sim.runFrame();
        assert.is_nil(got);
        assert.are.equal("dead", broken.state);
        assert.are.equal("bad filter", broken.error);
        assert.are.equal(2, fine.result![1], "other waiters are unaffected");
    });

    it("9: waitForEvent of an event the client lacks raises at the caller, every time", () => {
        const sim = client.newSimulator({ buildInfo: ["1.15.9", "1", "Jan 1 2026", 11509] });
        sim.loadAddon(writeAddon("ClassicHost"));
        const AA = sim.env.LibStub as unknown as (major: string) => Lib;
        const lib = AA("AsyncAwait-1.0");
        const message = "AsyncAwait: waitForEvent(event, filter, timeout): this client does not know the event CHALLENGE_MODE_START";
        for (const _ of $range(1, 2)) {
            const [ok, err] = call(lib, 'AA.waitForEvent("CHALLENGE_MODE_START")');
            assert.is_false(ok);
            assert.are.equal(`caller:2: ${message}`, err);
        }
        const t = lib.async(() => lib.waitForEvent("CHALLENGE_MODE_START"))();
        sim.runFrame();
        assert.are.equal("dead", t.state, "inside a task it fails the task, never parks it");
        assert.is_true(contains(t.error, message));
    });

    it("10: a wait whose park fails (inside pcall) leaves nothing registered", () => {
        const { sim, AA } = startGame();
        let checks = 0;
        let parkError: unknown;
        AA.async(() => {
            [, parkError] = pcall(AA.waitUntil, () => {
                checks += 1;
                return false;
            });
            pcall(AA.sleep, 5);
            pcall(AA.waitForEvent, "BAG_UPDATE");
            pcall(AA.nextFrame);
        })();
        sim.runFrames(3);
        assert.is_true(contains(parkError, "yield across"), tostring(parkError));
        assert.are.equal(1, checks, "checked once, at the call; never again");
        const glue = AA._state.wow;
        assert.are.equal(0, glue.predicatesLen + glue.heapLen + glue.frameWaitsLen);
        assert.is_nil(glue.events.get("BAG_UPDATE"));
        assert.are.equal(0, sim.stats.lastFrameOnUpdateCalls, "the driver idles");
    });

    it("12: an idle pooled worker keeps no finished task alive", () => {
        const { sim, AA } = startGame();
        let alive = (): boolean => true;
        AA.async(() => {
            const result = { big: "result" };
            alive = weakRef(result);
            return result;
        })();
        sim.runFrame();
        assert.is_true(AA._state.core!.snapshot().poolLen >= 1, "its worker is pooled");
        assert.is_false(alive());
    });

    it("13: an async function whose body refers to its own wrapper is collected once dropped", () => {
        const { AA } = startGame();
        let alive = (): boolean => true;
        (() => {
            const self: { fn?: unknown } = {};
            const wrapper = AA.async(() => self.fn);
            self.fn = wrapper;
            alive = weakRef(wrapper);
        })();
        assert.is_false(alive());
    });

    it("14: tasks started while addons load catch PLAYER_LOGIN; waits called outside tasks register at the call", () => {
        const sim = client.newSimulator();
        const dir = writeAddon("LoginHost", {
            code: [
                "LoginLog = {}",
                'AA.async(function() AA.waitForEvent("PLAYER_LOGIN"); LoginLog[#LoginLog + 1] = "login"',
                '  AA.waitForEvent("PLAYER_ENTERING_WORLD"); LoginLog[#LoginLog + 1] = "world" end)()',
                'LoginFuture = AA.waitForEvent("PLAYER_ENTERING_WORLD")',
            ].join("\n"),
        });
        sim.loadAddon(dir);
        sim.login();
        assert.are.same(["login", "world"], sim.env.LoginLog);
        sim.runFrame();
        assert.are.equal(true, (sim.env.LoginFuture as Future).result![1], "isInitialLogin");
    });

    it("15: without the debug library, an unhandled error says where its async function was made", () => {
        const { sim, AA } = startGame();
        assert.is_nil(sim.env.debug, "the client has no debug table");
        const run = chunk("local AA = ...\n\nlocal f = AA.async(function() error('x') end)\nf()", "maker");
        run(AA);
        sim.runFrame();
        assert.are.equal(1, sim.errors.length);
        assert.is_true(contains(sim.errors[0], "made at maker:3"), tostring(sim.errors[0]));
        assert.is_false(contains(sim.errors[0], "function: 0x"));
    });

    it("16: loading finishes without SlashCmdList, and errors surface without an error handler", () => {
        const sim = client.newSimulator();
        sim.env.SlashCmdList = undefined as unknown as typeof sim.env.SlashCmdList;
        sim.loadAddon(writeAddon("NoSlash"));
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
        const AA = (sim.env.LibStub as unknown as (major: string) => Lib)("AsyncAwait-1.0");
        assert.are.equal("function", type(AA.async));
        sim.env.geterrorhandler = () => undefined as unknown as (err: unknown) => void;
        AA.async(() => error("surfaced"))();
        sim.runFrame();
        assert.is_true(contains(sim.chat.join("\n"), "surfaced"));
    });
});

describe("regressions after an upgrade", () => {
    it("11: bad input to an await cached from an older copy names the caller's line", () => {
        const sim = client.newSimulator();
        sim.loadAddon(writeAddon("OldHost", { copyDir: "spec/fixtures/releases/0.1.0/AsyncAwait" }));
        const lib = (sim.env.LibStub as unknown as (major: string) => Lib)("AsyncAwait-1.0");
        const oldAwait = lib.await;
        sim.loadAddon(writeAddon("NewHost"));
        const [ok, err] = attempt(chunk("local await = ...\n\nawait(nil)"), oldAwait);
        assert.is_false(ok);
        assert.are.equal("caller:3: AsyncAwait: await(future): expected a future or an async function, got nil", err);
    });
});
