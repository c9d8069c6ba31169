/** @noSelfInFile */
// Declarations the lua-types subset lacks or types too narrowly for our use.

/** Lua's `error` takes any value, not only strings; level 0 re-raises it unchanged. */
declare function error(this: void, value: unknown, level?: number): never;
