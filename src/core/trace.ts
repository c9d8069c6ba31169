/** @noSelfInFile */
/**
 * Stack traces as an addon author wants them: the library's own frames left out. Tracebacks are
 * taken by the configured tracer (debug.traceback, or the client's debugstack: the client has no
 * debug library); frames are the library's when their source is a built copy of the library
 * (AsyncAwait/AsyncAwait.lua, this one or another addon's) or, in the spec build, a module
 * under the same src/ root. A copy bundled into a TypeScript addon's own file shares its source
 * with the addon's code: there, only the other copies' frames can be told apart.
 */
import type { AnyFunction } from "./types";
import { coreState } from "./state";

/** The source of this module's own code, as positions and tracebacks print it. */
const librarySource = ((): string => {
    const [, here] = pcall(error, "", 2); // "source:line: " of this module's main chunk
    const [source] = string.match(here as string, "^(.-):%d+: $");
    return string.gsub(source ?? "", "core/trace%.lua$", "")[0];
})();

/** Whether this copy's source is its own (the built file, or the spec build's src/ root), not an addon's bundle. */
const ownSource = string.find(librarySource, "AsyncAwait%.lua$")[0] !== undefined || string.sub(librarySource, -1) === "/";
/**
 * What a frame of this copy's source starts with, or (error positions cut a long source to its
 * last characters, "...", where tracebacks print it whole) contains.
 */
const [sourceTail] = string.match(librarySource, "^%.%.%.(.*)$");

/** Whether a traceback line (leading whitespace trimmed) is a frame of the library or of C code. */
function isLibraryFrame(line: string): boolean {
    return (
        (ownSource &&
            librarySource !== "" &&
            (sourceTail !== undefined
                ? string.find(line, sourceTail, 1, true)[0] !== undefined
                : string.sub(line, 1, librarySource.length) === librarySource)) ||
        // Any built copy (another addon's too), with either separator.
        string.find(line, "AsyncAwait[/\\]AsyncAwait%.lua:%d")[0] !== undefined ||
        string.sub(line, 1, 4) === "[C]:" ||
        string.sub(line, 1, 11) === "(tail call)"
    );
}

/**
 * `trace` without the library's frames anywhere (what calls a task's body, what raised a bad
 * input's error): the frames of the addon's own code, as a report shows them. All of it, should
 * nothing else be left.
 */
export function addonFrames(trace: string): string {
    const kept: string[] = [];
    for (const [raw] of string.gmatch(trace, "[^\n]+")) {
        const [line] = string.match(raw, "^%s*(.-)%s*$");
        if (line !== "" && line !== "stack traceback:" && !isLibraryFrame(line!)) {
            kept.push(line!);
        }
    }
    return kept.length > 0 ? kept.join("\n") : trace;
}

/** `trace` without its header and without the library's frames on top. */
export function withoutLibraryFrames(trace: string): string {
    const kept: string[] = [];
    for (const [raw] of string.gmatch(trace, "[^\n]+")) {
        const [line] = string.match(raw, "^%s*(.-)%s*$");
        if (line !== "" && line !== "stack traceback:" && (kept.length > 0 || !isLibraryFrame(line!))) {
            kept.push(line!);
        }
    }
    return kept.join("\n");
}

/** Where the running code is, without the library's frames (traceCreation records it per task). */
export function currentTrace(): string {
    return withoutLibraryFrames(coreState.tracer(undefined, "", 1));
}

/** "file:line" of a position as error() prefixes it ("file:line: "), if it is one. */
export function positionOf(where: string): string | undefined {
    const [position] = string.match(where, "^(.-): $");
    return position;
}

/** Where the async function running `body` was made, if known. */
export function madeAt(body: AnyFunction): string | undefined {
    return coreState.madeAt.get(body);
}
