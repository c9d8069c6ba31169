// Async methods (with `this`), arrows, and Promise.all/race/allSettled over the plugin's futures.
class Counter {
    private count = 0;
    constructor(private readonly name: string) {}
    async add(n: number): Promise<number> {
        this.count += n;
        console.log(`${this.name} adds ${n} in the call`);
        await null;
        return this.count;
    }
}
async function main(): Promise<void> {
    const counter = new Counter("counter");
    const first = counter.add(1);
    const second = counter.add(2);
    console.log("both added");
    console.log(`all: ${(await Promise.all([first, second])).join(",")}`);
    const double = async (x: number) => x * 2;
    let total = 0;
    for (const pending of [double(1), double(2), Promise.resolve(10)]) {
        total += await pending;
    }
    console.log(`awaited in a loop: ${total}`);
    const winner = await Promise.race([double(21), new Promise<number>(() => undefined)]);
    console.log(`race: ${winner}`);
    const settled = await Promise.allSettled([double(1), Promise.reject("r")]);
    console.log(`allSettled: ${settled.map((s) => s.status).join(",")}`);
}
main().then(() => console.log("main done"));
console.log("main called");

export {};
