// An async function's body runs inside the call, up to its first await. Lines starting with
// "~" come from continuations of different promises (then callbacks, bodies resumed): they are
// compared without their order, which follows the scheduler's queue here and the microtask
// queue in JavaScript (see the README's plugin section).
let state = "initial";
async function setsState(): Promise<void> {
    state = "set before the first await";
    await null;
    state = "set after it";
}
const settingState = setsState();
console.log(`after the call: ${state}`);
settingState.then(() => console.log(`~once settled: ${state}`));

let ran = false;
async function noAwait(): Promise<number> {
    ran = true;
    console.log("no-await body");
    return 1;
}
console.log("before noAwait");
const one = noAwait();
console.log(`after noAwait: ran ${ran}`);
one.then((value) => console.log(`~noAwait settled with ${value}`));

// A resolve captured in a Promise executor, inside the body, is there right after the call.
let release: (() => void) | undefined;
async function waitsForRelease(): Promise<void> {
    console.log("waiting for release");
    await new Promise<void>((resolve) => {
        release = resolve;
    });
    console.log("~released");
}
waitsForRelease();
console.log(`release captured: ${release !== undefined}`);
release!();

// try/catch/finally with nothing to wait for runs in the call too.
async function tryCatch(): Promise<string> {
    try {
        console.log("try");
        throw "thrown";
    } catch (e) {
        console.log(`catch ${e}`);
    } finally {
        console.log("finally");
    }
    console.log("after try");
    return "tryCatch's value";
}
console.log("before tryCatch");
tryCatch().then((value) => console.log(`~tryCatch: ${value}`));
console.log("after tryCatch");

// A body that throws before any await: its promise rejects; handled right after the call, it
// is not reported.
async function throwsAtOnce(): Promise<void> {
    console.log("throwsAtOnce runs");
    throw "thrown at once";
}
throwsAtOnce().catch((e) => console.log(`~caught ${e}`));

export {};
