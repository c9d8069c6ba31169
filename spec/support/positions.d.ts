/** @noSelfInFile */
// Types for spec/support/positions.lua.

/** The TypeScript file and line of a Lua position, if its file has a source map that maps it. */
export function lookup(luaPath: string, line: number): LuaMultiReturn<[string, number] | []>;
/** `text` with every "file.lua:LINE" that has a TypeScript position rewritten to "file.ts:LINE". */
export function rewrite(text: string): string;
/** Makes busted report the spec files it loads at their TypeScript positions. */
export function install(): void;
