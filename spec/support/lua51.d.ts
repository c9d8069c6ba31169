/** @noSelfInFile */
// For specs: Lua's `error` takes any value, not only strings (lua-types types it for strings).
declare function error(this: void, value: unknown, level?: number): never;
