// Deep chains of async calls, each starting the next inside its own call (the plugin's tasks
// start so up to a depth, then queued: Lua 5.1 limits nested coroutine resumes). The three
// chains end in an order of their own ("~": compared without it).
async function depth(n: number): Promise<number> {
    if (n === 0) {
        return 0;
    }
    return (await depth(n - 1)) + 1;
}
async function noAwaitDepth(n: number): Promise<number> {
    return n === 0 ? 0 : noAwaitDepth(n - 1);
}
let entered = 0;
async function enters(n: number): Promise<void> {
    entered += 1;
    if (n > 0) {
        await enters(n - 1);
    }
}
depth(1000).then((value) => console.log(`~depth: ${value}`));
noAwaitDepth(500).then((value) => console.log(`~noAwaitDepth: ${value}`));
enters(300).then(() => console.log(`~entered: ${entered}`));

export {};
