// Compiled with "rewrite": false (line maps only): TypeScriptToLua's own async function stays,
// and the library's report of a task failing in this file names this file's line.
declare const LibStub: (this: void, major: string) => { async(this: void, fn: (this: void) => void): (this: void) => unknown };
declare function error(this: void, message: string): never;
const AA = LibStub("AsyncAwait-1.0");
function explode(): void {
    error("exploded");
}
AA.async(() => explode())();
async function plain(): Promise<number> {
    return 1;
}
plain().then((v) => console.log(`plain ${v}`));
