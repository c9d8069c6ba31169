// @ts-check
/**
 * The TypeScriptToLua plugin: TypeScript's own async/await, run on AsyncAwait's shared,
 * frame-budgeted scheduler. In a consumer's tsconfig:
 *
 *   "tstl": { "luaPlugins": [{ "name": "wow-asyncawait/plugin", "addon": "MyAddon" }] }
 *
 * TypeScriptToLua compiles every async function as it always does (its own try/catch, return,
 * break and continue handling included); this plugin then rewrites the Lua it made:
 *   - `function(a) return __TS__AsyncAwaiter(function(____awaiter_resolve) BODY end) end`
 *     (an async function, arrow or method) becomes `____AA_async(function(a) BODY end)`: an
 *     AsyncAwait async function, made once where TypeScriptToLua made a closure per call, whose
 *     calls start tasks attributed to `addon` (default: the tsconfig's folder name);
 *   - `__TS__Await(x)` becomes AsyncAwait's `awaitAny(x)`: futures, any promise-like (a
 *     TypeScriptToLua Promise from any bundle) and plain values, as JavaScript awaits them;
 *   - the other `__TS__AsyncAwaiter(function() ... end)` (the blocks of a try/catch/finally
 *     around await) become tasks, chained by the futures' then/catch/finally: no pcall, so
 *     nothing yields across a C boundary on Lua 5.1 (the plugin sets
 *     lua51AllowTryCatchInAsyncAwait for that reason).
 * A prelude in each rewritten file finds the library through LibStub when first needed.
 * Everything else is TypeScriptToLua's own output.
 */
const path = require("path");
const tstl = require("typescript-to-lua");

const lua = tstl;
const AWAITER = "__TS__AsyncAwaiter";
const AWAIT = "__TS__Await";
const RESOLVE = "____awaiter_resolve";
const PROMISE_FEATURES = ["Promise", "PromiseAll", "PromiseAllSettled", "PromiseAny", "PromiseRace"].map((name) => tstl.LuaLibFeature[name]);

/** Whether `node` is a Lua AST node (every node has a numeric kind). */
function isNode(node) {
    return node !== null && typeof node === "object" && typeof node.kind === "number";
}

function isIdentifier(node, text) {
    return isNode(node) && node.kind === lua.SyntaxKind.Identifier && node.text === text;
}

/** `function(a) return __TS__AsyncAwaiter(function(____awaiter_resolve) BODY end) end`: BODY's block, else undefined. */
function asyncBody(fn) {
    const statements = fn.body && fn.body.statements;
    if (!statements || statements.length !== 1) return undefined;
    const ret = statements[0];
    if (ret.kind !== lua.SyntaxKind.ReturnStatement || ret.expressions.length !== 1) return undefined;
    const call = ret.expressions[0];
    if (call.kind !== lua.SyntaxKind.CallExpression || !isIdentifier(call.expression, AWAITER) || call.params.length !== 1) return undefined;
    const inner = call.params[0];
    if (inner.kind !== lua.SyntaxKind.FunctionExpression || !inner.params || inner.params.length !== 1 || !isIdentifier(inner.params[0], RESOLVE)) {
        return undefined;
    }
    return inner.body;
}

/**
 * Rewrites `node` and everything under it in place (see the top of this file); returns the
 * node to put in its place. Counts what it rewrote in `stats`.
 */
