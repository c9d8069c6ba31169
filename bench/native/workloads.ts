/**
 * The benchmark workloads as ordinary TypeScript async/await, compiled twice: by TSTL alone
 * (native.lua: each async call is a coroutine plus a lualib Promise) and with the
 * wow-asyncawait plugin (plugin.lua: each is an AsyncAwait task). TSTL has no scheduler, so
 * yields go through a tiny tick queue: `tick()` parks the caller until `drain()` resolves it on
 * the next pass; the plugin build uses AsyncAwait's yield and scheduleAll instead (useRuntime).
 */
let queue: (() => void)[] = [];

function promiseTick(this: void): Promise<void> {
    return new Promise<void>((resolve) => {
        queue.push(() => resolve());
    });
}

/** Resolves parked ticks, pass after pass, until none is left. */
function drainQueue(this: void): void {
    while (queue.length > 0) {
        const batch = queue;
        queue = [];
        for (const resume of batch) {
            resume();
        }
    }
}

let tick: (this: void) => unknown = promiseTick;
let drain: (this: void) => void = drainQueue;

/** Replaces the tick queue (the plugin build: AsyncAwait's yield and scheduleAll). */
export function useRuntime(this: void, yieldTurn: (this: void) => unknown, runAll: (this: void) => void): void {
    tick = yieldTurn;
    drain = runAll;
}

async function identity(this: void, x: number): Promise<number> {
    return x;
}

export function spawn(this: void, n: number): number {
    const futures: Promise<number>[] = [];
    for (let i = 1; i <= n; i++) {
        futures.push(identity(i));
    }
    let sum = 0;
    const main = async () => {
        for (const f of futures) {
            sum += await f;
        }
    };
    main();
    drain();
    return sum;
}

export function switchTasks(this: void, tasks: number, yields: number): number {
    let count = 0;
    const worker = async () => {
        for (let i = 0; i < yields; i++) {
            count++;
            await tick();
        }
    };
    for (let t = 0; t < tasks; t++) {
        worker();
    }
    drain();
    return count;
}

export function awaitChildren(this: void, parents: number, children: number): number {
    let total = 0;
    const child = async (x: number) => {
        await tick();
        return x;
    };
    const parent = async () => {
        for (let j = 1; j <= children; j++) {
            const v = await child(j);
            total += v;
        }
    };
    for (let p = 0; p < parents; p++) {
        parent();
    }
    drain();
    return total;
}

export function fanout(this: void, n: number): number {
    let sum = 0;
    const parent = async () => {
        const futures: Promise<number>[] = [];
        for (let i = 1; i <= n; i++) {
            futures.push(identity(i));
        }
        for (const f of futures) {
            const v = await f;
            sum += v;
        }
    };
    parent();
    drain();
    return sum;
}

export function live(this: void, n: number): () => number {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
        open = () => resolve();
    });
    let released = 0;
    const waiter = async () => {
        await gate;
        released++;
    };
    for (let i = 0; i < n; i++) {
        waiter();
    }
    return () => {
        open();
        drain();
        return released;
    };
}
