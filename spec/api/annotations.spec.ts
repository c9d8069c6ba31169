/**
 * The LuaLS annotations Lua authors' editors read (AsyncAwait.meta.lua, shipped in the addon
 * folder): valid Lua, and exactly the public functions, each with a doc comment.
 */
import * as files from "../support/files";
import { freshLibrary } from "../support/fresh";
import { ADDON_DIR } from "../support/game";
import { functionNames } from "../support/lua";

const META = "AsyncAwait.meta.lua";

describe("LuaLS annotations", () => {
    it("are valid Lua, shipped in the addon folder", () => {
        const text = files.read(META);
        const [chunk, err] = loadstring(text, `@${META}`);
        assert.is_not_nil(chunk, tostring(err));
        assert.are.equal(text, files.read(`${ADDON_DIR}/${META}`));
    });

    it("annotate every public function, each with a doc comment", () => {
        const text = files.read(META);
        const annotated: string[] = [];
        const undocumented: string[] = [];
        let previous = "";
        for (const [line] of string.gmatch(text, "([^\n]*)\n")) {
            const [name] = string.match(line, "^function AsyncAwait[.:](%a+)%(");
            if (name !== undefined) {
                annotated.push(name);
                if (string.sub(previous, 1, 3) !== "---") {
                    undocumented.push(name);
                }
            }
            previous = line;
        }
        table.sort(annotated);
        assert.are.same(functionNames(freshLibrary().api), annotated);
        assert.are.same([], undocumented);
    });
});
