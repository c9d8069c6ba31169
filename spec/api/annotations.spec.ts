/**
 * The LuaLS annotations Lua authors' editors read (AsyncAwait.meta.lua, and the standalone addon's
 * global in AsyncAwait.standalone.meta.lua, shipped in the addon folder): valid Lua, exactly the
 * public functions, each with a doc comment, every parameter and every return annotated, under
 * the class names `LibStub("AsyncAwait-1.0")` resolves to; and the shipped Lua silent in an
 * editor whose workspace embeds it. (The real language server checks them in `make luals-check`,
 * outside `make test`: it cannot be installed from the registries the build reaches.)
 */
import * as files from "../support/files";
import { freshLibrary } from "../support/fresh";
import { ADDON_DIR } from "../support/game";
import { contains, functionNames } from "../support/lua";
import type { Api } from "../../src/api/surface";
import type { Task } from "../../src/api/types";

const META = "AsyncAwait.meta.lua";
const STANDALONE_META = "AsyncAwait.standalone.meta.lua";

/** An annotated function of the meta file: its signature's parameters and its doc block's tags. */
interface Annotated {
    name: string;
    line: number;
    /** The parameters of the `function AsyncAwait.name(...)` line. */
    signature: string[];
    /** The doc block's `---@param` lines: name (without `?`), whether optional, type. */
    params: { name: string; optional: boolean; type: string }[];
    returns: number;
    described: boolean;
}

/** Each `function AsyncAwait.name(...)` of the meta file, with the `---` lines right above it. */
function annotatedFunctions(this: void, text: string): Annotated[] {
    const found: Annotated[] = [];
    let block: string[] = [];
    let line = 0;
    for (const [current] of string.gmatch(text, "([^\n]*)\n")) {
        line += 1;
        if (string.sub(current, 1, 3) === "---") {
            block.push(current);
            continue;
        }
        const [name, args] = string.match(current, "^function AsyncAwait[.:]([%a_]+)%(([^)]*)%)");
        if (name !== undefined) {
            const signature: string[] = [];
            for (const [arg] of string.gmatch(args!, "[^,%s]+")) {
                signature.push(arg);
            }
            const entry: Annotated = { name, line, signature, params: [], returns: 0, described: false };
            for (const doc of block) {
                const [param, optional, type] = string.match(doc, "^---@param ([%w_.]+)(%??) (%S+)");
                if (param !== undefined) {
                    entry.params.push({ name: param, optional: optional === "?" || param === "...", type: type! });
                } else if (string.match(doc, "^---@return %S")[0] !== undefined) {
                    entry.returns += 1;
                } else if (string.match(doc, "^---[^@]")[0] !== undefined) {
                    entry.described = true;
                }
            }
            found.push(entry);
        }
        block = [];
    }
    return found;
}

/** Whether a function's TypeScript type returns something (compile-time: a wrong entry below does not compile). */
type Returns<F> = F extends (...args: never[]) => infer R ? ([R] extends [void] ? false : true) : never;

/**
 * Which public functions return values, as their TypeScript types say: a key per public function
 * (a missing or extra one does not compile), each value forced by the type.
 */
const RETURNS: { [K in keyof Api]: Returns<Api[K]> } = {
    async: true,
    await: true,
    yield: false,
    schedule: true,
    scheduleAll: false,
    createTask: true,
    startTask: false,
    joinTask: false,
    sleep: true,
    nextFrame: true,
    waitForEvent: true,
    waitForAnyEvent: true,
    waitUntil: true,
    outOfCombat: true,
    unrestricted: true,
    cancel: false,
    isCancelled: true,
    defer: false,
    cancelAll: false,
    latest: true,
    pcall: true,
    xpcall: true,
    all: true,
    allSettled: true,
    any: true,
    race: true,
    limit: true,
    timeout: true,
    delay: true,
    fromPromise: true,
    fromCallback: true,
    toPromise: true,
    awaitAny: true,
    isFuture: true,
    setBudget: false,
    traceCreation: false,
    reportLongSlices: false,
    errorKind: true,
    forAddon: true,
    Embed: true,
    addSourceMap: false,
};

/**
 * The parameters of each signature in the first column of the README's API table
 * (`waitForEvent(event [, filter [, timeout]])`): by function name, one list per row that shows
 * it; a parameter in brackets is optional, a table literal (`{ ms = n }`) has no name.
 */
