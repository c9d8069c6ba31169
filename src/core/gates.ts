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
import { coreState } from "./state";
import type { LuaArray } from "./types";
import { DEAD, FAILED, PENDING, Packed, Slot, TaskRecord, Wait, Watcher, WatcherSlot } from "./task";
import { hasConsumer, removeWaiter } from "./waiters";
import { describe, raiseValue } from "./errors";

/**
 * A combinator's rule: told of each input as it dies (once per listing: an input listed twice
 * is told twice), with the gate as its watcher. It ignores inputs once the gate settled, counts
 * the others in `unfinished` (see `counted`), and may settle it (settleGate, settleGateAs). Inputs end in any order; a rule that
 * needs them in input order reads `gate.inputs`.
 */
export type Rule = (this: void, gate: Gate, input: TaskRecord) => void;

/**
 * A gate is its own Watcher on every input (`[rule, true]` in its array part: it needs their
 * outcomes), so it costs one table however many inputs it has.
 */
export interface Gate extends Wait, Watcher {
    inputs: LuaArray<TaskRecord>;
    /** How many inputs, and how many have not died. */
    count: number;
    unfinished: number;
    settled: boolean;
    /** Its outcome: values, or an error (`failed`). */
    result?: Packed;
    failed: boolean;
    error?: unknown;
}

/**
 * A rule's bookkeeping for `input`, which died: false once the gate settled (ignore it), else
 * counts it and marks a failed input's error observed (the gate takes it).
 */
export function counted(gate: Gate, input: TaskRecord): boolean {
    if (gate.settled) {
        return false;
    }
    gate.unfinished -= 1;
    if (input[Slot.ResultCount] === FAILED) {
        input.observed = true;
    }
    return true;
}

/** `waiter` if it is a gate (a combinator watching the task it waits on). */
export function gateOf(waiter: TaskRecord | Watcher): Gate | undefined {
    return (waiter as Gate).kind === "gate" ? (waiter as Gate) : undefined;
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
 * Stops watching the inputs not dead yet; with `reason`, cancels those no one else waits for
 * (they only mattered to this gate).
 */
function release(gate: Gate, reason: unknown, cancelWith?: unknown): void {
    let err = cancelWith;
    for (const i of $range(1, gate.count)) {
        const input = gate.inputs[i];
        // A dead input's waiters were told (and dropped) already; an input listed twice is watched twice.
        if (input[Slot.State] !== DEAD && removeWaiter(input, gate)) {
            if (reason !== undefined && input[Slot.State] !== DEAD && !hasConsumer(input)) {
                err ??= cancellation(reason); // one error for every input released
                cancelTask(input, err);
            }
        }
    }
    const timer = gate.timer;
    if (timer !== undefined && coreState.onDetach !== undefined) {
        gate.timer = undefined;
        coreState.onDetach(timer);
    }
}

/**
 * Settles `gate` with values (`failed` false, `...values`) or an error (`failed` true, the error):
 * stops watching the other inputs and, with `reason`, cancels the ones that no longer matter.
 */
export function settleGate(gate: Gate, reason: unknown, failed: boolean, ...values: unknown[]): void {
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

/** Settles `gate` as `input`, a dead task, ended: with its values, or its error. */
export function settleGateAs(gate: Gate, reason: unknown, input: TaskRecord): void {
    const count = input[Slot.ResultCount] as number;
    if (count === FAILED) {
        settleGate(gate, reason, true, input.error);
    } else {
        settleGate(gate, reason, false, ...unpack(input as unknown as unknown[], Slot.FirstResult, Slot.FirstResult + count - 1));
    }
}

/** The result task was cancelled: the inputs only it needed are cancelled with the same error. */
function detachGate(wait: Wait, err: unknown): void {
    const gate = wait as Gate;
    gate.settled = true;
    release(gate, true, err);
}

/**
 * Opens a gate over the futures `list[1..n]` with `rule` for combinator `name`, and returns its
 * result task (suspended on it) and the gate; or what is wrong with an element, having changed
 * nothing. The gate keeps a copy of the list. Inputs already dead are given to the rule at once,
 * in order, once every other input is watched.
 */
export function openGate(
    name: string,
    list: LuaArray<unknown>,
    n: number,
    rule: Rule,
    what?: string,
): LuaMultiReturn<[TaskRecord, Gate, string | undefined]> {
    const next = forwardingTo();
    if (next) {
        return next.openGate(name, list, n, rule, what);
    }
    const inputs: LuaArray<TaskRecord> = {};
    const gate = {
        [WatcherSlot.Notify]: rule,
        [WatcherSlot.Consumer]: true,
        what: what ?? `${name}(${n} futures)`,
        kind: "gate",
        inputs,
        count: n,
        unfinished: n,
        settled: false,
        failed: false,
        detach: detachGate,
    } as unknown as Gate;
    // One pass checks, copies and watches (this is most of what all() costs per input).
    const taskMeta = coreState.taskMeta;
    let dead = 0;
    for (const i of $range(1, n)) {
        const input = list[i] as TaskRecord;
        const state = getmetatable(input) === taskMeta ? input[Slot.State] : undefined;
        if (state === DEAD) {
            dead += 1;
        } else if (state === undefined || state === PENDING) {
            for (const j of $range(1, i - 1)) {
                removeWaiter(inputs[j], gate);
            }
            return $multi(
                undefined as never,
                gate,
                state === PENDING
                    ? `AsyncAwait: ${name}(futures): the task at position ${i} is pending; start it with startTask(task) first`
                    : `AsyncAwait: ${name}(futures): expected a future at position ${i}, got ${describe(input)}`,
            );
        } else if (!input[Slot.Waiter]) {
            input[Slot.Waiter] = gate; // addWatcher's common case, inline
        } else {
            addWatcher(input, gate);
        }
        inputs[i] = input;
    }
    const task = newParkedTask(gate, undefined, gateResult as never, gate);
    // Then the inputs dead already: every other one is watched, so that a rule settling here
    // releases (and may cancel) them. Only settling can kill an input here.
    for (const i of $range(1, dead > 0 ? n : 0)) {
        if (gate.settled) {
            break;
        }
        const input = inputs[i];
        if (input[Slot.State] === DEAD) {
            rule(gate, input);
        }
    }
    return $multi(task, gate, undefined);
}

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        openGate: typeof openGate;
    }
}
