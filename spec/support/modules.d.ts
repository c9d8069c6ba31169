/** @noSelfInFile */
// Types for spec/support/modules.lua.

/** Forgets every loaded src module, then requires `names` anew and returns them by name. */
export function reload(names: string[]): LuaTable<string, any>;
