// @ts-check
// A stand-in for a TypeScriptToLua whose Lua differs from what wow-asyncawait/plugin rewrites:
// it renames ____awaiter_resolve (the parameter of every async function's awaiter) in each
// file's Lua, before the plugin (listed after it) sees it. The plugin must fail the build.
const tstl = require("typescript-to-lua");
const ts = require("typescript");

/** @param {any} node */
function rename(node) {
    if (node === null || typeof node !== "object") return;
    if (node.kind === tstl.SyntaxKind.Identifier && node.text === "____awaiter_resolve") node.text = "____resolve";
    for (const key of Object.keys(node)) if (key !== "parent") rename(node[key]);
}

/** @type {import("typescript-to-lua").Plugin} */
module.exports = {
    visitors: {
        [ts.SyntaxKind.SourceFile]: (node, context) => {
            const result = context.superTransformNode(node);
            rename(result);
            return result;
        },
    },
};
