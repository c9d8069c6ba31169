// The plugin's "start": "deferred" option: every body starts when the scheduler runs its task,
// not inside the call (the Lua API's async does the same). Not JavaScript's order: this case's
// expected output is deferred_start.expected, not node's.
let state = "initial";
async function setsState(): Promise<string> {
    state = "set by the body";
    return "value";
}
async function tryCatch(): Promise<void> {
    try {
        console.log("try");
        throw "thrown";
    } catch (e) {
        console.log(`catch ${e}`);
    }
}
console.log("before the call");
const future = setsState();
console.log(`after the call: ${state}`);
tryCatch();
console.log("after tryCatch");
future.then((value) => console.log(`settled with ${value}: ${state}`));

// A returned promise is adopted in this mode too.
async function adopts(): Promise<string> {
    return Promise.resolve("adopted");
}
adopts().then((value) => console.log(`adopts: ${value}`));

export {};
