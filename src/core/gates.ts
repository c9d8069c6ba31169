/** @noSelfInFile */
/**
 * Gates: the mechanism under the combinators (all, allSettled, any, race, timeout). A gate is a
 * Wait its result task is parked on from the start, and a Watcher on each input: when an input
 * dies the combinator's rule decides whether the gate settles, with values or an error. Settling
 * stops watching the other inputs and, where the result no longer needs them, cancels those no
 * one else waits for; then the result task runs and returns the values or raises the error.
 * Cancelling the result task releases the gate the same way. A forced await of the result task
 * runs the inputs (forced.ts follows a gate's `inputs`).
 */
import { cancelTask, cancellation } from "./cancel";
import { addWatcher, forwardingTo, newParkedTask, wakeParked } from "./scheduler";
import { LuaArray, S } from "./state";
import { DEAD, FAILED, Packed, Slot, TaskRecord, Wait, Watcher } from "./task";
import { hasConsumer, removeWaiter } from "./waiters";
import { raiseValue } from "./errors";

/** What a combinator does when input `index` dies: may call settle. */
export type Rule = (this: void, gate: Gate, index: number, input: TaskRecord) => void;

export interface Gate extends Wait {
    inputs: LuaArray<TaskRecord>;
    /** How many inputs, and how many have not died. */
    count: number;
    open: number;
    rule: Rule;
    /** Per input: its watcher while it is watched. */
    watchers: LuaArray<InputWatcher | undefined>;
    settled: boolean;
    /** Its outcome: values, or an error (`failed`). */
    result?: Packed;
    failed: boolean;
    error?: unknown;
    /** Whatever the rule keeps (results so far, errors...). */
    acc: LuaArray<unknown> & { n?: number };
}

interface InputWatcher extends Watcher {
    gate: Gate;
    index: number;
}

function inputDied(watcher: Watcher, input: TaskRecord): void {
    const { gate, index } = watcher as InputWatcher;
    gate.watchers[index] = undefined;
    input.observed = true; // the gate takes its error
    if (!gate.settled) {
        gate.open -= 1;
        gate.rule(gate, index, input);
    }
}

/** The result task's body: the gate's values, or its error raised unchanged. */
function gateResult(gate: Gate): LuaMultiReturn<unknown[]> {
    if (gate.failed) {
        raiseValue(gate.error, 0);
    }
    const values = gate.result!;
    return unpack(values as unknown as unknown[], 1, values.n);
}

/**
 * Stops watching the inputs still open; with `reason`, cancels those no one else waits for
 * (they only mattered to this gate).
 */
function release(gate: Gate, reason: unknown, cancelWith?: unknown): void {
    let err = cancelWith;
    for (const i of $range(1, gate.count)) {
        const watcher = gate.watchers[i];
        if (watcher !== undefined) {
            gate.watchers[i] = undefined;
            const input = gate.inputs[i];
            removeWaiter(input, watcher);
            if (reason !== undefined && input[Slot.State] !== DEAD && !hasConsumer(input)) {
                err ??= cancellation(reason); // one error for every input released
                cancelTask(input, err);
            }
        }
    }
    const timer = gate.timer;
    if (timer !== undefined && S.onDetach !== undefined) {
        gate.timer = undefined;
        S.onDetach(timer);
    }
}

/**
 * Settles `gate` with values (`failed` false, `...values`) or an error (`failed` true, the error):
 * stops watching the other inputs and, with `reason`, cancels the ones that no longer matter.
 */
export function settle(gate: Gate, reason: unknown, failed: boolean, ...values: unknown[]): void {
    if (gate.settled) {
        return;
    }
    gate.settled = true;
    gate.failed = failed;
    if (failed) {
        gate.error = values[0];
    } else {
        const n = select("#", ...values);
        const packed: { n: number; [index: number]: unknown } = { n };
        for (const i of $range(1, n)) {
            packed[i] = select(i, ...values)[0];
        }
        gate.result = packed;
    }
    release(gate, reason);
    wakeParked(gate);
}

/** Settles `gate` with the outcome of `input`, a dead task: its values, or its error. */
export function adopt(gate: Gate, reason: unknown, input: TaskRecord): void {
    const count = input[Slot.Count] as number;
    if (count === FAILED) {
        settle(gate, reason, true, input.error);
    } else {
        settle(gate, reason, false, ...unpack(input as unknown as unknown[], Slot.Values, Slot.Values + count - 1));
    }
}

/** The result task was cancelled: the inputs only it needed are cancelled with the same error. */
function detachGate(wait: Wait, err: unknown): void {
    const gate = wait as Gate;
    gate.settled = true;
    release(gate, true, err);
}

/**
 * Opens a gate over `inputs[1..count]` (started tasks) with `rule`, and returns its result task
 * (suspended on it) and the gate. Inputs already dead are given to the rule at once, in order.
 */
export function openGate(what: string, inputs: LuaArray<TaskRecord>, count: number, rule: Rule): LuaMultiReturn<[TaskRecord, Gate]> {
    const next = forwardingTo();
    if (next) {
        return next.openGate(what, inputs, count, rule);
    }
    const gate: Gate = {
        what, kind: "gate", inputs, count, open: count, rule, watchers: {}, settled: false, failed: false, acc: {},
        detach: detachGate,
    };
    const task = newParkedTask(gate, undefined, gateResult as never, gate);
    for (const i of $range(1, count)) {
        const input = inputs[i];
        if (input[Slot.State] !== DEAD) {
            const watcher: InputWatcher = { notify: inputDied, consumer: true, gate, index: i };
            gate.watchers[i] = watcher;
            addWatcher(input, watcher);
        }
    }
    for (const i of $range(1, count)) {
        if (gate.settled) {
            break;
        }
        const input = inputs[i];
        if (input[Slot.State] === DEAD && gate.watchers[i] === undefined) {
            input.observed = true;
            gate.open -= 1;
            rule(gate, i, input);
        }
    }
    return $multi(task, gate);
}
