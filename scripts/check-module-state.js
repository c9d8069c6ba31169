#!/usr/bin/env node
// Module-level state in src/, as TAP (one test per module): every module-level `let`, and every
// module-level table made empty to be filled (`{}`, `[]`, `new LuaTable()`), must say where it is
// declared what it is: `@handedOver <field>[, <field>...] (comment)`, a local copy of that field
// of the core state a newer copy receives (src/core/state.ts; `CoreState` is the table itself,
// `WowState` the glue state every copy shares), or `@transient <why it need not be handed over>`.
// A tag also covers the undocumented variable statements right below its own (no blank line
// between): a group declared together. Anything else would be lost, silently, when a newer copy
// of the library takes over.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const root = path.join(__dirname, "..");
const files = [];
(function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) files.push(p);
    }
})(path.join(root, process.argv[2] ?? "src"));
files.sort();

// The fields of the handed-over state: CoreState's interfaces in src/core/state.ts.
const stateFile = path.join(root, "src/core/state.ts");
const stateSource = ts.createSourceFile(stateFile, fs.readFileSync(stateFile, "utf8"), ts.ScriptTarget.Latest, true);
const fields = new Set();
for (const st of stateSource.statements) {
    if (ts.isInterfaceDeclaration(st) && ["SchedulerOwned", "SchedulerCached", "ColdOwned"].includes(st.name.text)) {
        for (const m of st.members) if (m.name) fields.add(m.name.getText(stateSource));
    }
}
fields.add("CoreState"); // the whole table
fields.add("WowState"); // the client glue's state table, which every copy shares as it is (src/wow/state.ts)
if (fields.size === 2) {
    console.log("1..1\nnot ok 1 src/core/state.ts declares the fields of the handed-over state (none found)");
    process.exit(1);
}

function isEmptyTable(init) {
    if (init === undefined) return false;
    while (ts.isAsExpression(init) || ts.isTypeAssertionExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
    if (ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init))
        return init.getChildCount() > 0 && (init.properties ?? init.elements).length === 0;
    return ts.isNewExpression(init) && init.expression.getText() === "LuaTable" && (init.arguments ?? []).length === 0;
}

function tagsOf(node) {
    const tags = [];
    for (const doc of node.jsDoc ?? [])
        for (const tag of doc.tags ?? []) tags.push({ name: tag.tagName.text, text: ts.getTextOfJSDocComment(tag.comment) ?? "" });
    return tags;
}

const lines = [];
let n = 0;
for (const file of files) {
    const rel = path.relative(root, file);
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const problems = [];
    let count = 0;
    // A tag covers the declarations of its statement and of the untagged, undocumented variable
    // statements right below it (no blank line between): a group declared together.
    let group;
    let previousEnd = -1;
    for (const st of source.statements) {
        if (!ts.isVariableStatement(st)) {
            group = undefined;
            continue;
        }
        const between = source.text.slice(previousEnd, st.getStart(source));
        previousEnd = st.getEnd();
        const own = tagsOf(st);
        const documented = (st.jsDoc ?? []).length > 0;
        if (own.some((t) => t.name === "handedOver" || t.name === "transient")) {
            group = own;
        } else if (documented || group === undefined || /\n\s*\n/.test(between.replace(/\/\/[^\n]*/g, ""))) {
            group = undefined;
        }
        const tags = group ?? [];
        const isLet = (st.declarationList.flags & ts.NodeFlags.Let) !== 0;
        for (const decl of st.declarationList.declarations) {
            if (!isLet && !isEmptyTable(decl.initializer)) continue;
            count += 1;
            const name = decl.name.getText(source);
            const line = source.getLineAndCharacterOfPosition(decl.getStart(source)).line + 1;
            const handed = tags.find((t) => t.name === "handedOver");
            const transient = tags.find((t) => t.name === "transient");
            if (handed === undefined && transient === undefined) {
                problems.push(`${rel}:${line}: ${name} is module state neither @handedOver <field> nor @transient <why>`);
            } else if (transient !== undefined && transient.text.trim() === "") {
                problems.push(`${rel}:${line}: ${name}: @transient says why it need not be handed over`);
            } else if (handed !== undefined) {
                const named = handed.text
                    .split(/[(:]/)[0]
                    .trim()
                    .split(/[\s,]+/)
                    .filter((w) => w !== "");
                const unknown = named.filter((f) => !fields.has(f.replace(/^S\./, "").split(".")[0]));
                if (named.length === 0 || unknown.length > 0) {
                    problems.push(
                        `${rel}:${line}: ${name}: @handedOver names no field of the core state (${named.join(" ") || "nothing"})`,
                    );
                }
            }
        }
    }
    n += 1;
    lines.push(`${problems.length === 0 ? "ok" : "not ok"} ${n} ${rel}: ${count} module-level variable(s), each handed over or transient`);
    for (const p of problems) lines.push(`#   ${p}`);
}
console.log(`1..${n}`);
console.log(lines.join("\n"));
process.exitCode = lines.some((l) => l.startsWith("not ok")) ? 1 : 0;