function readmeSignatures(this: void): Map<string, { name?: string; optional: boolean }[][]> {
    const text = files.read("README.md");
    const [start] = string.find(text, "\n| Function |", 1, true);
    const [stop] = string.find(text, "\n\n", start!, true);
    const signatures = new Map<string, { name?: string; optional: boolean }[][]>();
    for (const [first] of string.gmatch(string.sub(text, start!, stop), "\n| ([^|]+) |")) {
        for (const [name, args] of string.gmatch(first, "`([%w_:]+)(%b())`")) {
            if (string.find(name, ":", 1, true)[0] !== undefined) {
                continue; // a task's method (task:andThen(...)), not a library function
            }
            const params: { name?: string; optional: boolean }[] = [];
            let depth = 0;
            // "fn [, origin]": the bracket opens the next parameter; a table literal is one parameter.
            const [list] = string.gsub(string.gsub(string.sub(args, 2, -2), "%b{}", "{}")[0], "%s*%[%s*,", ",[");
            for (const [token] of string.gmatch(list, "[^,]+")) {
                const [opened] = string.gsub(token, "[^%[]", "");
                const [closed] = string.gsub(token, "[^%]]", "");
                depth += opened.length;
                const [bare] = string.match(token, "^[%s%[]*([%w_.]+)[%s%]]*$");
                params.push({ name: bare, optional: depth > 0 || bare === "..." });
                depth -= closed.length;
            }
            const rows = signatures.get(name) ?? [];
            rows.push(params);
            signatures.set(name, rows);
        }
    }
    return signatures;
}