function rewrite(node, stats) {
    if (node.kind === lua.SyntaxKind.FunctionExpression) {
        const body = asyncBody(node);
        if (body !== undefined) {
            stats.functions += 1;
            const fn = lua.createFunctionExpression(rewrite(body, stats), node.params, node.dots, lua.NodeFlags.None);
            // Where it is in the TypeScript source, for reports of its tasks' errors.
            const line = typeof node.line === "number" ? `:${node.line + 1}` : "";
            return lua.createCallExpression(lua.createIdentifier("____AA_async"), [fn, lua.createStringLiteral(`${stats.file}${line}`)]);
        }
    }
    for (const key of Object.keys(node)) {
        if (key === "parent") continue;
        const value = node[key];
        if (Array.isArray(value)) {
            const out = [];
            for (const item of value) {
                if (!isNode(item)) {
                    out.push(item);
                    continue;
                }
                const replaced = rewrite(item, stats);
                // `local function f` of an async function: `local f` first, so its body can call f.
                if (Array.isArray(replaced)) out.push(...replaced);
                else out.push(replaced);
            }
            node[key] = out;
        } else if (isNode(value)) {
            node[key] = rewrite(value, stats);
        }
    }
    if (node.kind === lua.SyntaxKind.ReturnStatement && node.expressions.length === 1) {
        // `return ____awaiter_resolve(nil, x)`: the task's body returns x itself.
        const call = node.expressions[0];
        if (call.kind === lua.SyntaxKind.CallExpression && isIdentifier(call.expression, RESOLVE) && call.params.length >= 1) {
            node.expressions = call.params.slice(1);
        }
    } else if (node.kind === lua.SyntaxKind.CallExpression) {
        if (isIdentifier(node.expression, AWAIT)) {
            stats.awaits += 1;
            node.expression = lua.createIdentifier("____AA_await");
        } else if (isIdentifier(node.expression, AWAITER)) {
            stats.blocks += 1;
            node.expression = lua.createIdentifier("____AA_run");
        }
    } else if (node.kind === lua.SyntaxKind.VariableDeclarationStatement) {
        // The lualib imports of what this plugin replaced.
        if (node.left.length === 1 && (isIdentifier(node.left[0], AWAITER) || isIdentifier(node.left[0], AWAIT))) {
            return [];
        }
        if (node.left.length === 1 && node.right && node.right.length === 1 && isAsyncCall(node.right[0])) {
            return [
                lua.createVariableDeclarationStatement(node.left[0]),
                lua.createAssignmentStatement(lua.cloneIdentifier(node.left[0]), node.right[0]),
            ];
        }
    }
    return node;
}

function isAsyncCall(node) {
    return node.kind === lua.SyntaxKind.CallExpression && isIdentifier(node.expression, "____AA_async");
}

/** The Lua each rewritten file starts with: how it reaches the library. */
function prelude(addon) {
    const name = JSON.stringify(addon);
    return `-- AsyncAwait: async/await on the shared scheduler (wow-asyncawait/plugin).
local ____AA_lib
local function ____AA_library()
    if ____AA_lib == nil then
        local lib = LibStub and LibStub("AsyncAwait-1.0", true)
        if not lib then
            error("AsyncAwait: an async function of ${addon} needs the AsyncAwait library: load the AsyncAwait addon or a copy embedding it first (or import wow-asyncawait)", 3)
        end
        ____AA_lib = lib.forAddon(${name})
    end
    return ____AA_lib
end
local function ____AA_async(fn, origin)
    if LibStub and LibStub("AsyncAwait-1.0", true) then
        return ____AA_library().async(fn, origin)
    end
    local wrapped
    return function(...)
        wrapped = wrapped or ____AA_library().async(fn, origin)
        return wrapped(...)
    end
end
local ____AA_taskMeta, ____AA_awaitFuture, ____AA_awaitAny
local ____AA_getmetatable, ____AA_type = getmetatable, type
local function ____AA_await(value)
    -- JavaScript's await. A future is awaited directly once its metatable is known (the task
    -- metatable every copy of the library shares); a plain value passes through.
    local meta = ____AA_getmetatable(value)
    if meta == ____AA_taskMeta and meta ~= nil then
        return ____AA_awaitFuture(value)
    end
    if ____AA_type(value) ~= "table" then
        return value
    end
    local lib = ____AA_library()
    if ____AA_taskMeta == nil and lib.isFuture(value) then
        ____AA_taskMeta, ____AA_awaitFuture = meta, lib.await
        return ____AA_awaitFuture(value)
    end
    ____AA_awaitAny = ____AA_awaitAny or lib.awaitAny
    return ____AA_awaitAny(value)
end
local function ____AA_run(fn)
    local lib = ____AA_library()
    local task = lib.createTask(fn)
    lib.startTask(task)
    return task
end
local function ${RESOLVE}(_, ...)
    return ...
end
local function ____AA_adopt(Promise, Symbol)
    -- TypeScriptToLua's Promise adopts only its instances (Promise.all, resolve(x), then's
    -- return values): futures count as instances too. They answer then and addCallbacks.
    if rawget(Promise, Symbol.hasInstance) ~= nil then
        return
    end
    Promise[Symbol.hasInstance] = function(cls, value)
        if type(value) ~= "table" then
            return false
        end
        local class = value.constructor
        while class ~= nil do
            if class == cls then
                return true
            end
            class = class.____super
        end
        local lib = LibStub and LibStub("AsyncAwait-1.0", true)
        return lib ~= nil and lib.isFuture(value)
    end
end
`;
}

