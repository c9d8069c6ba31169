#!/usr/bin/env node
/**
 * Checks every code example of the docs, so that none can rot: one TAP test per example, run by
 * `make test` (scripts/run-tests.sh).
 *
 *  - Lua, parsed by `luac5.1 -p`: every ```lua block of README.md, every example of the
 *    README's API table (its Example column, but for the ones marked "(TypeScript)"), and every
 *    ```lua example of AsyncAwait.meta.lua's annotations and of the TSDoc in src/.
 *  - TypeScript, compiled by the project's TypeScriptToLua with the TypeScript plugin (as the
 *    README's consumers compile): every ```ts / ```typescript block of README.md, against the
 *    package's typings (lib/*.d.ts, emitted here from src/ as `npm pack` emits them) with the
 *    consumer settings the README gives (lua-types/5.1, language-extensions, wow-declarations,
 *    strict). A type error, a TypeScriptToLua error or a plugin error fails the block.
 *    A block that imports nothing is a fragment: it is compiled after the prelude
 *    `import * as AA from "wow-asyncawait";` (the README's examples call the library AA).
 *    Another prelude is given by an HTML comment on the line right before the block:
 *    `<!-- ts-prelude: declare const job: () => AA.Future<number>; -->` (it replaces the
 *    default one, so it brings its own import when it needs one).
 *
 * A failure names the file and line of the example and of the error in it
 * ("README.md:262: ... '<name>' expected near 'then'").
 *   node scripts/doc-blocks.js        (from the repository's root)
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const DEFAULT_PRELUDE = 'import * as AA from "wow-asyncawait";';
const LUAC = process.env.LUAC || "luac5.1";

/** @typedef {{ file: string, line: number, lang: "lua"|"ts", code: string, prelude?: string, what: string }} Example */

function read(rel) {
    return fs.readFileSync(path.join(root, rel), "utf8");
}

/** The fenced blocks of a markdown text: ```lang ... ``` (indented fences too), with the line of their first code line. */
function markdownBlocks(file, text) {
    /** @type {Example[]} */
    const found = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const open = /^(\s*)```(\w*)\s*$/.exec(lines[i]);
        if (!open) continue;
        const indent = open[1].length;
        const lang = open[2];
        let j = i + 1;
        while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) j++;
        const code = lines
            .slice(i + 1, j)
            .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
            .join("\n");
        const kind = lang === "lua" ? "lua" : lang === "ts" || lang === "typescript" ? "ts" : undefined;
        if (kind) {
            const marker = i > 0 ? /^\s*<!--\s*ts-prelude:\s*(.*?)\s*-->\s*$/.exec(lines[i - 1]) : null;
            found.push({ file, line: i + 2, lang: kind, code, prelude: marker ? marker[1] : undefined, what: `${lang} block` });
        }
        i = j;
    }
    return found;
}

/** The Example column of the README's API table: each code span is a Lua example, unless marked (TypeScript). */
function apiTableExamples(file, text) {
    /** @type {Example[]} */
    const found = [];
    const lines = text.split("\n");
    const header = lines.findIndex((l) => /^\|\s*Function\s*\|.*\|\s*Example\s*\|\s*$/.test(l));
    if (header < 0) return found;
    for (let i = header + 2; i < lines.length && lines[i].startsWith("|"); i++) {
        const cells = lines[i].replace(/\\\|/g, "\u0000").split("|").slice(1, -1);
        const cell = cells[cells.length - 1].replaceAll("\u0000", "|");
        if (/\(TypeScript\)/.test(cell)) continue;
        for (const span of cell.matchAll(/`([^`]+)`/g)) {
            found.push({ file, line: i + 1, lang: "lua", code: span[1], what: "API table example" });
        }
    }
    return found;
}

