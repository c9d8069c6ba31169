/** @noSelfInFile */
/**
 * Stack traces as an addon author wants them: the library's own frames left out. Tracebacks are
 * taken by the configured tracer (debug.traceback, or the client's debugstack: the client has no
 * debug library); frames are the library's when their source is this bundle (or, in the spec
 * build, a module under the same src/ root).
 */
import type { AnyFunction } from "./scheduler";
import { S } from "./state";

/** The source of this module's own code, as positions and tracebacks print it. */
const librarySource = ((): string => {
    const [, here] = pcall(error, "", 2); // "source:line: " of this module's main chunk
    const [source] = string.match(here as string, "^(.-):%d+: $");
    return string.gsub(source ?? "", "core/trace%.lua$", "")[0];
})();

/** Whether a traceback line (leading whitespace trimmed) is a frame of the library or of C code. */
function isLibraryFrame(line: string): boolean {
    return (
        (librarySource !== "" && string.sub(line, 1, librarySource.length) === librarySource) ||
        string.sub(line, 1, 4) === "[C]:" ||
        string.sub(line, 1, 11) === "(tail call)"
    );
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
    return withoutLibraryFrames(S.tracer(undefined, "", 1));
}

/** Records where `body` was made an async function ("file:line"), once per async(fn) call. */
export function recordMadeAt(body: AnyFunction, where: string): void {
    const [position] = string.match(where, "^(.-): $");
    if (position !== undefined) {
        S.madeAt.set(body, position);
    }
}

/** Where the async function running `body` was made, if known. */
export function madeAt(body: AnyFunction): string | undefined {
    return S.madeAt.get(body);
}