/**
 * The plugin. Options (besides `name`): `addon`, the addon the tasks are attributed to (see
 * forAddon); by default the name of the folder holding the tsconfig.
 */
module.exports = function asyncAwaitPlugin(options = {}) {
    /** Files whose Lua was rewritten, by source file name. */
    const rewritten = new Set();
    let addon = options.addon;
    return {
        beforeTransform(program, compilerOptions) {
            // try/catch around await becomes tasks chained by then/catch/finally: no pcall.
            compilerOptions.lua51AllowTryCatchInAsyncAwait = true;
            program.getCompilerOptions().lua51AllowTryCatchInAsyncAwait = true;
            if (addon === undefined) {
                const config = compilerOptions.configFilePath;
                addon = config ? path.basename(path.dirname(String(config))) : "AsyncAwait";
            }
        },
        visitors: {
            [require("typescript").SyntaxKind.SourceFile]: (node, context) => {
                const [file] = context.superTransformNode(node);
                const root = context.options.configFilePath ? path.dirname(String(context.options.configFilePath)) : process.cwd();
                const stats = { functions: 0, awaits: 0, blocks: 0, file: path.relative(root, node.fileName).split(path.sep).join("/") };
                rewrite(file, stats);
                const features = file.luaLibFeatures;
                if (features && PROMISE_FEATURES.some((f) => features.has(f))) {
                    // This file's Promises (Promise.all...) take futures as the promises they are.
                    features.add(tstl.LuaLibFeature.Promise);
                    features.add(tstl.LuaLibFeature.Symbol);
                    file.statements.unshift(
                        lua.createExpressionStatement(
                            lua.createCallExpression(lua.createIdentifier("____AA_adopt"), [
                                lua.createIdentifier("__TS__Promise"),
                                lua.createIdentifier("Symbol"),
                            ]),
                        ),
                    );
                    stats.blocks += 1;
                }
                if (stats.functions + stats.awaits + stats.blocks > 0) {
                    rewritten.add(path.resolve(node.fileName));
                    // Only the plugin's runtime is needed now, not TypeScriptToLua's promise machinery.
                    if (file.luaLibFeatures && !usesIdentifier(file, AWAITER) && !usesIdentifier(file, AWAIT)) {
                        file.luaLibFeatures.delete(tstl.LuaLibFeature.Await);
                    }
                }
                return file;
            },
        },
        afterPrint(program, compilerOptions, emitHost, result) {
            for (const file of result) {
                if (rewritten.has(path.resolve(file.fileName))) {
                    const text = prelude(addon);
                    file.code = text + file.code;
                    // A bundle is built from the source map node, not from `code`.
                    if (file.sourceMapNode) file.sourceMapNode.prepend(text);
                }
            }
        },
    };
};

function usesIdentifier(node, text) {
    if (isIdentifier(node, text)) return true;
    for (const key of Object.keys(node)) {
        const value = node[key];
        if (Array.isArray(value)) {
            if (value.some((item) => isNode(item) && usesIdentifier(item, text))) return true;
        } else if (isNode(value) && usesIdentifier(value, text)) {
            return true;
        }
    }
    return false;
}
