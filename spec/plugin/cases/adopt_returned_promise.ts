// A promise or future an async function returns is adopted: its outcome becomes the function's.
async function resolved(): Promise<string> {
    return Promise.resolve("x");
}
async function inner(): Promise<string> {
    await null;
    return "inner's value";
}
async function outer(): Promise<string> {
    return inner();
}
async function pending(): Promise<string> {
    return new Promise<string>((resolve) => {
        resolve("from an executor");
    });
}
async function thenable(): Promise<number> {
    return { then: (resolve: (value: number) => void) => resolve(42) };
}
async function object(): Promise<{ kind: string }> {
    return { kind: "a plain object" };
}
async function main(): Promise<void> {
    console.log(`resolved: ${await resolved()}`);
    console.log(`outer: ${await outer()}`);
    console.log(`pending: ${await pending()}`);
    console.log(`thenable: ${await thenable()}`);
    console.log(`object: ${(await object()).kind}`);
    const arrow = async () => inner();
    console.log(`arrow: ${await arrow()}`);
    outer().then((value) => console.log(`then: ${value}`));
}
main();

export {};
