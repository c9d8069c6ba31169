// No async function here: the plugin leaves this file's Lua as it is ("@N" is on line N).
export function plain(log: (s: string) => void): void {
    log("@3");
}
