#!/usr/bin/env node
// The task record's slot names for Lua readers of the built bundle: the compiled Lua indexes a
// task by number (`task[3]`), the const enum Slot of src/core/task.ts names them. The comment is
// derived from that enum by the TypeScript compiler (its constant values), never written by hand.
//   node scripts/slot-header.js                      prints the comment
//   node scripts/slot-header.js --stamp <bundle>     appends it to the bundle's line 2, in place
//   node scripts/slot-header.js --check <bundle> <TypeScriptToLua's bundle>
//     checks that line 2 carries the comment as the enum reads now, and that the shipped bundle
//     is TypeScriptToLua's with only line 1 (---@diagnostic disable) and this comment added;
//     prints "ok" or what is wrong, exits 1.
// Line 2, not a line of its own: no line of the bundle moves, so tracebacks' line numbers and the
// source map stay right (line 1 is LuaLS's ---@diagnostic disable, which must stay alone).
"use strict";
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

const TASK = path.resolve(__dirname, "../src/core/task.ts");

/** The Slot enum's members, in declaration order, with the values TypeScript gives them. */
function slots(file) {
    const program = ts.createProgram([file], { noLib: true, types: [], noResolve: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    const decl = source.statements.find((s) => ts.isEnumDeclaration(s) && s.name.text === "Slot");
    if (decl === undefined) throw new Error(`slot-header: no enum Slot in ${file}`);
    return decl.members.map((member) => {
        const value = checker.getConstantValue(member);
        if (typeof value !== "number") throw new Error(`slot-header: Slot.${member.name.getText(source)} is not a number`);
        return { name: member.name.getText(source), value };
    });
}

function header(file = TASK) {
    const list = slots(file)
        .map((s) => `${s.name} = ${s.value}`)
        .join(", ");
    return `-- task record slots (task[n]; Slot in src/core/task.ts): ${list}`;
}

function stamp(bundle) {
    const lines = fs.readFileSync(bundle, "utf8").split("\n");
    if (lines.length < 2 || lines[1].includes("--"))
        throw new Error(`slot-header: ${bundle}'s line 2 is not TypeScriptToLua's bundle prelude`);
    lines[1] = `${lines[1]} ${header()}`;
    fs.writeFileSync(bundle, lines.join("\n"));
}

function check(bundle, built) {
    const problems = [];
    const lines = fs.readFileSync(bundle, "utf8").split("\n");
    const expected = header();
    if (lines.length < 2 || !lines[1].endsWith(` ${expected}`)) {
        problems.push(`${bundle}:2 does not end with the slots as src/core/task.ts declares them:\n  ${expected}\n  got: ${lines[1]}`);
    } else {
        lines[1] = lines[1].slice(0, -(expected.length + 1));
        const original = fs.readFileSync(built, "utf8");
        if (`---@diagnostic disable${original}` !== lines.join("\n")) {
            problems.push(`${bundle} is not ${built} with only its first line and the slot comment added (a line moved?)`);
        }
    }
    console.log(problems.length === 0 ? "ok" : problems.join("\n"));
    process.exit(problems.length === 0 ? 0 : 1);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "--stamp") stamp(args[0]);
else if (mode === "--check") check(args[0], args[1]);
else console.log(header(mode));
