// @ts-nocheck
// The source maps of the plugin's output point at the right TypeScript lines: for each "@N"
// string in the built Lua (spec/plugin/maps/*.ts, where "@N" is on line N), the map gives line N
// of the right .ts file at that string's position, and so does the line map the file registers
// with the library. Writes one TAP line per built file.
//   node spec/plugin/maps.js <first test number> <lua file>...
const fs = require("fs");
const path = require("path");
const { SourceMapConsumer } = require("source-map");

/** The line map the plugin registers at the end of `code` (see src/wow/sourcemaps.ts), read as the library reads it. */
function lineMapOf(code) {
    const found = code.match(/addSourceMap\(string\.match\(select\(2, pcall\(error, "", 2\)\), "\^\(\.\*\):%d\+: \$"\), "([^"]*)"\)/);
    if (!found) return undefined;
    let file;
    return found[1].split(",").map((entry) => {
        const named = entry.match(/^(.*):(\d+)$/);
        if (named) file = named[1];
        const line = named ? named[2] : entry;
        return line !== "" && file !== undefined ? `${file}:${line}` : undefined;
    });
}

/** TypeScriptToLua's sourceMapTraceback table (Lua line -> .ts line) in `code`, if any. */
function tracebackTableOf(code) {
    const found = code.match(/^__TS__SourceMapTraceBack\(debug\.getinfo\(1\)\.short_src, \{(.*)\}\);$/m);
    if (!found) return undefined;
    const lines = new Map();
    for (const entry of found[1].matchAll(/\["(\d+)"\] = (\d+)/g)) lines.set(Number(entry[1]), Number(entry[2]));
    return lines;
}

async function check(luaFile) {
    const code = fs.readFileSync(luaFile, "utf8");
    // The map beside the file, or inline (inlineSourceMap).
    const inline = code.match(/^--# sourceMappingURL=data:application\/json;base64,(.*)$/m);
    const raw = inline ? Buffer.from(inline[1], "base64").toString("utf8") : fs.readFileSync(luaFile + ".map", "utf8");
    const consumer = await new SourceMapConsumer(JSON.parse(raw));
    const traceback = tracebackTableOf(code);
    const problems = [];
    let markers = 0;
    const lineMap = lineMapOf(code);
    if (lineMap === undefined) problems.push("no line map registered");
    code.split("\n").forEach((text, i) => {
        for (const match of text.matchAll(/"@(\d+)"/g)) {
            markers += 1;
            const at = consumer.originalPositionFor({ line: i + 1, column: match.index, bias: SourceMapConsumer.GREATEST_LOWER_BOUND });
            if (at.line !== Number(match[1]) || !/maps\/(lines|plain)\.ts$/.test(at.source || "")) {
                problems.push(`Lua line ${i + 1} ("@${match[1]}") maps to ${at.source}:${at.line}`);
            }
            if (traceback !== undefined && traceback.get(i + 1) !== Number(match[1])) {
                problems.push(`Lua line ${i + 1} ("@${match[1]}") is line ${traceback.get(i + 1)} in the sourceMapTraceback table`);
            }
            // The line map names the file relative to the tsconfig's folder.
            const registered = lineMap && lineMap[i];
            if (registered !== `maps/${path.basename(at.source || "")}:${match[1]}`) {
                problems.push(`Lua line ${i + 1} ("@${match[1]}") is ${registered} in the registered line map`);
            }
        }
    });
    consumer.destroy();
    if (markers === 0) problems.push("no marker in the file");
    return problems;
}

(async () => {
    let n = Number(process.argv[2]);
    let failed = false;
    for (const file of process.argv.slice(3)) {
        const problems = await check(file);
        const name = `source map and line map of ${path.relative(process.cwd(), file)} point at the .ts lines`;
        if (problems.length === 0) {
            console.log(`ok ${n} - ${name}`);
        } else {
            failed = true;
            console.log(`not ok ${n} - ${name}`);
            for (const p of problems) console.log(`    ${p}`);
        }
        n += 1;
    }
    process.exit(failed ? 1 : 0);
})();
