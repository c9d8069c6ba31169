/**
 * Reports with TypeScript positions: a chunk that registers its line map (as the plugin's
 * output does, finding its own source without the debug library) has its "source:N" positions
 * printed as "file.ts:M" in the error, the traceback and the origin; others are left alone.
 */
import { startGame, writeAddon } from "../support/game";
import { contains as find } from "../support/lua";

/** The registration the plugin appends: the chunk's source from an error position. */
const REGISTER = 'AA.addSourceMap(string.match(select(2, pcall(error, "", 2)), "^(.*):%d+: $"), MAP)';

/** main.lua's lines (line 1 is writeAddon's `local AA = ...`), each as its own map entry says. */
const CODE = [
    REGISTER.replace("MAP", '",,src/a.ts:10,11,,src/b.ts:3,4"'), // 2
    'local function fail() error("mapped failure") end', // 3: src/a.ts:10
    "AA.async(function() fail() end)()", // 4: src/a.ts:11
    'AA.async(function() error("a line of no position") end)()', // 5: no TypeScript position
    'AA.async(function() error("other file") end)()', // 6: src/b.ts:3
    'AA.async(function() AA.yield(); error("after a yield") end)()', // 7: src/b.ts:4
].join("\n");

function reportWith(this: void, errors: unknown[], text: string): string {
    const found = errors.filter((e) => find(e, text)) as string[];
    assert.are.equal(1, found.length, `one report of ${text}: ${(errors as string[]).join("\n----\n")}`);
    return found[0];
}

describe("reports with source maps", () => {
    it("name the TypeScript line of a registered chunk's positions: error, traceback, origin", () => {
        const { sim } = startGame();
        sim.loadAddon(writeAddon("Source-Mapped", { code: CODE }));
        sim.runFrames(3);
        assert.are.equal(4, sim.errors.length, (sim.errors as string[]).join("\n----\n"));
        const mapped = reportWith(sim.errors, "mapped failure");
        assert.is_true(find(mapped, ": src/a.ts:10: mapped failure\n"), mapped);
        assert.is_true(find(mapped, "\nsrc/a.ts:10: in function"), mapped);
        assert.is_true(find(mapped, "\nsrc/a.ts:11: in function"), mapped);
        assert.is_true(find(mapped, "made at src/a.ts:11"), mapped);
        assert.is_false(find(mapped, "Source-Mapped/main.lua:3"), mapped);
        // A line with no TypeScript position keeps its Lua position in the error; a traceback
        // frame there (code the compiler or the bundled library added) is left out.
        const unmapped = reportWith(sim.errors, "a line of no position");
        assert.is_true(find(unmapped, "Source-Mapped/main.lua:5: a line of no position"), unmapped);
        assert.is_false(find(unmapped, "\nInterface/AddOns/Source-Mapped/main.lua:5: in "), unmapped);
        // "file:N" entries switch files; plain "N" entries stay in the last one named.
        assert.is_true(find(reportWith(sim.errors, "other file"), ": src/b.ts:3: other file"));
        assert.is_true(find(reportWith(sim.errors, "after a yield"), ": src/b.ts:4: after a yield"));
    });

    it("leave chunks that registered no map as they are", () => {
        const { sim } = startGame();
        sim.loadAddon(writeAddon("Mapped", { code: REGISTER.replace("MAP", '"a.ts:1,2,3"') }));
        sim.loadAddon(writeAddon("Unmapped", { code: '\nAA.async(function() error("plain") end)()' }));
        sim.runFrames(2);
        assert.are.equal(1, sim.errors.length, (sim.errors as string[]).join("\n----\n"));
        assert.is_true(find(sim.errors[0], "Unmapped/main.lua:3: plain"), sim.errors[0] as string);
    });

    it("come from the copy in charge, whichever copy the chunk registered with", () => {
        const { sim } = startGame();
        sim.loadAddon(
            writeAddon("Early", {
                code: REGISTER.replace("MAP", '"e.ts:1,2,3"') + '\nAA.async(function() AA.nextFrame(); error("late") end)()',
            }),
        );
        sim.loadAddon(writeAddon("Newer", { patchVersion: "9.0.0" }));
        sim.runFrames(3);
        assert.are.equal(1, sim.errors.length, (sim.errors as string[]).join("\n----\n"));
        assert.is_true(find(sim.errors[0], ": e.ts:3: late"), sim.errors[0] as string);
    });
});
