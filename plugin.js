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
 *     calls start tasks attributed to `addon` (default: the tsconfig's folder name). A task
 *     starts as JavaScript starts an async function: its body runs inside the call up to its
 *     first await (the library's startNow), then from the scheduler; `start: "deferred"`
 *     queues every task instead, as the Lua API's async does;
 *   - `__TS__Await(x)` becomes AsyncAwait's `awaitAny(x)`: futures, any promise-like (a
 *     TypeScriptToLua Promise from any bundle) and plain values, as JavaScript awaits them;
 *   - `return ____awaiter_resolve(nil, x)` becomes `return x` where x's TypeScript type is one
 *     no promise has, else `return ____AA_return(x)`, which adopts a returned future or
 *     promise-like (JavaScript's resolve);
 *   - the other `__TS__AsyncAwaiter(function() ... end)` (the blocks of a try/catch/finally
 *     around await) become tasks started the same way, chained by ____AA_catch/____AA_finally:
 *     no pcall, so nothing yields across a C boundary on Lua 5.1 (the plugin sets
 *     lua51AllowTryCatchInAsyncAwait for that reason);
 *   - `__TS__UsingAsync(nil, block, ...)` (`await using`, and `using` in an async function)
 *     becomes `____AA_using(Symbol, block, ...)`: the block as a task, then the disposals.
 * A prelude in each rewritten file finds the library through LibStub when first needed (its
 * source map is moved down by the prelude's lines). Every emitted file, bundle or not, rewritten
 * or not, registers its line map (Lua line -> .ts line) with the library on its last lines, so
 * that reports name the .ts file and line (see addLineMap). Lua of a shape the plugin does not
 * know (another TypeScriptToLua) fails the build with an error naming the function (see
 * shapeDiagnostics) rather than running as something else. Everything else is TypeScriptToLua's
 * own output.
 */
const path = require("path");
const tstl = require("typescript-to-lua");

/** @typedef {import("typescript-to-lua").Plugin} Plugin */
/** @typedef {import("typescript-to-lua").TransformationContext} TransformationContext */
/**
 * The plugin's options in the tsconfig's luaPlugins entry (besides `name`).
 * @typedef {{ addon?: string, start?: "eager" | "deferred", rewrite?: boolean }} Options
 */
/**
 * What the rewrite of one file found and rewrote: counts, the (0-based) lines of the async
 * functions it rewrote, and those of `__TS__AsyncAwaiter` calls of a shape it does not know.
 * @typedef {{ functions: number, awaits: number, blocks: number, usings: number, file: string, lines: Set<number>, unknown: number[] }} Stats
 */
/**
 * A Lua AST node seen by the generic walk, which reads and replaces its children by key.
 * @typedef {import("typescript-to-lua").Node & Record<string | symbol, any>} AnyNode
 */

const lua = tstl;
const AWAITER = "__TS__AsyncAwaiter";
const AWAIT = "__TS__Await";
const RESOLVE = "____awaiter_resolve";
const USING_ASYNC = "__TS__UsingAsync";
const TRY = "____try";
/** Set on a `____awaiter_resolve(nil, x)` call whose x is of a plain type (see isPlainType). */
const PLAIN = Symbol("plain return");
const ts = require("typescript");
const START_MODES = ["eager", "deferred"];
const PROMISE_FEATURES = [
    tstl.LuaLibFeature.Promise,
    tstl.LuaLibFeature.PromiseAll,
    tstl.LuaLibFeature.PromiseAllSettled,
    tstl.LuaLibFeature.PromiseAny,
    tstl.LuaLibFeature.PromiseRace,
];

/**
 * Whether `node` is a Lua AST node (every node has a numeric kind).
 * @param {unknown} node
 * @returns {node is AnyNode}
 */
function isNode(node) {
    return node !== null && typeof node === "object" && typeof (/** @type {{ kind?: unknown }} */ (node).kind) === "number";
}

/**
 * @param {unknown} node
 * @param {string} text
 * @returns {node is import("typescript-to-lua").Identifier}
 */
function isIdentifier(node, text) {
    return isNode(node) && node.kind === lua.SyntaxKind.Identifier && node.text === text;
}

/**
 * `function(a) return __TS__AsyncAwaiter(function(____awaiter_resolve) BODY end) end`: BODY's block, else undefined.
 * @param {import("typescript-to-lua").FunctionExpression} fn
 * @returns {import("typescript-to-lua").Block | undefined}
 */
function asyncBody(fn) {
    const statements = fn.body && fn.body.statements;
    if (!statements || statements.length !== 1) return undefined;
    const ret = statements[0];
    if (!lua.isReturnStatement(ret) || ret.expressions.length !== 1) return undefined;
    const call = ret.expressions[0];
    if (!lua.isCallExpression(call) || !isIdentifier(call.expression, AWAITER) || call.params.length !== 1) return undefined;
    const inner = call.params[0];
    if (!lua.isFunctionExpression(inner) || !inner.params || inner.params.length !== 1 || !isIdentifier(inner.params[0], RESOLVE)) {
        return undefined;
    }
    return inner.body;
}

/**
 * Rewrites `node` and everything under it in place (see the top of this file); returns the
 * node to put in its place. Counts what it rewrote in `stats`.
 * @param {AnyNode} node
 * @param {Stats} stats
 * @returns {AnyNode | AnyNode[]}
 */
function rewrite(node, stats) {
    if (lua.isFunctionExpression(node)) {
        const body = asyncBody(node);
        if (body !== undefined) {
            stats.functions += 1;
            if (typeof node.line === "number") stats.lines.add(node.line);
            const fn = lua.createFunctionExpression(
                /** @type {import("typescript-to-lua").Block} */ (rewrite(body, stats)),
                node.params,
                node.dots,
                lua.NodeFlags.None,
            );
            // Its TypeScript position, for the source map ("in function <main.ts:12>" in reports).
            lua.setNodePosition(fn, { line: node.line, column: node.column });
            // Where it is in the TypeScript source, for reports of its tasks' errors.
            const line = typeof node.line === "number" ? `:${node.line + 1}` : "";
            /** @type {import("typescript-to-lua").Expression[]} */
            const args = [fn, lua.createStringLiteral(`${stats.file}${line}`)];
            // A body that calls nothing cannot suspend: its calls complete it in the call, with no coroutine.
            if (!callsAnything(fn.body)) args.push(lua.createBooleanLiteral(true));
            return lua.createCallExpression(lua.createIdentifier("____AA_async"), args);
        }
    }
    for (const key of Object.keys(node)) {
        if (key === "parent") continue;
        const value = node[key];
        if (Array.isArray(value)) {
            /** @type {unknown[]} */
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
        // `return ____awaiter_resolve(nil, x)`: the task's body returns x itself, or, unless x's
        // type is one no promise has, what x settles with (a returned future or promise is
        // adopted, as JavaScript's resolve adopts it).
        const call = node.expressions[0];
        if (call.kind === lua.SyntaxKind.CallExpression && isIdentifier(call.expression, RESOLVE) && call.params.length >= 1) {
            const values = call.params.slice(1);
            node.expressions =
                values.length === 1 && !call[PLAIN] ? [lua.createCallExpression(lua.createIdentifier("____AA_return"), values)] : values;
        }
    } else if (node.kind === lua.SyntaxKind.CallExpression) {
        const usingBlock = node.params[1];
        if (isIdentifier(node.expression, USING_ASYNC) && node.params.length >= 2 && isAsyncCall(usingBlock)) {
            // `await using` (and `using` in an async function): the block in this task's frame of
            // tasks, its resources disposed once it has settled (see ____AA_using).
            stats.usings += 1;
            node.expression = lua.createIdentifier("____AA_using");
            node.params = [lua.createIdentifier("Symbol"), usingBlock.params[0], ...node.params.slice(2)];
        } else if (isTryChain(node)) {
            // `____try.catch(____try, f)` of a try/catch around await: chained as a try block is,
            // synchronously where nothing waits, not as a promise's callbacks (a pass later).
            const method = node.expression.index.value;
            node.expression = lua.createIdentifier(method === "catch" ? "____AA_catch" : "____AA_finally");
        } else if (isIdentifier(node.expression, AWAIT)) {
            stats.awaits += 1;
            // The wait for a try statement's chain or a using block is no await of the source's:
            // it suspends only when they do.
            const waited = node.params[0];
            const internal =
                isIdentifier(waited, TRY) ||
                (isNode(waited) && waited.kind === lua.SyntaxKind.CallExpression && isIdentifier(waited.expression, "____AA_using"));
            node.expression = lua.createIdentifier(internal ? "____AA_join" : "____AA_await");
        } else if (isIdentifier(node.expression, AWAITER)) {
            // A block (of a try statement around await) is `__TS__AsyncAwaiter(function() ... end)`;
            // anything else is TypeScriptToLua output this plugin does not know (see shapeDiagnostics).
            const block = node.params[0];
            if (node.params.length !== 1 || !lua.isFunctionExpression(block) || (block.params && block.params.length > 0) || block.dots) {
                stats.unknown.push(typeof node.line === "number" ? node.line : -1);
            }
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

/**
 * Whether Lua code calls a function (or method) itself, functions it only defines aside: code
 * that calls nothing cannot yield, since Lua 5.1 yields from no metamethod.
 * @param {AnyNode} node
 * @returns {boolean}
 */
function callsAnything(node) {
    if (node.kind === lua.SyntaxKind.CallExpression || node.kind === lua.SyntaxKind.MethodCallExpression) return true;
    for (const key of Object.keys(node)) {
        if (key === "parent") continue;
        const value = node[key];
        const children = Array.isArray(value) ? value : [value];
        for (const child of children) {
            if (isNode(child) && child.kind !== lua.SyntaxKind.FunctionExpression && callsAnything(child)) return true;
        }
    }
    return false;
}

/**
 * @param {unknown} node
 * @returns {node is import("typescript-to-lua").CallExpression}
 */
function isAsyncCall(node) {
    return isNode(node) && node.kind === lua.SyntaxKind.CallExpression && isIdentifier(node.expression, "____AA_async");
}

/**
 * `____try.catch(____try, f)` or `____try.finally(____try, f)`: TypeScriptToLua's chain of a try statement.
 * @param {AnyNode} node
 */
function isTryChain(node) {
    const callee = node.expression;
    return (
        callee.kind === lua.SyntaxKind.TableIndexExpression &&
        isIdentifier(callee.table, TRY) &&
        callee.index.kind === lua.SyntaxKind.StringLiteral &&
        (callee.index.value === "catch" || callee.index.value === "finally") &&
        node.params.length === 2 &&
        isIdentifier(node.params[0], TRY)
    );
}

/**
 * Whether a value of TypeScript type `type` can never be a promise or a future (a number, a
 * string, nothing...): an async function returning one returns it as it is, with no check.
 * @param {import("typescript").Type} type
 * @returns {boolean}
 */
function isPlainType(type) {
    if (type.isUnion()) return type.types.every(isPlainType);
    const F = ts.TypeFlags;
    const plain = F.NumberLike | F.StringLike | F.BooleanLike | F.BigIntLike | F.Undefined | F.Null | F.Void | F.ESSymbolLike | F.Never;
    return (type.flags & plain) !== 0;
}

/**
 * Marks the `return ____awaiter_resolve(nil, x)` among `statements` (top level) when x is plain.
 * @param {readonly import("typescript-to-lua").Statement[]} statements
 * @param {import("typescript").Expression | undefined} expression
 * @param {TransformationContext} context
 */
function markPlainReturn(statements, expression, context) {
    if (!expression || !isPlainType(context.checker.getTypeAtLocation(expression))) return;
    for (const statement of statements) {
        if (lua.isReturnStatement(statement) && statement.expressions.length === 1) {
            const call = statement.expressions[0];
            if (lua.isCallExpression(call) && isIdentifier(call.expression, RESOLVE)) /** @type {AnyNode} */ (call)[PLAIN] = true;
        }
    }
}

/**
 * The Lua each rewritten file starts with: how it reaches the library.
 * @param {string} addon
 * @param {string} start
 */
function prelude(addon, start) {
    const name = JSON.stringify(addon);
    return `-- AsyncAwait: async/await on the shared scheduler (wow-asyncawait/plugin).
local ____AA_lib, ____AA_newTask, ____AA_startNew, ____AA_completeNew, ____AA_awaitTask, ____AA_owner, ____AA_start, ____AA_yield
-- Starts inside a call under way (the library's; see ____AA_await).
local ____AA_eager = { depth = 0 }
local function ____AA_library()
    if ____AA_lib == nil then
        local lib = LibStub and LibStub("AsyncAwait-1.0", true)
        if not lib then
            error("AsyncAwait: an async function of ${addon} needs the AsyncAwait library: load the AsyncAwait addon or a copy embedding it first (or import wow-asyncawait)", 3)
        end
        ____AA_lib = lib.forAddon(${name})
        ____AA_start, ____AA_yield = ____AA_lib.startTask, ____AA_lib.yield
        -- As JavaScript starts an async function: its body runs in the call, up to its first
        -- await, where the library can (the "start" option: "${start}").
        local core = ${start === "eager" ? "lib._state and lib._state.core" : "nil"}
        if core and core.startNow and core.eagerState then
            ____AA_newTask, ____AA_owner, ____AA_start = core.newTask, core.ownerNamed(${name}), core.startNow
            -- (a task made and started in one call, one run to its end, the await of a future as
            -- such, where the library has them)
            ____AA_startNew, ____AA_completeNew, ____AA_awaitTask = core.startNew, core.completeNew, core.awaitTask
            ____AA_eager = core.eagerState()
        end
    end
    return ____AA_lib
end
local function ____AA_make(fn, origin, callsNothing)
    local deferred = ____AA_library().async(fn, origin) -- (it records where fn is made, for reports)
    if ____AA_newTask == nil then
        return deferred
    end
    local startNew, owner = ____AA_startNew, ____AA_owner
    if callsNothing and ____AA_completeNew ~= nil then
        startNew = ____AA_completeNew -- (its body cannot suspend: see ____AA_async)
    end
    if startNew ~= nil then
        return function(...)
            return startNew(owner, fn, ...)
        end
    end
    local newTask, start = ____AA_newTask, ____AA_start
    return function(...)
        local task = newTask("pending", owner, fn, ...)
        start(task)
        return task
    end
end
local function ____AA_async(fn, origin, callsNothing)
    -- callsNothing: fn's Lua calls no function, so its body cannot suspend (Lua 5.1 yields from
    -- no metamethod): its tasks run to their end in the call, with no coroutine.
    if LibStub and LibStub("AsyncAwait-1.0", true) then
        return ____AA_make(fn, origin, callsNothing)
    end
    local wrapped
    return function(...)
        wrapped = wrapped or ____AA_make(fn, origin, callsNothing)
        return wrapped(...)
    end
end
local ____AA_taskMeta, ____AA_awaitFuture, ____AA_awaitAny
local ____AA_getmetatable, ____AA_type = getmetatable, type
local function ____AA_await(value)
    -- JavaScript's await. A future is awaited directly once its metatable is known (the task
    -- metatable every copy of the library shares); a plain value passes through. While its
    -- body runs inside the call that started it, a task's await always returns to that caller
    -- (JavaScript's first await does), though what it awaits is ready.
    if value == nil then
        -- (the await of a call that returns nothing, such as yield(): no type to ask for)
        if ____AA_eager.depth > 0 then
            ____AA_yield()
        end
        return nil
    end
    local meta = ____AA_getmetatable(value)
    if meta == ____AA_taskMeta and meta ~= nil then
        if ____AA_eager.depth > 0 and value.state == "dead" then
            ____AA_yield()
        end
        return ____AA_awaitFuture(value)
    end
    if ____AA_type(value) ~= "table" then
        if ____AA_eager.depth > 0 then
            ____AA_yield()
        end
        return value
    end
    local lib = ____AA_library()
    if ____AA_taskMeta == nil and lib.isFuture(value) then
        ____AA_taskMeta, ____AA_awaitFuture = meta, ____AA_awaitTask or lib.await
        return ____AA_await(value)
    end
    if ____AA_eager.depth > 0 then
        ____AA_yield()
    end
    ____AA_awaitAny = ____AA_awaitAny or lib.awaitAny
    return ____AA_awaitAny(value)
end
local function ____AA_return(value)
    -- An async function's return value whose type a promise may have: a future or any
    -- promise-like is adopted (its outcome becomes this task's), as JavaScript's resolve does.
    if ____AA_type(value) == "table" and ____AA_type(value["then"]) == "function" then
        return ____AA_await(value)
    end
    return value
end
local function ____AA_run(fn, ...)
    local task = ____AA_library().createTask(fn, ...)
    ____AA_start(task)
    return task
end
local function ____AA_join(task)
    -- The wait for a try statement's chain or a using block: it suspends only if they do.
    return ____AA_lib.await(task)
end
local function ____AA_settle(task)
    -- Waits for a task without raising: true and its values, or false and its error (it is
    -- dead by the pcall: nothing yields inside it).
    ____AA_lib.joinTask(task)
    return pcall(____AA_lib.await, task)
end
local function ____AA_catch(try, onError)
    -- A try block's catch: the catch block's task, started once the try block has failed.
    return ____AA_run(function()
        local ok, err = ____AA_settle(try)
        if not ok then
            return ____AA_lib.await(onError(nil, err))
        end
    end)
end
local function ____AA_finally(try, onFinally)
    return ____AA_run(function()
        local ok, err = ____AA_settle(try)
        ____AA_lib.await(onFinally())
        if not ok then
            error(err, 0)
        end
    end)
end
local function ____AA_dispose(resource, Symbol)
    local asyncDispose = resource[Symbol.asyncDispose]
    if asyncDispose ~= nil then
        return ____AA_await(asyncDispose(resource))
    end
    resource[Symbol.dispose](resource)
end
local function ____AA_using(Symbol, block, ...)
    -- \`await using\` (and \`using\` in an async function): the block runs as a task; once it has
    -- settled, each resource is disposed, last first (an async disposal awaited). The block's
    -- error, or the first disposal error, is the outcome; a disposal error after another is
    -- a SuppressedError of both, as in JavaScript.
    local n, resources = select("#", ...), { ... }
    local body = ____AA_run(block, ...)
    return ____AA_run(function()
        local results = { ____AA_settle(body) }
        local ok, err = results[1], results[2]
        for i = n, 1, -1 do
            if resources[i] ~= nil then
                local disposed, problem = ____AA_settle(____AA_run(____AA_dispose, resources[i], Symbol))
                if not disposed then
                    if not ok then
                        problem = { name = "SuppressedError", message = "An error was suppressed during disposal.", error = problem, suppressed = err }
                    end
                    ok, err = false, problem
                end
            end
        end
        if not ok then
            error(err, 0)
        end
        return results[2]
    end)
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
 * forAddon); by default the name of the folder holding the tsconfig. `start`: "eager" (the
 * default: a body runs in the call up to its first await, as in JavaScript) or "deferred"
 * (every body starts when the scheduler runs its task). `rewrite`: false leaves async functions
 * as TypeScriptToLua compiles them and only registers each file's line map (`.ts` positions in
 * the library's reports, for code compiled without the rewrite).
 * @param {Options} [options]
 * @returns {Plugin}
 */
module.exports = function asyncAwaitPlugin(options = {}) {
    /** Files whose Lua was rewritten, by source file name. */
    const rewritten = new Set();
    /** @type {string | undefined} */
    let addon = options.addon;
    const start = options.start === undefined ? "eager" : options.start;
    if (!START_MODES.includes(start)) {
        throw new Error(`wow-asyncawait/plugin: "start" must be "eager" or "deferred", got ${JSON.stringify(options.start)}`);
    }
    if (options.rewrite !== undefined && typeof options.rewrite !== "boolean") {
        throw new Error(`wow-asyncawait/plugin: "rewrite" must be true or false, got ${JSON.stringify(options.rewrite)}`);
    }
    if (options.rewrite === false) {
        // Line maps only: TypeScriptToLua's own async functions, positions of .ts files in reports.
        return {
            beforeEmit(program, compilerOptions, emitHost, result) {
                for (const file of result) addLineMap(program, file);
            },
        };
    }
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
            [ts.SyntaxKind.ReturnStatement]: (/** @type {import("typescript").ReturnStatement} */ node, context) => {
                const statements = context.superTransformStatements(node);
                markPlainReturn(statements, node.expression, context);
                return statements;
            },
            [ts.SyntaxKind.ArrowFunction]: (/** @type {import("typescript").ArrowFunction} */ node, context) => {
                const fn = context.superTransformExpression(node);
                const body = !ts.isBlock(node.body) && lua.isFunctionExpression(fn) ? asyncBody(fn) : undefined;
                if (body !== undefined && !ts.isBlock(node.body)) markPlainReturn(body.statements, node.body, context);
                return fn;
            },
            [ts.SyntaxKind.SourceFile]: (/** @type {import("typescript").SourceFile} */ node, context) => {
                const file = /** @type {import("typescript-to-lua").File & AnyNode} */ (context.superTransformNode(node)[0]);
                const root = context.options.configFilePath ? path.dirname(String(context.options.configFilePath)) : process.cwd();
                /** @type {Stats} */
                const stats = {
                    functions: 0,
                    awaits: 0,
                    blocks: 0,
                    usings: 0,
                    file: path.relative(root, node.fileName).split(path.sep).join("/"),
                    lines: new Set(),
                    unknown: [],
                };
                rewrite(file, stats);
                // (the file as parsed: TypeScriptToLua's pre-transforms make nodes of no position)
                const parsed = ts.getParseTreeNode(node, ts.isSourceFile) ?? node;
                context.diagnostics.push(...shapeDiagnostics(parsed, stats));
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
                    if (file.luaLibFeatures && stats.usings > 0) {
                        file.luaLibFeatures.add(tstl.LuaLibFeature.Symbol); // ____AA_using's Symbol.dispose
                        if (!usesIdentifier(file, USING_ASYNC)) file.luaLibFeatures.delete(tstl.LuaLibFeature.UsingAsync);
                    }
                }
                return file;
            },
        },
        afterPrint(program, compilerOptions, emitHost, result) {
            for (const file of result) {
                if (rewritten.has(path.resolve(file.fileName))) {
                    const text = prelude(String(addon), start);
                    file.code = text + file.code;
                    // A bundle is built from the source map node, not from `code`.
                    if (file.sourceMapNode) file.sourceMapNode.prepend(text);
                    // A file is emitted with the map TypeScriptToLua printed: its lines move down.
                    shiftLines(file, text.split("\n").length - 1);
                }
            }
        },
        beforeEmit(program, compilerOptions, emitHost, result) {
            for (const file of result) addLineMap(program, file);
        },
    };
};

/** Base64 digits of source map VLQs. */
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * For each line of a source map's generated code (from line 1), its first mapped position:
 * [source index, original line (0-based)], or undefined for a line with none.
 * @param {string} mappings
 * @returns {([number, number] | undefined)[]}
 */
function firstPositions(mappings) {
    /** @type {([number, number] | undefined)[]} */
    const lines = [];
    // Source index, original line and column are relative to the previous segment's, across lines.
    const state = [0, 0, 0, 0];
    for (const line of mappings.split(";")) {
        /** @type {[number, number] | undefined} */
        let first;
        state[0] = 0;
        for (const segment of line.split(",")) {
            if (segment === "") continue;
            let field = 0;
            let value = 0;
            let shift = 0;
            for (const char of segment) {
                const digit = BASE64.indexOf(char);
                value += (digit & 31) << shift;
                if (digit & 32) {
                    shift += 5;
                } else {
                    state[field] += value & 1 ? -(value >>> 1) : value >>> 1;
                    field += 1;
                    value = 0;
                    shift = 0;
                }
            }
            if (field >= 4 && first === undefined) first = [state[1], state[2]];
        }
        lines.push(first);
    }
    return lines;
}

/**
 * The line map of an emitted file (see src/wow/sourcemaps.ts): for each Lua line, "" or the
 * TypeScript line it comes from, "file:N" where the file changes; undefined if no line maps.
 * File names are relative to the tsconfig's folder, as the plugin's origins are.
 * @param {import("typescript").Program} program
 * @param {string} sourceMap
 */
function lineMap(program, sourceMap) {
    const map = JSON.parse(sourceMap);
    const config = program.getCompilerOptions().configFilePath;
    const root = config ? path.dirname(String(config)) : program.getCurrentDirectory();
    const files = program.getSourceFiles().map((f) => f.fileName.split(path.sep).join("/"));
    // A source is relative to the Lua file its module would be emitted as: find it by its tail.
    const names = /** @type {string[]} */ (map.sources).map((source) => {
        const tail = source.replace(/\\/g, "/").replace(/^(\.\.?\/)+/, "");
        const found = files.find((f) => f === tail || f.endsWith(`/${tail}`));
        return found !== undefined ? path.relative(root, found).split(path.sep).join("/") : tail;
    });
    let current = -1;
    let mapped = false;
    const entries = firstPositions(String(map.mappings)).map((position) => {
        if (position === undefined) return "";
        mapped = true;
        const [source, line] = position;
        if (source === current) return String(line + 1);
        current = source;
        return `${names[source]}:${line + 1}`;
    });
    while (entries.length > 0 && entries[entries.length - 1] === "") entries.pop();
    return mapped ? entries.join(",") : undefined;
}

/**
 * Appends to an emitted Lua file the registration of its line map with the library (a TS
 * addon's reports then name the .ts file and line: src/wow/sourcemaps.ts), on lines already
 * there so that no line moves: before the file's final `return` (the bundle's: both before and
 * after its entry module runs, which may load the library), or after its last line.
 * @param {import("typescript").Program} program
 * @param {import("typescript-to-lua").EmitFile} file
 */
function addLineMap(program, file) {
    if (file.sourceMap === undefined) return;
    const map = lineMap(program, file.sourceMap);
    if (map === undefined) return;
    const quoted = `"${map.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
    // The chunk's source as error positions print it: the client has no debug library.
    const register =
        `local ____AA_registry = LibStub and LibStub("AsyncAwait-1.0", true) ` +
        `if ____AA_registry and ____AA_registry.addSourceMap then ` +
        `____AA_registry.addSourceMap(string.match(select(2, pcall(error, "", 2)), "^(.*):%d+: $"), ${quoted}) end`;
    const lines = file.code.split("\n");
    const entry = lines.findIndex((line) => line.startsWith("local ____entry = require("));
    if (entry >= 0 && lines[entry + 1] === "return ____entry") {
        lines[entry] = `local function ____AA_addSourceMap() ${register} end ____AA_addSourceMap() ${lines[entry]}`;
        lines[entry + 1] = `____AA_addSourceMap() ${lines[entry + 1]}`;
    } else {
        let last = lines.length - 1;
        while (last > 0 && (lines[last].trim() === "" || lines[last].startsWith("--"))) last -= 1;
        if (lines[last].startsWith("return ")) {
            lines[last] = `do ${register} end ${lines[last]}`;
        } else {
            lines.splice(last + 1, 0, `do ${register} end`);
        }
    }
    file.code = lines.join("\n");
}

/**
 * Moves everything a printed file's source map (and TypeScriptToLua's inline map and
 * sourceMapTraceback table, when the tsconfig asks for them) says of its Lua lines down by
 * `lines`, the lines of the prelude put before them.
 * @param {import("typescript-to-lua").ProcessedFile} file
 * @param {number} lines
 */
function shiftLines(file, lines) {
    if (file.sourceMap === undefined || lines === 0) return;
    const before = file.sourceMap;
    const map = JSON.parse(before);
    // Each ";" starts the next Lua line; a line with no segment changes no relative field.
    map.mappings = ";".repeat(lines) + map.mappings;
    file.sourceMap = JSON.stringify(map);
    const inline = (/** @type {string} */ json) =>
        `--# sourceMappingURL=data:application/json;base64,${Buffer.from(json).toString("base64")}`;
    file.code = file.code.replace(inline(before), () => inline(String(file.sourceMap)));
    file.code = file.code.replace(
        /^(__TS__SourceMapTraceBack\(debug\.getinfo\(1\)\.short_src, )(\{.*\})\);$/m,
        (_, head, table) =>
            `${head}${table.replace(/\["(\d+)"\]/g, (/** @type {string} */ _key, /** @type {string} */ n) => `["${Number(n) + lines}"]`)});`,
    );
}

/** TypeScriptToLua's version, for diagnostics. */
function tstlVersion() {
    try {
        return String(require("typescript-to-lua/package.json").version);
    } catch {
        return "unknown";
    }
}

/**
 * An error for each async function of `source` the rewrite did not find as the Lua it rewrites
 * (TypeScriptToLua's `function(...) return __TS__AsyncAwaiter(function(____awaiter_resolve)
 * ... end) end`), and for each `__TS__AsyncAwaiter` call of another shape: left as they are,
 * they would run as something else (a plain task, or TypeScriptToLua's own promises), so the
 * build fails instead, naming the file and the function.
 * @param {import("typescript").SourceFile} source
 * @param {Stats} stats
 * @returns {import("typescript").Diagnostic[]}
 */
function shapeDiagnostics(source, stats) {
    /** @type {import("typescript").Diagnostic[]} */
    const diagnostics = [];
    const why = `TypeScriptToLua ${tstlVersion()} did not compile it to the Lua this plugin rewrites (it is written for TypeScriptToLua 1.37)`;
    /** @param {import("typescript").Node} node @param {string} message */
    const error = (node, message) => {
        diagnostics.push({
            file: source,
            start: node.getStart(source),
            length: node.getWidth(source),
            messageText: `wow-asyncawait/plugin: ${message}`,
            category: ts.DiagnosticCategory.Error,
            code: 160001,
            source: "wow-asyncawait/plugin",
        });
    };
    /** @param {import("typescript").Node} node */
    const visit = (node) => {
        if (
            ts.isFunctionLike(node) &&
            "body" in node &&
            node.body !== undefined &&
            (ts.getCombinedModifierFlags(/** @type {import("typescript").Declaration} */ (node)) & ts.ModifierFlags.Async) !== 0
        ) {
            const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
            if (!stats.lines.has(line)) error(node, `cannot make the async ${describeFunction(node)} a task: ${why}.`);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    if (diagnostics.length === 0) {
        for (const line of stats.unknown) {
            const at = line >= 0 ? `${stats.file}:${line + 1}` : stats.file;
            diagnostics.push({
                file: source,
                start: line >= 0 ? source.getPositionOfLineAndCharacter(line, 0) : 0,
                length: 0,
                messageText: `wow-asyncawait/plugin: cannot rewrite the __TS__AsyncAwaiter call at ${at}: ${why}.`,
                category: ts.DiagnosticCategory.Error,
                code: 160001,
                source: "wow-asyncawait/plugin",
            });
        }
    }
    return diagnostics;
}

/**
 * "function 'f'", "method 'm'", "arrow function"...: an async function as its source names it.
 * @param {import("typescript").SignatureDeclaration} node
 */
function describeFunction(node) {
    const name = node.name !== undefined && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name)) ? ` '${node.name.text}'` : "";
    if (ts.isMethodDeclaration(node)) return `method${name}`;
    if (ts.isArrowFunction(node)) return "arrow function";
    return `function${name}`;
}

/**
 * @param {AnyNode} node
 * @param {string} text
 * @returns {boolean}
 */
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
