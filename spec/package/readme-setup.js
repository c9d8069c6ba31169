#!/usr/bin/env node
/**
 * The TypeScript setup README.md prints, for spec/package/build.sh, so that the README and the
 * consumer builds cannot drift: from the section "### TypeScript addons", its first ```sh block
 * (the commands, one a line) and its first ```json block (the tsconfig.json, with `MyAddon`
 * for the addon's name).
 *   node spec/package/readme-setup.js commands            the commands, one a line
 *   node spec/package/readme-setup.js tsconfig <Name>     the tsconfig.json for addon <Name>
 *   node spec/package/readme-setup.js check <file> <Name> whether <file> is that tsconfig (as JSON)
 */
"use strict";
const fs = require("fs");
const path = require("path");

const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
const lines = readme.split("\n");
const start = lines.findIndex((l) => l.startsWith("### TypeScript addons"));
if (start < 0) fail('README.md has no section "### TypeScript addons"');
let end = lines.findIndex((l, i) => i > start && /^##{1,2} /.test(l));
if (end < 0) end = lines.length;

/** The first ```lang block of the section (unindented), as text. */
function block(lang) {
    for (let i = start; i < end; i++) {
        if (lines[i].trim() !== "```" + lang) continue;
        let j = i + 1;
        while (j < end && lines[j].trim() !== "```") j++;
        return lines.slice(i + 1, j).join("\n");
    }
    fail(`README.md's TypeScript section has no \`\`\`${lang} block`);
}

function fail(message) {
    console.error(`spec/package/readme-setup.js: ${message}`);
    process.exit(1);
}

function tsconfig(name) {
    const text = block("json").replace(/MyAddon/g, name);
    try {
        JSON.parse(text);
    } catch (e) {
        fail(`README.md's tsconfig is not JSON: ${e.message}`);
    }
    return text + "\n";
}

const [what, a, b] = process.argv.slice(2);
if (what === "commands") {
    const commands = block("sh")
        .split("\n")
        .filter((l) => l.trim() !== "");
    if (!commands.some((c) => /^npm install\b.*\bwow-asyncawait\b/.test(c))) fail("no `npm install ... wow-asyncawait` line");
    process.stdout.write(commands.join("\n") + "\n");
} else if (what === "tsconfig" && a) {
    process.stdout.write(tsconfig(a));
} else if (what === "check" && a && b) {
    const want = JSON.parse(tsconfig(b));
    const got = JSON.parse(fs.readFileSync(a, "utf8"));
    if (JSON.stringify(got) !== JSON.stringify(want)) {
        fail(`${a} is not README.md's tsconfig (with MyAddon as ${b}):\n${tsconfig(b)}`);
    }
} else {
    fail("usage: commands | tsconfig <Name> | check <file> <Name>");
}
