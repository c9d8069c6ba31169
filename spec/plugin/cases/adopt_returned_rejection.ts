// A rejected promise an async function returns rejects the function, and is reported when no
// one handles it.
async function rejects(): Promise<string> {
    return Promise.reject("no");
}
async function failing(): Promise<string> {
    await null;
    throw "failed later";
}
async function passesOn(): Promise<string> {
    return failing();
}
async function failsAtOnce(): Promise<string> {
    throw "failed at once";
}
async function passesOnAtOnce(): Promise<string> {
    return failsAtOnce();
}
async function main(): Promise<void> {
    try {
        await rejects();
        console.log("not reached");
    } catch (e) {
        console.log(`caught: ${e}`);
    }
    try {
        await passesOn();
        console.log("not reached");
    } catch (e) {
        console.log(`caught: ${e}`);
    }
    rejects().catch((e) => console.log(`catch: ${e}`));
    passesOnAtOnce().catch((e) => console.log(`catch: ${e}`));
}
main();
// No one handles these: each is reported once.
rejects();
passesOnAtOnce();

export {};
