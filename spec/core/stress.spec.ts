/**
 * Randomized task graphs and deep await chains. Each seed builds a graph of tasks that spawn,
 * await, join, yield, fail and force-complete each other (only ever waiting on tasks with higher
 * ids, so the graph has no cycle), runs it with a mix of schedule() steps and forced awaits from
 * plain code, and checks the scheduler's invariants against a model computed from the scripts.
 */
import { freshLibrary } from "../support/fresh";
import type { Future } from "../../src/api/types";

/** A small deterministic PRNG (LCG), independent of math.random. */
function rng(this: void, seed: number): (this: void, n: number) => number {
    let x = seed;
    return (n: number) => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return (x % n) + 1;
    };
}

type Op =
    | { kind: "yield" }
    | { kind: "spawn"; child: number }
    | { kind: "await"; target: number }
    | { kind: "join"; target: number }
    | { kind: "force"; target: number }
    | { kind: "error" };

interface Model {
    scripts: Op[][];
    roots: number[];
}

function buildModel(this: void, random: (n: number) => number, count: number): Model {
    const scripts: Op[][] = [];
    const roots: number[] = [];
    const spawnedBy: number[] = [];
    for (const id of $range(1, count)) {
        scripts[id - 1] = [];
        // Each task is spawned by plain code (a root) or by a task with a lower id.
        const parent = id === 1 || random(4) === 1 ? 0 : random(id - 1);
        spawnedBy[id - 1] = parent;
        if (parent === 0) {
            roots.push(id);
        } else {
            scripts[parent - 1].push({ kind: "spawn", child: id });
        }
    }
    for (const id of $range(1, count)) {
        const script = scripts[id - 1];
        const known: number[] = roots.filter((r) => r > id);
        const ops: Op[] = [];
        for (const op of script) {
            ops.push(op);
            if (op.kind === "spawn") {
                known.push(op.child);
            }
            const extra = random(6);
            if (extra === 1) {
                ops.push({ kind: "yield" });
            } else if (extra <= 3 && known.length > 0) {
                const target = known[random(known.length) - 1];
                const how = random(3);
                ops.push(how === 1 ? { kind: "await", target } : how === 2 ? { kind: "join", target } : { kind: "force", target });
            }
        }
        if (known.length > 0 && random(3) === 1) {
            ops.push({ kind: "await", target: known[random(known.length) - 1] });
        }
        if (random(8) === 1) {
            ops.splice(random(ops.length + 1) - 1, 0, { kind: "error" });
        }
        scripts[id - 1] = ops;
    }
    return { scripts, roots };
}

/** The error object a task ends with under the model, or undefined when it succeeds. */
function expectedError(this: void, model: Model, errors: object[], id: number, memo: Map<number, object | false>): object | undefined {
    const known = memo.get(id);
    if (known !== undefined) {
        return known === false ? undefined : known;
    }
    let result: object | false = false;
    for (const op of model.scripts[id - 1]) {
        if (op.kind === "error") {
            result = errors[id - 1];
            break;
        }
        if (op.kind === "await") {
            const e = expectedError(model, errors, op.target, memo);
            if (e !== undefined) {
                result = e;
                break;
            }
        }
    }
    memo.set(id, result);
    return result === false ? undefined : result;
}

