#!/usr/bin/env node
// The structure rules, as TAP (one test per rule): the layers and the absence of cycles in
// .dependency-cruiser.cjs, checked by dependency-cruiser over src/ (type-only imports included).
"use strict";
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const root = path.join(__dirname, "..");
const rules = require(path.join(root, ".dependency-cruiser.cjs")).forbidden;
const out = execFileSync(
    path.join(root, "node_modules/.bin/depcruise"),
    ["src", "--config", ".dependency-cruiser.cjs", "--output-type", "json"],
    { cwd: root, maxBuffer: 64 << 20 },
);
const result = JSON.parse(out.toString());
const byRule = new Map();
for (const v of result.summary.violations) {
    const list = byRule.get(v.rule.name) ?? [];
    list.push(v.cycle !== undefined ? v.cycle.map((c) => c.name ?? c).join(" -> ") : `${v.from} -> ${v.to}`);
    byRule.set(v.rule.name, list);
}
let n = 0;
const lines = [];
for (const rule of rules) {
    n += 1;
    const found = byRule.get(rule.name) ?? [];
    lines.push(`${found.length === 0 ? "ok" : "not ok"} ${n} ${rule.name}: ${rule.comment}`);
    for (const f of [...new Set(found)]) {
        lines.push(`#   ${f}`);
    }
}
n += 1;
const cruised = result.summary.totalCruised;
lines.push(
    `${cruised > 40 ? "ok" : "not ok"} ${n} the rules saw src/ (${cruised} modules, ${result.summary.totalDependenciesCruised} imports)`,
);
console.log(`1..${n}`);
console.log(lines.join("\n"));
process.exitCode = lines.some((l) => l.startsWith("not ok")) ? 1 : 0;
