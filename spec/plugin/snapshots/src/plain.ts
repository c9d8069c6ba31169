// No async function: the plugin leaves this file's Lua as TypeScriptToLua made it.
export function plain(): number {
    return 1;
}
