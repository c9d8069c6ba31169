// An addon written in ordinary async TypeScript: the wow-asyncawait plugin (tsconfig.json's
// luaPlugins) compiles its async functions to tasks on AsyncAwait's shared, frame-budgeted
// scheduler, attributed to this addon, and its awaits to AsyncAwait's.
import * as AA from "wow-asyncawait";

async function double(x: number): Promise<number> {
    await AA.sleep(0.05);
    return x * 2;
}

const triple = async (x: number) => x * 3;

class BagScanner {
    constructor(private readonly bags: number) {}

    async count(): Promise<number> {
        let total = 0;
        for (let bag = 0; bag < this.bags; bag++) {
            total += await double(bag);
        }
        return total;
    }
}

/** try/catch/finally around await, with continue, break and return inside. */
async function steps(): Promise<string> {
    let log = "";
    for (const i of [1, 2, 3, 4, 5]) {
        try {
            if (i === 2) continue;
            if (i === 4) break;
            if (i === 3) throw `e${i}`;
            log += `t${await triple(i)}`;
        } catch (e) {
            log += `c${e}`;
        } finally {
            log += "f";
        }
    }
    try {
        await AA.nextFrame();
        return `${log} returned`;
    } finally {
        log += " (finally ran)";
    }
}

async function main(): Promise<void> {
    const [isInitialLogin] = AA.waitForEvent("PLAYER_ENTERING_WORLD");
    const scanned = await new BagScanner(4).count();
    const [a, b] = await Promise.all([double(5), triple(5)]);
    const fromPromise = await new Promise<string>((resolve) => resolve("a promise"));
    const plain = await 7;
    print(`TsPlugin: ${scanned} ${a} ${b} ${fromPromise} ${plain} (initial login: ${tostring(isInitialLogin)})`);
    print(`TsPlugin: ${await steps()}`);
}

main();

// Nobody awaits this one: its error is reported, naming this file and line.
async function forgotten(): Promise<void> {
    await AA.nextFrame();
    throw "TsPlugin: an unhandled rejection";
}
forgotten();

// Plain code fails in a task too: the report names this file and the failing line, not the
// bundle's (the plugin gives the library each emitted file's line map).
AA.async(() => {
    error("TsPlugin: a plain function failed");
})();
