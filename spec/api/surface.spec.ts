/**
 * One public surface: the library table, every forAddon handle, the TypeScript exports and the
 * README's API table all hold exactly the functions of src/api/surface.ts.
 */
import * as files from "../support/files";
import { freshLibrary } from "../support/fresh";
import type * as Index from "../../src/index";
import type { Api } from "../../src/api/surface";
import { startGame } from "../support/game";
import { functionNames } from "../support/lua";

/** The function names in the first column of the README's API table. */
function readmeNames(this: void): string[] {
    const text = files.read("README.md");
    const [, start] = string.find(text, "\n## API\n", 1, true);
    const [stop] = string.find(text, "\n## ", start! + 1, true);
    const seen = new LuaTable<string, boolean>();
    const names: string[] = [];
    for (const [row] of string.gmatch(string.sub(text, start!, stop), "\n| ([^|]+) |")) {
        for (const [name] of string.gmatch(row, "`(%a+)%(")) {
            if (!seen.has(name)) {
                seen.set(name, true);
                names.push(name);
            }
        }
    }
    table.sort(names);
    return names;
}

const surface = functionNames(freshLibrary().api);

describe("the public surface", () => {
    it("is what the README's API table lists", () => {
        assert.are.same(surface, readmeNames());
    });

    it("is what the library table and every forAddon handle hold", () => {
        const { AA } = startGame();
        assert.are.same(surface, functionNames(AA));
        assert.are.same(surface, functionNames(AA.forAddon("Alpha")));
    });

    it("is what TypeScript addons import (checked when this spec compiles)", () => {
        const same: ExportsMatchSurface = true;
        assert.is_true(same);
    });
});

// The TypeScript exports of src/index.ts that are functions, against the surface's names: the
// spec build fails unless they are the same set. (The package consumer test imports them for real.)
type IndexFunctions = { [K in keyof typeof Index as (typeof Index)[K] extends (...args: never[]) => unknown ? K : never]: true };
type ExportsMatchSurface = [keyof IndexFunctions] extends [keyof Api] ? ([keyof Api] extends [keyof IndexFunctions] ? true : false) : false;
