#!/usr/bin/env node
// The source map shipped beside the built bundle (addon/AsyncAwait/AsyncAwait.lua.map).
//   node scripts/addon-map.js <TSTL's map> <shipped map>   writes it: every source as src/...,
//     resolved from the repository root (sourceRoot "../../": the map sits in addon/AsyncAwait/);
//     TSTL's bundle map names some sources one folder too far up.
//   node scripts/addon-map.js --check <shipped map> <bundle>   checks that the bundle's own
//     functions map to the lines of src/ that define them; prints "ok" or what is wrong, exits 1.
"use strict";
const fs = require("fs");
const path = require("path");
const { SourceMapConsumer } = require("source-map");

const root = path.resolve(__dirname, "..");

function write(input, output) {
    const map = JSON.parse(fs.readFileSync(input, "utf8"));
    map.sources = map.sources.map((source) => {
        const at = source.replace(/\\/g, "/").lastIndexOf("src/");
        if (at < 0) throw new Error(`addon-map: a source outside src/: ${source}`);
        return source.slice(at);
    });
    map.sourceRoot = "../../";
    delete map.file;
    map.file = "AsyncAwait.lua";
    fs.writeFileSync(output, JSON.stringify(map));
}

async function check(mapFile, bundleFile) {
    const map = JSON.parse(fs.readFileSync(mapFile, "utf8"));
    const lua = fs.readFileSync(bundleFile, "utf8").split("\n");
    const problems = [];
    // Functions whose Lua definition line must map to their TypeScript definition line.
    const cases = [
        ["local function runTask(", "src/core/scheduler.ts", "function runTask("],
        ["function ____exports.cancelTask(", "src/core/cancel.ts", "export function cancelTask("],
        ["function resolveWith(", "src/api/promises.ts", "function resolveWith("],
    ];
    await SourceMapConsumer.with(map, null, (consumer) => {
        for (const [luaText, file, tsText] of cases) {
            const luaLine = lua.findIndex((l) => l.startsWith(luaText)) + 1;
            const ts = fs.readFileSync(path.join(root, file), "utf8").split("\n");
            const tsLine = ts.findIndex((l) => l.includes(tsText)) + 1;
            if (luaLine === 0 || tsLine === 0) {
                problems.push(`no "${luaText}" in the bundle or "${tsText}" in ${file}`);
                continue;
            }
            const at = consumer.originalPositionFor({ line: luaLine, column: lua[luaLine - 1].indexOf(luaText.replace(/^local /, "")) });
            const source = at.source === null ? null : path.relative(root, path.resolve(path.dirname(path.resolve(mapFile)), at.source));
            if (source !== file || at.line !== tsLine) {
                problems.push(`${bundleFile}:${luaLine} maps to ${source}:${at.line}, not ${file}:${tsLine}`);
            }
        }
    });
    for (const source of map.sources) {
        if (!fs.existsSync(path.join(root, source))) problems.push(`source ${source} does not exist`);
    }
    console.log(problems.length === 0 ? "ok" : problems.join("\n"));
    process.exit(problems.length === 0 ? 0 : 1);
}

if (process.argv[2] === "--check") {
    check(process.argv[3], process.argv[4]);
} else {
    write(process.argv[2], process.argv[3]);
}
