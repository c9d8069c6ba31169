/**
 * Bad input, as a class: every public function × nil, wrong types, NaN, infinities, negatives and
 * extra arguments raises a clear error naming the function at the caller's line — through the
 * library table, through a forAddon handle and through functions cached from a copy that a newer
 * one has since replaced — and afterwards a fresh task still runs to completion.
 */
import { Lib, startGame, writeAddon } from "../support/game";
import { attempt, chunk, functionNames } from "../support/lua";
import * as client from "../../simulator/client";

/**
 * For each public function: the Lua expressions of bad calls, written with `f` for the function
 * under test and `T` for a started task (several arguments in one string are one call).
 */
const BAD_CALLS: Record<string, string[]> = {
    async: ["nil", "1", "'x'", "{}", "true", "0/0", "function() end, 1", "function() end, 'here', 1"],
    await: ["nil", "1", "'x'", "{}", "true", "0/0", "math.huge", "print", "T, 1"],
    yield: ["1"],
    schedule: ["1"],
    scheduleAll: ["1"],
    createTask: ["nil", "1", "'x'", "{}", "true", "0/0"],
    startTask: ["nil", "1", "'x'", "{}", "true", "0/0", "T", "T, 1"],
    joinTask: ["nil", "1", "'x'", "{}", "true", "0/0", "T, 1"],
    sleep: ["nil", "'1'", "{}", "true", "0/0", "math.huge", "-math.huge", "-1", "1, 2"],
    nextFrame: ["1"],
    waitForEvent: [
        "nil",
        "1",
        "{}",
        "true",
        "''",
        "0/0",
        "'BAG_UPDATE', 1",
        "'BAG_UPDATE', 'x'",
        "'BAG_UPDATE', nil, -1",
        "'BAG_UPDATE', nil, 0/0",
        "'BAG_UPDATE', nil, 'x'",
        "'BAG_UPDATE', nil, 1, 2",
    ],
    waitForAnyEvent: [
        "nil",
        "1",
        "'BAG_UPDATE'",
        "{}",
        "{ 1 }",
        "{ '' }",
        "{ 'BAG_UPDATE', 2 }",
        "{ 'BAG_UPDATE' }, 1",
        "{ 'BAG_UPDATE' }, nil, -1",
        "{ 'BAG_UPDATE' }, nil, 0/0",
        "{ 'BAG_UPDATE' }, nil, 1, 2",
    ],
    waitUntil: ["nil", "1", "'x'", "{}", "true", "0/0", "function() end, -1", "function() end, math.huge", "function() end, 1, 2"],
    outOfCombat: ["1"],
    unrestricted: ["nil", "1", "{}", "true", "''", "'NoSuchRestriction'", "'Combat', 1"],
    cancel: ["nil", "1", "'x'", "{}", "true", "0/0", "T, 'reason', 1"],
    isCancelled: ["nil, 1"],
    defer: ["nil", "1", "'x'", "{}", "true", "function() end", "function() end, 1"],
    cancelAll: ["'reason', 1"],
    latest: ["nil", "1", "'x'", "{}", "true", "0/0", "function() end, 1"],
    // pcall takes anything, as Lua's does (a non-function gives false and Lua's message).
    pcall: [],
    xpcall: ["print", "print, nil", "print, 1", "print, {}"],
    all: ["nil", "1", "'x'", "true", "T", "{ 1 }", "{ T, 'x' }", "{ n = 2, T }", "{ T }, 1"],
    allSettled: ["nil", "1", "'x'", "true", "T", "{ 1 }", "{ T, 'x' }", "{ n = 2, T }", "{ T }, 1"],
    any: ["nil", "1", "'x'", "true", "T", "{ 1 }", "{ T, 'x' }", "{ n = 2, T }", "{ T }, 1"],
    race: ["nil", "1", "'x'", "true", "T", "{}", "{ 1 }", "{ T, 'x' }", "{ n = 2, T }", "{ T }, 1"],
    limit: ["nil", "0", "-1", "1.5", "'2'", "{}", "0/0", "-math.huge", "2, 1"],
    timeout: ["nil", "1", "{}", "T", "T, nil", "T, -1", "T, 0/0", "T, math.huge", "T, 1, 2", "1, 1"],
    delay: ["nil", "'1'", "{}", "-1", "0/0", "math.huge", "1, 'x'", "1, {}"],
    fromPromise: ["nil", "1", "'x'", "{}", "true", "{ ['then'] = 1 }", "T", "{ ['then'] = print }, 1"],
    fromCallback: ["nil", "1", "'x'", "{}", "true", "T", "print, 1"],
    // awaitAny takes any value, as JavaScript's await does.
    awaitAny: ["nil, 1"],
    toPromise: ["nil", "1", "{}", "T, 1", "T, {}, 1"],
    isFuture: ["nil, 1"],
    setBudget: [
        "nil",
        "1",
        "'x'",
        "true",
        "{ ms = 0/0 }",
        "{ ms = math.huge }",
        "{ ms = -1 }",
        "{ ms = 'x' }",
        "{ fraction = 0/0 }",
        "{ fraction = -math.huge }",
        "{ min = -1 }",
        "{ max = 0/0 }",
        "{ x = 1 }",
        "{ ms = 2, fraction = 0.5 }",
        "{ ms = 2 }, 1",
    ],
    traceCreation: ["nil", "1", "'yes'", "{}", "0/0", "false, 1"],
    reportLongSlices: ["nil", "true", "'x'", "{}", "0/0", "math.huge", "0", "-5", "50, 1"],
    errorKind: ["nil, 1"],
    addSourceMap: ["nil, 'x'", "1, 'x'", "'', 'x'", "{}, 'x'", "'src'", "'src', 1", "'src', {}", "'src', 'x', 1"],
    forAddon: ["nil", "1", "{}", "true", "''", "0/0", "'X', 1"],
    Embed: ["nil", "nil, 1", "nil, 'x'", "nil, {}, 1"],
};