/** ```lua examples inside comments whose lines start with `prefix` (a regular expression). */
function commentBlocks(file, text, prefix) {
    /** @type {Example[]} */
    const found = [];
    const lines = text.split("\n");
    const open = new RegExp(`^${prefix}\`\`\`lua\\s*$`);
    const close = new RegExp(`^${prefix}\`\`\`\\s*$`);
    const strip = new RegExp(`^${prefix}`);
    for (let i = 0; i < lines.length; i++) {
        if (!open.test(lines[i])) continue;
        let j = i + 1;
        while (j < lines.length && !close.test(lines[j])) j++;
        const code = lines
            .slice(i + 1, j)
            .map((l) => l.replace(strip, ""))
            .join("\n");
        found.push({ file, line: i + 2, lang: "lua", code, what: "lua example" });
        i = j;
    }
    return found;
}

function sourceFiles(dir) {
    const out = [];
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) out.push(...sourceFiles(rel));
        else if (rel.endsWith(".ts")) out.push(rel);
    }
    return out.sort();
}

/** Parses a Lua example with luac -p: undefined when it parses, else the error, at the example's line in its file. */
function checkLua(example) {
    const run = spawnSync(LUAC, ["-p", "-"], { input: example.code, encoding: "utf8" });
    if (run.error) return `cannot run ${LUAC}: ${run.error.message}`;
    if (run.status === 0) return undefined;
    const message = (run.stderr || run.stdout).trim();
    const at = /stdin:(\d+):\s*(.*)$/m.exec(message);
    if (!at) return message;
    return `${example.file}:${example.line + Number(at[1]) - 1}: ${at[2]}`;
}

/**
 * Compiles the TypeScript examples in one program, as a consumer of the packed package would.
 * Returns, per example, its error messages (file:line: message), empty when it compiles.
 */
function checkTypeScript(examples) {
    const ts = require(path.join(root, "node_modules/typescript"));
    const tstl = require(path.join(root, "node_modules/typescript-to-lua"));
    const dir = path.join(root, "build/doc-blocks");
    fs.rmSync(dir, { recursive: true, force: true });
    const pkg = path.join(dir, "node_modules/wow-asyncawait");
    fs.mkdirSync(pkg, { recursive: true });

    // The package's typings, emitted from src/ with the package build's settings.
    const parsed = ts.getParsedCommandLineOfConfigFile(
        path.join(root, "tstl.package.json"),
        {},
        {
            ...ts.sys,
            onUnRecoverableConfigFileDiagnostic: () => {},
        },
    );
    const program = ts.createProgram(parsed.fileNames, {
        ...parsed.options,
        declaration: true,
        emitDeclarationOnly: true,
        noEmit: false,
        outDir: path.join(pkg, "lib"),
    });
    const emitted = program.emit();
    const typingErrors = ts.getPreEmitDiagnostics(program).concat(emitted.diagnostics);
    if (typingErrors.length > 0) {
        const text = ts.formatDiagnostics(typingErrors, {
            getCanonicalFileName: (f) => f,
            getCurrentDirectory: () => root,
            getNewLine: () => "\n",
        });
        return examples.map(() => [`the package's typings do not build:\n${text}`]);
    }
    fs.copyFileSync(path.join(root, "package.json"), path.join(pkg, "package.json"));
    fs.symlinkSync(path.join(root, "plugin.js"), path.join(pkg, "plugin.js"));
    for (const dep of ["lua-types", "@typescript-to-lua", "@wartoshika"]) {
        fs.mkdirSync(path.dirname(path.join(dir, "node_modules", dep)), { recursive: true });
        fs.symlinkSync(path.join(root, "node_modules", dep), path.join(dir, "node_modules", dep));
    }

    const files = [];
    examples.forEach((example, index) => {
        const imports = /^\s*import\s/m.test(example.code);
        const prelude = example.prelude !== undefined ? example.prelude : imports ? "" : DEFAULT_PRELUDE;
        const preludeLines = prelude === "" ? 0 : prelude.split("\n").length;
        const name = `example${index + 1}.ts`;
        fs.writeFileSync(path.join(dir, name), (prelude === "" ? "" : `${prelude}\n`) + example.code + "\n");
        files.push({ name, example, preludeLines });
    });
    fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify(
            {
                compilerOptions: {
                    target: "ESNext",
                    lib: ["ESNext"],
                    module: "ESNext",
                    moduleResolution: "Bundler",
                    strict: true,
                    types: ["lua-types/5.1", "@typescript-to-lua/language-extensions", "@wartoshika/wow-declarations"],
                    outDir: "out",
                },
                include: files.map((f) => f.name),
                tstl: {
                    luaTarget: "5.1",
                    // The package's Lua is not here (spec/package/ builds consumers from the packed package).
                    noResolvePaths: ["wow-asyncawait"],
                    luaPlugins: [{ name: path.join(root, "plugin.js"), addon: "DocExamples" }],
                },
            },
            null,
            2,
        ),
    );
    const result = tstl.transpileProject(path.join(dir, "tsconfig.json"), {}, () => {});
    const errors = examples.map(() => []);
    for (const diagnostic of result.diagnostics) {
        const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
        const file = diagnostic.file && files.find((f) => path.resolve(diagnostic.file.fileName) === path.join(dir, f.name));
        if (!file) {
            // Not inside an example (the typings, the configuration): every example fails with it.
            const where = diagnostic.file ? `${path.relative(root, diagnostic.file.fileName)}: ` : "";
            errors.forEach((list) => list.push(`${where}${message}`));
            continue;
        }
        const index = files.indexOf(file);
        let line = file.example.line;
        if (diagnostic.start !== undefined) {
            const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line; // 0-based
            line = at < file.preludeLines ? file.example.line - 1 : file.example.line + at - file.preludeLines;
        }
        errors[index].push(`${file.example.file}:${line}: ${message}`);
    }
    return errors;
}