function runSeed(this: void, seed: number, count: number): string[] {
    const L = freshLibrary();
    const A = L.api;
    const random = rng(seed);
    const model = buildModel(random, count);
    const errors: object[] = [];
    for (const id of $range(1, count)) {
        errors[id - 1] = { id };
    }
    const memo = new Map<number, object | false>();
    const futures: Future<LuaMultiReturn<[number, undefined, number]>>[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const owner = new LuaTable<LuaThread, number>();
    const problems: string[] = [];

    const checkValues = (who: number, target: number, a: unknown, b: unknown, c: unknown, n: number) => {
        if (n !== 3 || a !== target || b !== undefined || c !== target * 2) {
            problems.push(`task ${who} saw wrong values from ${target}`);
        }
    };
    const checkEnded = (who: number, target: number) => {
        const f = futures[target - 1];
        if (f.state !== "dead") {
            problems.push(`task ${who} joined ${target} but it is ${f.state}`);
        } else if (f.error !== expectedError(model, errors, target, memo)) {
            problems.push(`task ${who} saw the wrong error from ${target}`);
        }
    };
    const claim = (id: number) => {
        const me = coroutine.running()!;
        const previous = owner.get(me);
        if (previous !== undefined && previous !== id && futures[previous - 1].state !== "dead") {
            problems.push(`tasks ${previous} and ${id} share a coroutine`);
        }
        owner.set(me, id);
    };

    const body = A.async((id: number) => {
        starts[id - 1] = (starts[id - 1] ?? 0) + 1;
        for (const op of model.scripts[id - 1]) {
            claim(id);
            if (op.kind === "yield") {
                A.yield();
            } else if (op.kind === "spawn") {
                futures[op.child - 1] = body(op.child);
            } else if (op.kind === "await") {
                const [a, b, c] = A.await(futures[op.target - 1]);
                checkValues(id, op.target, a, b, c, 3);
            } else if (op.kind === "join") {
                A.joinTask(futures[op.target - 1]);
                checkEnded(id, op.target);
            } else if (op.kind === "force") {
                // Await from a coroutine the scheduler does not own: completes synchronously.
                const co = coroutine.create(() => {
                    A.joinTask(futures[op.target - 1]);
                });
                const [ok, err] = coroutine.resume(co);
                if (!ok) {
                    problems.push(`task ${id} could not force ${op.target}: ${tostring(err)}`);
                }
                checkEnded(id, op.target);
            } else {
                ends[id - 1] = (ends[id - 1] ?? 0) + 1;
                error(errors[id - 1]);
            }
        }
        claim(id);
        ends[id - 1] = (ends[id - 1] ?? 0) + 1;
        return $multi(id, undefined, id * 2);
    });

    for (const id of model.roots) {
        futures[id - 1] = body(id);
    }
    // Drive: mostly schedule() steps, sometimes a forced join of a root from plain code.
    while (true) {
        if (random(10) === 1) {
            const id = model.roots[random(model.roots.length) - 1];
            A.joinTask(futures[id - 1]);
            checkEnded(0, id);
        } else if (!A.schedule()) {
            break;
        }
    }
    A.scheduleAll();
    if (A.schedule()) {
        problems.push("a runnable task was left behind");
    }
    // Which tasks the model spawns: a script stops at its first failure, so later spawns never happen.
    const spawned = new Set<number>(model.roots);
    for (const id of $range(1, count)) {
        if (!spawned.has(id)) {
            continue;
        }
        for (const op of model.scripts[id - 1]) {
            if (op.kind === "error" || (op.kind === "await" && expectedError(model, errors, op.target, memo) !== undefined)) {
                break;
            }
            if (op.kind === "spawn") {
                spawned.add(op.child);
            }
        }
    }
    for (const id of $range(1, count)) {
        const f = futures[id - 1];
        const expected = expectedError(model, errors, id, memo);
        if (f === undefined || !spawned.has(id)) {
            if (f !== undefined || spawned.has(id)) {
                problems.push(`task ${id} spawned against the model`);
            }
        } else if (f.state !== "dead") {
            problems.push(`task ${id} ended ${f.state}`);
        } else if (f.error !== expected) {
            problems.push(`task ${id} ended with the wrong error`);
        } else if (starts[id - 1] !== 1) {
            problems.push(`task ${id} started ${starts[id - 1]} times`);
        } else if ((ends[id - 1] ?? 0) > 1 || (expected === undefined && ends[id - 1] !== 1)) {
            problems.push(`task ${id} ended ${ends[id - 1]} times`);
        } else if (expected === undefined) {
            const [a, b, c] = A.await(f);
            checkValues(0, id, a, b, c, 3);
        }
    }
    const rest = L.introspect.snapshot();
    if (
        rest.forcedDepth !== 0 ||
        rest.chainTop !== 0 ||
        rest.current !== false ||
        rest.workerRunsNext ||
        rest.queued !== 0 ||
        rest.live !== 0
    ) {
        problems.push("scheduler state not back to rest");
    }
    return problems;
}

describe("randomized task graphs", () => {
    it("end every task exactly once, deliver the right values and errors, leave nothing behind", () => {
        for (const seed of $range(1, 40)) {
            const problems = runSeed(seed, 120);
            assert.are.same([], problems, `seed ${seed}`);
        }
    });
});
