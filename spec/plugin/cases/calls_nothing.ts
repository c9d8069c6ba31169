// Async functions whose bodies call nothing (the plugin runs them to their end in the call, with
// no coroutine): their effects are there right after the call, their values and errors reach
// awaits and callbacks as any async function's do. Lines starting with "~" come from
// continuations of different promises (see start_order.ts).
let counter = 0;
async function bump(step: number): Promise<number> {
    counter += step;
    return counter;
}
const bumped = bump(2);
console.log(`after the call: ${counter}`);
bumped.then((value) => console.log(`~bump settled with ${value}`));

async function nothing(): Promise<void> {}
nothing().then(() => console.log("~nothing settled"));

class Box {
    value = 7;
    async get(): Promise<number> {
        return this.value;
    }
}
const box = new Box();

const makeAdder = async (n: number) => (x: number) => x + n;

// An error without a call: indexing undefined.
async function fails(o: { inner?: { field: number } }): Promise<number> {
    return o.inner!.field;
}

async function main(): Promise<void> {
    console.log(`awaited: ${await bump(3)}`);
    console.log(`method: ${await box.get()}`);
    const add = await makeAdder(10);
    console.log(`adder: ${add(5)}`);
    try {
        await fails({});
        console.log("not reached");
    } catch {
        console.log("caught the error of a body that calls nothing");
    }
    let total = 0;
    for (let i = 1; i <= 3; i++) {
        total += await bump(i);
    }
    console.log(`total: ${total}, counter: ${counter}`);
}
console.log("before main");
main().then(() => console.log("~main settled"));
console.log("after main");
fails({}).catch(() => console.log("~caught by a callback attached after the call"));

export {};
