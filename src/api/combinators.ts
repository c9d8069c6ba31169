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
import { Gate, Rule, counted, openGate, settleGate, settleGateAs } from "../core/gates";
import { isTask } from "../core/kernel";
import type { LuaArray } from "../core/types";
import { FAILED, Slot, TaskRecord } from "../core/task";
import type { Future, Packed } from "./types";

/**
 * The length of a list of futures `{ f1, f2, ... }` (or one with `n`), or what is wrong with the
 * call (the public function raises it: raiseAtCaller names its caller). openGate checks each.
 */
function listOf(call: string, list: unknown, extra: number): LuaMultiReturn<[number, string | undefined]> {
    if (type(list) !== "table" || isTask(list)) {
        const got = isTask(list) ? "a future (put it in a list: { future })" : describe(list);
        return $multi(0, `AsyncAwait: ${call}: expected a list of futures, got ${got}`);
    }
    if (extra > 0) {
        return $multi(0, tooManyArguments(call, 1, 1 + extra));
    }
    const given = list as { n?: unknown };
    return $multi(type(given.n) === "number" ? (given.n as number) : (list as unknown[]).length, undefined);
}

/** Opens the gate of combinator `name` over `list`, raising at the public function's caller. */
function openOrRaise(name: string, list: unknown, extra: number, rule: Rule, empty?: string): LuaMultiReturn<[TaskRecord, Gate]> {
    const [n, problem] = listOf(`${name}(futures)`, list, extra);
    if (problem !== undefined) {
        raiseAtCaller(problem, 1);
    }
    if (n === 0 && empty !== undefined) {
        raiseAtCaller(`AsyncAwait: ${name}(futures): ${empty}`, 1);
    }
    const [task, gate, bad] = openGate(name, list as LuaArray<unknown>, n, rule);
    if (bad !== undefined) {
        raiseAtCaller(bad, 1);
    }
    return $multi(task, gate);
}

function allRule(gate: Gate, input: TaskRecord): void {
    // counted(gate, input), inline: this runs once per input of every all().
    if (gate.settled) {
        return;
    }
    const unfinished = gate.unfinished - 1;
    gate.unfinished = unfinished;
    if (input[Slot.ResultCount] === FAILED) {
        input.observed = true;
        settleGate(gate, "all() failed", true, input.error);
    } else if (unfinished === 0) {
        // Every input returned: the list of inputs (a copy of the caller's) becomes the list of
        // their first values, in input order. The gate has nothing left to release.
        const list = gate.inputs as LuaArray<unknown> & { n?: number };
        const n = gate.count;
        gate.inputs = {};
        gate.count = 0;
        for (const i of $range(1, n)) {
            list[i] = (list[i] as TaskRecord)[Slot.FirstResult]; // nil when it returned nothing (finish clears it)
        }
        list.n = n;
        settleGate(gate, undefined, false, list);
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
export function all<T extends Future<unknown>[]>(
    futures: T,
    ...extra: unknown[]
): Future<Packed & { [K in keyof T]: T[K] extends Future<infer R> ? R : never }> {
    const [task, gate] = openOrRaise("all", futures, select("#", ...extra), allRule);
    if (gate.count === 0) {
        settleGate(gate, undefined, false, { n: 0 });
    }
    return task as never;
}

function allSettledRule(gate: Gate, input: TaskRecord): void {
    if (counted(gate, input) && gate.unfinished === 0) {
        settleAll(gate);
    }
}

/** Settles an allSettled gate with the list of its inputs (its copy of the caller's: all dead). */
function settleAll(gate: Gate): void {
    const list = gate.inputs as LuaArray<TaskRecord> & { n?: number };
    list.n = gate.count;
    gate.inputs = {};
    gate.count = 0;
    settleGate(gate, undefined, false, list);
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
    const [task, gate] = openOrRaise("allSettled", futures, select("#", ...extra), allSettledRule);
    if (gate.count === 0) {
        settleAll(gate);
    }
    return task as never;
}

function anyRule(gate: Gate, input: TaskRecord): void {
    if (!counted(gate, input)) {
        return;
    }
    if (input[Slot.ResultCount] !== FAILED) {
        settleGateAs(gate, "any() settled", input);
    } else if (gate.unfinished === 0) {
        // Every input failed: their errors, in input order.
        const errors: LuaArray<unknown> & { n?: number } = {};
        for (const i of $range(1, gate.count)) {
            errors[i] = gate.inputs[i].error;
        }
        errors.n = gate.count;
        const err = runtimeError("AllFailed", `AsyncAwait: any(futures): all ${gate.count} futures failed`) as { errors?: unknown };
        err.errors = errors;
        settleGate(gate, undefined, true, err);
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
    const [task, gate] = openOrRaise("any", futures, select("#", ...extra), anyRule);
    if (gate.count === 0) {
        const err = runtimeError("AllFailed", "AsyncAwait: any(futures): no futures given") as { errors?: unknown };
        err.errors = { n: 0 };
        settleGate(gate, undefined, true, err);
    }
    return task as never;
}

function raceRule(gate: Gate, input: TaskRecord): void {
    if (counted(gate, input)) {
        settleGateAs(gate, "race() settled", input);
    }
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
    return openOrRaise(
        "race",
        futures,
        select("#", ...extra),
        raceRule,
        "expected at least one future (a race of none never ends)",
    )[0] as never;
}
