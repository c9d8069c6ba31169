// `await using` in an async function: the block runs first, then each resource is disposed,
// last first; the function settles with the block's value or error.
class Sync implements Disposable {
    constructor(private readonly name: string) {}
    [Symbol.dispose](): void {
        console.log(`dispose ${this.name}`);
    }
}
class Async implements AsyncDisposable {
    constructor(private readonly name: string) {}
    async [Symbol.asyncDispose](): Promise<void> {
        console.log(`async dispose ${this.name} starts`);
        await null;
        console.log(`async dispose ${this.name} ends`);
    }
}
class Failing implements Disposable {
    [Symbol.dispose](): void {
        throw "dispose failed";
    }
}
async function block(): Promise<string> {
    await using a = new Sync("a");
    await using b = new Async("b");
    console.log("block starts");
    await null;
    console.log("block ends");
    return "the block's value";
}
async function noAwaitInside(): Promise<number> {
    await using s = new Sync("s");
    console.log("no await inside");
    return 5;
}
async function throwing(): Promise<string> {
    await using c = new Sync("c");
    console.log("throwing");
    throw "boom";
}
async function throwsAfterAwait(): Promise<string> {
    await using d = new Async("d");
    await null;
    throw "boom after await";
}
async function disposalFails(): Promise<string> {
    await using f = new Failing();
    return "not this";
}
async function both(): Promise<string> {
    await using f = new Failing();
    throw "block failed";
}
async function syncUsing(): Promise<string> {
    using s = new Sync("sync using");
    await null;
    console.log("after an await in a using block");
    return "sync using's value";
}
async function main(): Promise<void> {
    console.log(`block: ${await block()}`);
    console.log(`noAwaitInside: ${await noAwaitInside()}`);
    try {
        await throwing();
    } catch (e) {
        console.log(`caught: ${e}`);
    }
    try {
        await throwsAfterAwait();
    } catch (e) {
        console.log(`caught: ${e}`);
    }
    try {
        await disposalFails();
    } catch (e) {
        console.log(`caught: ${e}`);
    }
    try {
        await both();
    } catch (e) {
        const s = e as { error: unknown; suppressed: unknown };
        console.log(`caught: ${s.error}, suppressing ${s.suppressed}`);
    }
    console.log(`syncUsing: ${await syncUsing()}`);
}
main();

export {};
