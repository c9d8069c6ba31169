/** @noSelfInFile */
/**
 * Combinators over futures: all, allSettled, any, race. Each returns the future of a task that
 * settles by the combinator's rule (src/core/gates.ts), usable with await inside a task and
 * forced from plain code alike. Inputs the result no longer needs are cancelled unless another
 * task or combinator waits for them: the others once one fails (all), once one settles (race)
 * or succeeds (any). Errors keep their values and kinds; a cancelled input's error is a
 * Cancelled one.
 */
import { describe, raiseAtCaller, runtimeError, tooManyArguments } from "../core/errors";
import { Gate, adopt, openGate, settle } from "../core/gates";
import { isTask } from "../core/scheduler";
import type { LuaArray } from "../core/state";
import { FAILED, PENDING, Slot, TaskRecord } from "../core/task";
import type { Future, Packed } from "./types";

/**
 * The futures of a list `{ f1, f2, ... }` (or one with `n`), copied, and their count; or what is
 * wrong with the call (the public function raises it: raiseAtCaller names its caller).
 */
function futuresOf(call: string, list: unknown, extra: number): LuaMultiReturn<[LuaArray<TaskRecord>, number, string | undefined]> {
    const futures: LuaArray<TaskRecord> = {};
    if (type(list) !== "table" || isTask(list)) {
        const got = isTask(list) ? "a future (put it in a list: { future })" : describe(list);
        return $multi(futures, 0, `AsyncAwait: ${call}: expected a list of futures, got ${got}`);
    }
    if (extra > 0) {
        return $multi(futures, 0, tooManyArguments(call, 1, 1 + extra));
    }
    const given = list as LuaArray<unknown> & { n?: unknown };
    const n = type(given.n) === "number" ? (given.n as number) : (given as unknown[]).length;
    for (const i of $range(1, n)) {
        const future = given[i];
        if (!isTask(future)) {
            return $multi(futures, 0, `AsyncAwait: ${call}: expected a future at position ${i}, got ${describe(future)}`);
        }
        if (future[Slot.State] === PENDING) {
            return $multi(futures, 0, `AsyncAwait: ${call}: the task at position ${i} is pending; start it with startTask(task) first`);
        }
        futures[i] = future;
    }
    return $multi(futures, n, undefined);
}

function allRule(gate: Gate, index: number, input: TaskRecord): void {
    const count = input[Slot.Count] as number;
    if (count === FAILED) {
        settle(gate, "all() failed", true, input.error);
        return;
    }
    gate.acc[index] = count > 0 ? input[Slot.Values] : undefined;
    if (gate.open === 0) {
        gate.acc.n = gate.count;
        settle(gate, undefined, false, gate.acc);
    }
}

/**
 * A future of every input's first value, in a list `{ n = #futures, v1, v2, ... }` (nils kept),
 * once all have returned; or of the first error (the others are then cancelled, unless
 * another task or combinator waits for them).
 *
 * ```lua
 * local r = AsyncAwait.await(AsyncAwait.all({ loadBags(), loadBank(), loadMail() }))
 * print(r[1], r[2], r[3])
 * ```
 */
export function all<T extends Future<unknown>[]>(futures: T, ...extra: unknown[]): Future<Packed & { [K in keyof T]: T[K] extends Future<infer R> ? R : never }> {
    const [inputs, n, problem] = futuresOf("all(futures)", futures, select("#", ...extra));
    if (problem !== undefined) {
        raiseAtCaller(problem);
    }
    const [task, gate] = openGate(`all(${n} futures)`, inputs, n, allRule);
    if (n === 0) {
        settle(gate, undefined, false, { n: 0 });
    }
    return task as never;
}

function allSettledRule(gate: Gate): void {
    if (gate.open === 0) {
        const list: LuaArray<TaskRecord> & { n?: number } = {};
        for (const i of $range(1, gate.count)) {
            list[i] = gate.inputs[i];
        }
        list.n = gate.count;
        settle(gate, undefined, false, list);
    }
}

/**
 * A future of the list of the inputs, `{ n = #futures, task1, task2, ... }`, once every one is
 * dead, however it ended: read each one's `result`, `error` and `cancelled`. It never fails, and
 * cancels nothing.
 *
 * ```lua
 * for _, task in ipairs(AsyncAwait.await(AsyncAwait.allSettled(jobs))) do
 *   if task.error then print("failed:", task.error) end
 * end
 * ```
 */
export function allSettled<T extends Future<unknown>[]>(futures: T, ...extra: unknown[]): Future<T & { n: number }> {
    const [inputs, n, problem] = futuresOf("allSettled(futures)", futures, select("#", ...extra));
    if (problem !== undefined) {
        raiseAtCaller(problem);
    }
    const [task, gate] = openGate(`allSettled(${n} futures)`, inputs, n, allSettledRule);
    if (n === 0) {
        allSettledRule(gate);
    }
    return task as never;
}

function anyRule(gate: Gate, index: number, input: TaskRecord): void {
    if (input[Slot.Count] !== FAILED) {
        adopt(gate, "any() settled", input);
        return;
    }
    gate.acc[index] = input.error;
    if (gate.open === 0) {
        gate.acc.n = gate.count;
        const err = runtimeError("AllFailed", `AsyncAwait: any(futures): all ${gate.count} futures failed`) as { errors?: unknown };
        err.errors = gate.acc;
        settle(gate, undefined, true, err);
    }
}

/**
 * A future of the values of the first input to return (the others are then cancelled, unless
 * another task or combinator waits for them); if every one fails, of an AllFailed error whose
 * `errors` lists theirs in input order. An empty list fails at once.
 *
 * ```lua
 * local realm = AsyncAwait.await(AsyncAwait.any({ askServerA(), askServerB() }))
 * ```
 */
export function any<R>(futures: Future<R>[], ...extra: unknown[]): Future<R> {
    const [inputs, n, problem] = futuresOf("any(futures)", futures, select("#", ...extra));
    if (problem !== undefined) {
        raiseAtCaller(problem);
    }
    const [task, gate] = openGate(`any(${n} futures)`, inputs, n, anyRule);
    if (n === 0) {
        const err = runtimeError("AllFailed", "AsyncAwait: any(futures): no futures given") as { errors?: unknown };
        err.errors = { n: 0 };
        settle(gate, undefined, true, err);
    }
    return task as never;
}

function raceRule(gate: Gate, _index: number, input: TaskRecord): void {
    adopt(gate, "race() settled", input);
}

/**
 * A future of the outcome of the first input to end: its values or its error. The others are
 * then cancelled, unless another task or combinator waits for them.
 *
 * ```lua
 * local first = AsyncAwait.await(AsyncAwait.race({ fromCache(key), fromServer(key) }))
 * ```
 */
export function race<R>(futures: Future<R>[], ...extra: unknown[]): Future<R> {
    const [inputs, n, problem] = futuresOf("race(futures)", futures, select("#", ...extra));
    if (problem !== undefined) {
        raiseAtCaller(problem);
    }
    if (n === 0) {
        raiseAtCaller("AsyncAwait: race(futures): expected at least one future (a race of none never ends)");
    }
    return openGate(`race(${n} futures)`, inputs, n, raceRule)[0] as never;
}
