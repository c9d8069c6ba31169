#!/usr/bin/env node
/**
 * Runs a real LuaLS (lua-language-server `--check`) on a consumer addon, with the README's
 * `.luarc.json` for each install: the built addon embedded under `Libs/AsyncAwait/` ("embedded"),
 * and the standalone addon beside it in `AddOns/` ("standalone"); and with no configuration on a
 * whole `AddOns/` folder holding both ("addons"). The consumer is spec/luals/*.lua: each line
 * ending in `-- expect: code` must get that diagnostic (`code (layout)` for one layout only), no
 * other line any, and the library's own files none. One TAP test per layout.
 *
 * LuaLS is not on the registries the build reaches, so `make test` does not run this; with one
 * built or installed:  LUALS=/path/to/bin/lua-language-server node scripts/luals-check.js
 * (after `make`; WOW_ANNOTATIONS=dir adds the WoW API extension's annotations to both runs).
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const LUALS = process.env.LUALS || "lua-language-server";
const EXTRA = process.env.WOW_ANNOTATIONS ? [process.env.WOW_ANNOTATIONS] : [];
// The build under test: addon/AsyncAwait, or another (ASYNCAWAIT_ADDON=dir, as the specs take it).
const addon = path.resolve(root, process.env.ASYNCAWAIT_ADDON || "addon/AsyncAwait");
const fixtures = path.join(root, "spec/luals");

/** The README's two .luarc.json blocks of its "Editor support (LuaLS)" section: [embedded, standalone]. */
function readmeConfigs() {
    const text = fs.readFileSync(path.join(root, "README.md"), "utf8");
    const start = text.indexOf("### Editor support (LuaLS)");
    const section = text.slice(start, text.indexOf("\n#", start + 1));
    const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
    if (start < 0 || blocks.length !== 2) throw new Error("README.md: no Editor support (LuaLS) section with two json blocks");
    return blocks;
}

/** Lays out one layout under `dir`: returns the consumer addon's folder and the folder to check. */
function layOut(dir, layout, config) {
    const consumer = layout === "embedded" ? path.join(dir, "MyAddon") : path.join(dir, "AddOns/MyAddon");
    fs.mkdirSync(consumer, { recursive: true });
    if (layout !== "standalone") fs.cpSync(addon, path.join(consumer, "Libs/AsyncAwait"), { recursive: true });
    if (layout !== "embedded") fs.cpSync(addon, path.join(dir, "AddOns/AsyncAwait"), { recursive: true });
    for (const file of fs.readdirSync(fixtures)) fs.copyFileSync(path.join(fixtures, file), path.join(consumer, file));
    if (config === undefined) {
        if (EXTRA.length > 0) fs.writeFileSync(path.join(dir, "AddOns/.luarc.json"), JSON.stringify({ "workspace.library": EXTRA }));
        return [consumer, path.join(dir, "AddOns")];
    }
    const luarc = { ...config, "workspace.library": [...config["workspace.library"], ...EXTRA] };
    fs.writeFileSync(path.join(consumer, ".luarc.json"), JSON.stringify(luarc, null, 2));
    return [consumer, consumer];
}

/** `file:line` -> expected codes, for one layout. */
function expectations(layout) {
    const expected = new Map();
    for (const file of fs.readdirSync(fixtures)) {
        fs.readFileSync(path.join(fixtures, file), "utf8")
            .split("\n")
            .forEach((line, i) => {
                const m = /-- expect: (.*)$/.exec(line);
                if (!m) return;
                const codes = m[1]
                    .split(",")
                    .map((c) => c.trim())
                    .map((c) => /^([\w-]+)(?: \((\w+)\))?$/.exec(c))
                    .filter((c) => c && (c[2] === undefined || c[2] === layout))
                    .map((c) => c[1]);
                expected.set(`${file}:${i + 1}`, codes);
            });
    }
    return expected;
}

function check(layout, config) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `luals-${layout}-`));
    const [consumer, workspace] = layOut(dir, layout, config);
    const log = path.join(dir, "log");
    const run = spawnSync(LUALS, [`--check=${workspace}`, "--checklevel=Warning", "--check_format=json", `--logpath=${log}`], {
        encoding: "utf8",
    });
    if (run.error) return [`cannot run ${LUALS}: ${run.error.message}`];
    const report = path.join(log, "check.json");
    const found = new Map();
    const problems = [];
    if (fs.existsSync(report)) {
        for (const [uri, list] of Object.entries(JSON.parse(fs.readFileSync(report, "utf8")))) {
            const file = path.relative(consumer, decodeURIComponent(uri.replace(/^file:\/\//, "")));
            for (const d of list) {
                const where = `${file}:${d.range.start.line + 1}`;
                if (!found.has(where)) found.set(where, []);
                found.get(where).push(`${d.code}: ${d.message.split("\n")[0]}`);
            }
        }
    }
    const expected = expectations(layout);
    for (const [where, codes] of expected) {
        const got = found.get(where) || [];
        for (const code of codes) {
            if (!got.some((g) => g.startsWith(`${code}:`))) problems.push(`${where}: expected ${code}, got ${got.join("; ") || "nothing"}`);
        }
    }
    for (const [where, got] of found) {
        if (!expected.has(where) || expected.get(where).length === 0) problems.push(`${where}: unexpected ${got.join("; ")}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return problems;
}

const [embedded, standalone] = readmeConfigs();
const layouts = [
    ["embedded", embedded, "an embedded copy, the README's .luarc.json"],
    ["standalone", standalone, "the standalone addon, the README's .luarc.json"],
    ["addons", undefined, "an AddOns folder with both, no .luarc.json"],
];
const results = layouts.map(([layout, config, what]) => [what, check(layout, config)]);
console.log(`1..${results.length}`);
results.forEach(([what, problems], i) => {
    console.log(`${problems.length === 0 ? "ok" : "not ok"} ${i + 1} - LuaLS --check, ${what}${EXTRA.length ? " + " + EXTRA[0] : ""}`);
    for (const p of problems) console.log(`#   ${p}`);
});
process.exitCode = results.some(([, p]) => p.length > 0) ? 1 : 0;
