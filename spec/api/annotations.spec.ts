/**
 * The LuaLS annotations Lua authors' editors read (AsyncAwait.meta.lua, shipped in the addon
 * folder): valid Lua, and exactly the public functions, each with a doc comment.
 */
import * as files from "../support/files";
import { freshLibrary } from "../support/fresh";
import { ADDON_DIR } from "../support/game";
import { contains, functionNames } from "../support/lua";
import type { Task } from "../../src/api/types";

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

    it("annotate the promise methods every task answers, which the TypeScript Task type and the README list too", () => {
        // Typed: each name must be a key of Task, or this spec does not compile.
        const methods: (keyof Task)[] = ["andThen", "then", "catch", "finally"];
        const text = files.read(META);
        const readme = files.read("README.md");
        const task = freshLibrary().api.async(() => 1)() as unknown as { [name: string]: unknown };
        const missing: string[] = [];
        for (const name of methods) {
            if (type(task[name]) !== "function") {
                missing.push(`${name}: not a method of a task`);
            }
            if (!contains(text, `---@field ${name} fun(self: AsyncAwait.Task`)) {
                missing.push(`${name}: no ---@field in ${META}`);
            }
            if (!contains(readme, `\`task:${name}(`) && !contains(readme, `and \`${name}\` |`)) {
                missing.push(`${name}: not in the README's API table`);
            }
        }
        assert.are.same([], missing);
    });
});
