/** @noSelfInFile */
/**
 * TypeScript positions in reports. A chunk compiled from TypeScript registers which TypeScript
 * line each of its Lua lines comes from (the wow-asyncawait plugin appends the call to every
 * file it emits, bundle or not, plugin-compiled or plain code); the reports then print
 * "main.ts:12" where Lua printed the chunk's "source:345", in the error and in traceback lines.
 * The client has no debug library: a chunk finds its own source, as positions print it, in an
 * error position (`select(2, pcall(error, "", 2))` is "source:line: ").
 *
 * The maps are kept as registered, one string per chunk, and read only when a report names
 * their source: one entry per Lua line, from line 1, separated by commas: empty (no TypeScript
 * position), `N` (line N of the file the last entry naming one named) or `file:N`.
 */
import { describe, raiseAtCaller, tooManyArguments } from "../core/errors";

/** The glue state's field (see state.ts). */
export interface SourceMapState {
    /** Each registered chunk's line map, by its source. */
    sourceMaps: LuaTable<string, string>;
}

/**
 * The registered maps by chunk source: the client glue's table, shared by every copy.
 * @handedOver WowState (its sourceMaps, bound at start)
 */
let maps = new LuaTable<string, string>();

/** Uses (and keeps) the maps in the shared glue state, so that every copy reports with them. */
export function bindSourceMaps(state: SourceMapState): void {
    state.sourceMaps ??= maps;
    maps = state.sourceMaps;
}

/**
 * Registers a chunk's line map: reports then name the TypeScript file and line of its Lua
 * lines. `source` is the chunk's source as Lua prints it in error positions; `map` has one
 * entry per Lua line, comma-separated: empty, `N` (a line of the last file named) or `file:N`.
 * A second call for the same source replaces its map.
 *
 * ```lua
 * AA.addSourceMap(select(2, pcall(error, "", 2)):match("^(.*):%d+: $"), "main.ts:1,2,,4")
 * ```
 */
export function addSourceMap(source: string, map: string, ...extra: unknown[]): void {
    if (type(source) !== "string" || source === "") {
        raiseAtCaller(`AsyncAwait: addSourceMap(source, map): expected the chunk's source (a string), got ${describe(source)}`);
    }
    if (type(map) !== "string") {
        raiseAtCaller(`AsyncAwait: addSourceMap(source, map): expected the line map (a string), got ${describe(map)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("addSourceMap(source, map)", 2, 2 + select("#", ...extra)));
    }
    maps.set(source, map);
}

/** "file:N" for Lua line `line` of a chunk with line map `map`, or undefined. */
function positionOf(map: string, line: number): string | undefined {
    let file: string | undefined;
    let start = 1;
    for (const i of $range(1, line)) {
        const [comma] = string.find(map, ",", start, true);
        const entry = string.sub(map, start, comma === undefined ? -1 : comma - 1);
        const [name, n] = string.match(entry, "^(.*):(%d+)$");
        if (name !== undefined) {
            file = name;
        }
        if (i === line) {
            const at = n ?? entry;
            return file !== undefined && at !== "" ? `${file}:${at}` : undefined;
        }
        if (comma === undefined) {
            return undefined;
        }
        start = comma + 1;
    }
    return undefined;
}

/**
 * `text` (a report) with each "source:N" of a registered chunk's mapped line as "file.ts:M".
 * A traceback frame at a line of such a chunk that has no TypeScript position is the code the
 * compiler or the bundled library added (what runs a task's body, TypeScriptToLua's helpers):
 * left out, as the library's own frames are.
 */
export function withSourcePositions(text: string): string {
    for (const [source, map] of pairs(maps)) {
        const [pattern] = string.gsub(source, "[%^%$%(%)%%%.%[%]%*%+%-%?]", "%%%0");
        [text] = string.gsub(text, `\n${pattern}:(%d+): in [^\n]*`, ((line: string) =>
            positionOf(map, tonumber(line)!) === undefined ? "" : undefined) as (line: string) => string);
        // (a nil replacement keeps the match: a line with no TypeScript position stays as it is)
        [text] = string.gsub(text, `${pattern}:(%d+)`, ((line: string) => positionOf(map, tonumber(line)!)) as (line: string) => string);
    }
    return text;
}
