// Logs around awaits: each body runs in its call up to its first await, which always returns
// to the caller. Lines starting with "~" are compared without their order: after its first
// await a task runs on until it waits for something unfinished (an await of a value already
// there continues at once), where JavaScript would let every other ready continuation run
// first (see the README's plugin section).
async function a(): Promise<void> {
    console.log("a1");
    await null;
    console.log("~a2");
    await null;
    console.log("~a3");
}
async function b(): Promise<void> {
    console.log("b1");
    await null;
    console.log("~b2");
}
async function calls(): Promise<string> {
    console.log("calls: before a");
    const first = a();
    console.log("calls: between");
    const second = b();
    console.log("calls: after b");
    await first;
    await second;
    return "calls done";
}
console.log("start");
calls().then((value) => console.log(`~${value}`));
console.log("end");

export {};