/** Runs each bad call through `api`; returns a line per call that did not raise as it should. */
function problemsThrough(this: void, api: Lib, sim: client.Simulator): string[] {
    const problems: string[] = [];
    for (const name of functionNames(api)) {
        const calls = BAD_CALLS[name];
        if (calls === undefined) {
            problems.push(`${name}: no bad calls listed for it`);
            continue;
        }
        for (const args of calls) {
            const task = api.async(() => undefined)();
            const code = `local f, T = ...\nf(${args})`;
            const [ok, err] = attempt(chunk(code), (api as unknown as Record<string, unknown>)[name], task);
            const expected = `caller:2: AsyncAwait: ${name}(`;
            if (ok) {
                problems.push(`${name}(${args}): raised nothing`);
            } else if (string.sub(tostring(err), 1, expected.length) !== expected) {
                problems.push(`${name}(${args}): ${tostring(err)}`);
            }
            // A fresh task still runs to completion afterwards.
            const fresh = api.async(() => "still runs")();
            sim.runFrames(2);
            if (fresh.state !== "dead" || fresh.result?.[1] !== "still runs") {
                problems.push(`${name}(${args}): a fresh task did not run afterwards`);
            }
        }
    }
    return problems;
}

describe("bad input to every public function", () => {
    it("lists a bad call for each function", () => {
        const { AA } = startGame();
        const listed: string[] = [];
        for (const [name] of pairs(BAD_CALLS)) {
            listed.push(name);
        }
        table.sort(listed);
        assert.are.same(functionNames(AA), listed);
    });

    it("raises at the caller's line, naming the function, through the library table", () => {
        const { sim, AA } = startGame();
        assert.are.same([], problemsThrough(AA, sim));
    });

    it("raises the same way through a forAddon handle", () => {
        const { sim, AA } = startGame();
        assert.are.same([], problemsThrough(AA.forAddon("Handle") as Lib, sim));
    });

    it("raises the same way through functions cached from a copy a newer one replaced", () => {
        const sim = client.newSimulator();
        sim.loadAddon(writeAddon("FirstHost"));
        const lib = (sim.env.LibStub as unknown as (major: string) => Lib)("AsyncAwait-1.0");
        const cached = {} as Record<string, unknown>;
        for (const name of functionNames(lib)) {
            cached[name] = (lib as unknown as Record<string, unknown>)[name];
        }
        sim.loadAddon(writeAddon("NewerHost", { patchVersion: "99.0.0" }));
        assert.are.equal("99.0.0", lib.version);
        assert.are.same([], problemsThrough(cached as unknown as Lib, sim));
    });
});