describe("LuaLS annotations", () => {
    it("are valid Lua, shipped in the addon folder", () => {
        for (const file of [META, STANDALONE_META]) {
            const text = files.read(file);
            const [chunk, err] = loadstring(text, `@${file}`);
            assert.is_not_nil(chunk, tostring(err));
            assert.are.equal(text, files.read(`${ADDON_DIR}/${file}`), file);
        }
    });

    it("annotate every parameter of every public function, as the README's API table names them, and each return", () => {
        const problems: string[] = [];
        const readme = readmeSignatures();
        const functions = annotatedFunctions(files.read(META));
        for (const fn of functions) {
            const where = `${META}:${fn.line}: ${fn.name}`;
            if (!fn.described) {
                problems.push(`${where}: no description`);
            }
            const annotated = fn.params.map((p) => p.name);
            if (annotated.join(", ") !== fn.signature.join(", ")) {
                problems.push(`${where}(${fn.signature.join(", ")}): ---@param for (${annotated.join(", ")})`);
            }
            const returns = (RETURNS as Record<string, boolean | undefined>)[fn.name];
            if (returns === true && fn.returns === 0) {
                problems.push(`${where}: returns values (its TypeScript type says) but has no ---@return`);
            } else if (returns === false && fn.returns > 0) {
                problems.push(`${where}: returns nothing (its TypeScript type says) but has a ---@return`);
            }
            const rows = readme.get(fn.name);
            if (rows === undefined) {
                problems.push(`${where}: not in the README's API table`);
                continue;
            }
            for (const row of rows) {
                row.forEach((param, i) => {
                    const meta = fn.params[i];
                    if (meta === undefined) {
                        problems.push(`${where}: the README's parameter ${i + 1} (${param.name ?? "a table"}) is not annotated`);
                        return;
                    }
                    if (param.optional !== meta.optional) {
                        problems.push(
                            `${where}: ${meta.name} is ${meta.optional ? "" : "not "}optional here, ${param.optional ? "" : "not "}in the README`,
                        );
                    }
                    // One row per function: its names are the annotation's (await has a row per form).
                    if (rows.length === 1 && param.name !== undefined && param.name !== meta.name) {
                        problems.push(`${where}: parameter ${i + 1} is ${meta.name} here, ${param.name} in the README`);
                    }
                });
                for (const extra of fn.params.slice(row.length)) {
                    if (!extra.optional) {
                        problems.push(`${where}: ${extra.name} is required here but not in the README's ${fn.name}(...)`);
                    }
                }
            }
        }
        assert.are.same([], problems);
        assert.are.equal(functionNames(freshLibrary().api).length, functions.length);
    });

    it("use only types they declare, and name the library's class as LibStub and the Ace convention resolve it", () => {
        const text = files.read(META);
        const declared = new Set<string>();
        for (const [name] of string.gmatch(text, "\n---@class ([%w_.%-]+)")) {
            declared.add(name);
        }
        for (const [name] of string.gmatch(text, "\n---@alias ([%w_.%-]+)")) {
            declared.add(name);
        }
        const undeclared: string[] = [];
        for (const [tag, rest] of string.gmatch(text, "\n---@(%a+) ([^\n]*)")) {
            if (tag === "param" || tag === "return" || tag === "field" || tag === "type" || tag === "overload" || tag === "alias") {
                for (const [used] of string.gmatch(rest, "AsyncAwait[%w_.%-]*%w")) {
                    if (!declared.has(used)) {
                        undeclared.push(`---@${tag} ${rest}: ${used}`);
                    }
                }
            }
        }
        assert.are.same([], undeclared);
        // The Ace convention: a library's class is named after its major (`---@class MyAddon : AsyncAwait-1.0`).
        assert.is_true(declared.has("AsyncAwait-1.0"), "---@class AsyncAwait-1.0");
        // The name the annotations gave the class before, kept for authors who wrote it (as a type or a parent).
        assert.is_true(contains(text, "\n---@class AsyncAwait-1.0 : AsyncAwait\n"), "---@class AsyncAwait-1.0 : AsyncAwait");
        // A plain LibStub("AsyncAwait-1.0") (and GetLibrary) resolve to it with no other annotations
        // of LibStub, and agree with the WoW API extension's generic ones when it is there.
        assert.is_true(contains(text, '\n---@overload fun(major: "AsyncAwait-1.0", silent?: boolean): AsyncAwait-1.0\n---@generic T\n'));
        assert.is_true(contains(text, "\n---@return table|T library\nfunction LibStub(major, silent) end\n"));
        assert.is_true(
            contains(text, '\n---@overload fun(self: table, major: "AsyncAwait-1.0", silent?: boolean): AsyncAwait-1.0, number\n'),
        );
        assert.is_true(contains(text, "\nfunction LibStub:GetLibrary(major, silent) end\n"));
        assert.is_true(contains(text, "\n---@return AsyncAwait-1.0\nfunction AsyncAwait.forAddon(name) end\n"));
    });

    it("declare the global AsyncAwait only in the standalone addon's file, as the library", () => {
        // Embedded copies set no global (src/index.ts): the library's own file must not declare one.
        const text = files.read(META);
        for (const [line] of string.gmatch(text, "([^\n]*)\n")) {
            assert.is_nil(string.match(line, "^%s*_G%.AsyncAwait%s*=")[0], line);
            assert.is_nil(string.match(line, "^%s*AsyncAwait%s*=")[0], line);
        }
        const standalone = files.read(STANDALONE_META);
        assert.is_true(contains(standalone, '\n---@type AsyncAwait-1.0\nAsyncAwait = LibStub("AsyncAwait-1.0")\n'));
        // The README gives the configurations that read one file or both.
        const readme = files.read("README.md");
        for (const path of [
            '"Libs/AsyncAwait/AsyncAwait.meta.lua"',
            '"../AsyncAwait/AsyncAwait.meta.lua"',
            '"../AsyncAwait/AsyncAwait.standalone.meta.lua"',
            '"workspace.ignoreDir": ["Libs"]',
        ]) {
            assert.is_true(contains(readme, path), `README: ${path}`);
        }
    });

    it("come with a consumer for the real language server (scripts/luals-check.js): valid Lua, the whole API used correctly", () => {
        const problems: string[] = [];
        for (const file of ["Correct.lua", "Mistakes.lua", "Global.lua"]) {
            const [chunk, err] = loadstring(files.read(`spec/luals/${file}`), `@spec/luals/${file}`);
            if (chunk === undefined) {
                problems.push(tostring(err));
            }
        }
        const correct = files.read("spec/luals/Correct.lua");
        for (const name of functionNames(freshLibrary().api)) {
            if (!contains(correct, `.${name}(`) && !contains(correct, `:${name}(`)) {
                problems.push(`spec/luals/Correct.lua does not call ${name}`);
            }
        }
        assert.are.same([], problems);
    });

    it("leave the shipped Lua silent in an editor: ---@diagnostic disable on its first line, no line moved", () => {
        for (const [built, shipped] of [
            ["build/addon/AsyncAwait.lua", `${ADDON_DIR}/AsyncAwait.lua`],
            ["build/libstub/LibStub.lua", `${ADDON_DIR}/LibStub/LibStub.lua`],
        ]) {
            const source = files.read(built);
            assert.are.equal("\n", string.sub(source, 1, 1), `${built}: TypeScriptToLua's first line is empty`);
            // The bundle's line 2 also ends with the task record's slot names (scripts/slot-header.js
            // checks them against the enum): a comment on a line of its own would move every line.
            const [unstamped] = string.gsub(files.read(shipped), "^([^\n]*\n[^\n]*) %-%- task record slots [^\n]*", "%1", 1);
            assert.are.equal(`---@diagnostic disable${source}`, unstamped, shipped);
        }
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