const readme = read("README.md");
/** @type {Example[]} */
const examples = [
    ...markdownBlocks("README.md", readme),
    ...apiTableExamples("README.md", readme),
    ...commentBlocks("AsyncAwait.meta.lua", read("AsyncAwait.meta.lua"), "---"),
    ...sourceFiles("src").flatMap((f) => commentBlocks(f, read(f), "\\s*\\* ?")),
];

const lua = examples.filter((e) => e.lang === "lua");
const typescript = examples.filter((e) => e.lang === "ts");
const results = [];
for (const example of lua) {
    const problem = checkLua(example);
    results.push({ example, problems: problem === undefined ? [] : [problem], check: "luac5.1 -p" });
}
if (typescript.length > 0) {
    const errors = checkTypeScript(typescript);
    typescript.forEach((example, i) => results.push({ example, problems: errors[i], check: "TypeScriptToLua" }));
}
// Guards against an extraction that silently finds nothing.
const counts = [
    ["README.md ```lua blocks", examples.filter((e) => e.file === "README.md" && e.what === "lua block").length],
    ["README.md API table examples", examples.filter((e) => e.what === "API table example").length],
    ["README.md ```ts blocks", typescript.length],
    ["AsyncAwait.meta.lua examples", examples.filter((e) => e.file === "AsyncAwait.meta.lua").length],
    ["src/ TSDoc lua examples", examples.filter((e) => e.file.startsWith("src/")).length],
];

console.log(`1..${results.length + counts.length}`);
let n = 0;
for (const [what, count] of counts) {
    n += 1;
    console.log(`${count > 0 ? "ok" : "not ok"} ${n} - found ${count} ${what}`);
}
for (const { example, problems, check } of results) {
    n += 1;
    const title = `${example.file}:${example.line}: ${example.what} (${check})`;
    if (problems.length === 0) {
        console.log(`ok ${n} - ${title}`);
    } else {
        console.log(`not ok ${n} - ${title}`);
        for (const problem of problems) {
            for (const line of problem.split("\n")) console.log(`#   ${line}`);
        }
    }
}
process.exitCode = results.some((r) => r.problems.length > 0) || counts.some(([, c]) => c === 0) ? 1 : 0;
