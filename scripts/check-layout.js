#!/usr/bin/env node
// README's Layout section against the tree, as TAP: every path it names exists (a bare file
// name in a row resolves against that row's folder), and every folder and top-level module of
// src/ has a row of its own.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const section = readme.split(/^### Layout$/m)[1]?.split(/^##/m)[0];
const lines = [];
let n = 0;
const test = (ok, what, details = []) => {
    n += 1;
    lines.push(`${ok ? "ok" : "not ok"} ${n} ${what}`);
    for (const d of details) lines.push(`#   ${d}`);
};
if (section === undefined) {
    test(false, "README.md has a ### Layout section");
} else {
    const rows = section.split("\n").filter((l) => l.startsWith("| `"));
    test(rows.length > 5, `the Layout table has rows (${rows.length})`);
    const rowDirs = [];
    const missing = [];
    for (const row of rows) {
        const cells = row.split(" | ");
        const heads = [...cells[0].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/ \(the rest\)$/, ""));
        // The row's folder: its first path if that is a folder, else that file's folder.
        const first = heads[0];
        const dir = first.endsWith("/") ? first : path.dirname(first) + "/";
        rowDirs.push(...heads);
        for (const p of heads) {
            if (!fs.existsSync(path.join(root, p))) missing.push(`${p} (first column)`);
        }
        for (const cell of cells.slice(1)) {
            for (const m of cell.matchAll(/`([A-Za-z0-9_./-]+\.(?:ts|lua|js|json|cjs))`/g)) {
                const name = m[1];
                const candidates = name.includes("/")
                    ? [name, path.join(dir, name)]
                    : [path.join(dir, name), path.join(dir, "waits", name)];
                if (!candidates.some((c) => fs.existsSync(path.join(root, c)))) missing.push(`${name} (row ${first})`);
            }
        }
    }
    test(missing.length === 0, "every path the Layout table names exists", missing);
    const uncovered = [];
    for (const e of fs.readdirSync(path.join(root, "src"), { withFileTypes: true })) {
        const p = `src/${e.name}${e.isDirectory() ? "/" : ""}`;
        const covered = rowDirs.some((r) => r === p || (e.isDirectory() && r.startsWith(p)));
        if (!covered) uncovered.push(p);
    }
    test(uncovered.length === 0, "every folder and top-level module of src/ has a row", uncovered);
}
console.log(`1..${n}`);
console.log(lines.join("\n"));
process.exitCode = lines.some((l) => l.startsWith("not ok")) ? 1 : 0;
