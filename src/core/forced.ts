/** @noSelfInFile */
/**
 * Forced completion and cycle checks, the cold side of waiting.
 *
 * `await` or `joinTask` outside any task (plain code, or a coroutine the scheduler does not
 * own) runs the task to completion right there, with every task it awaits: completeNow walks
 * the await chain with an explicit stack (Lua 5.1 limits nested resumes to ~200), running
 * whatever is runnable at its top. A task that waits for time, an event or the very code that
 * forces it cannot finish this way: that is a WouldBlock error, not a freeze.
 */
import { RuntimeError, runtimeError } from "./errors";
import { coreState } from "./state";
import { DEAD, RUNNABLE, RUNNING, SUSPENDED, Slot, TaskRecord, Wait } from "./task";

/**
 * @transient per copy: this copy's scheduler primitives, given at boot (lifecycle.ts:
 * installSchedulerHooks): the scheduler imports this module, which cannot import it back
 */
let runTask: (task: TaskRecord) => TaskRecord;
/** @transient per copy, as runTask */
let enterForced: () => LuaMultiReturn<[boolean, boolean]>;
/** @transient per copy, as runTask */
let leaveForced: (wasRunningNext: boolean, wasInBudgetRun: boolean) => void;

export function useScheduler(run: typeof runTask, enter: typeof enterForced, leave: typeof leaveForced): void {
    runTask = run;
    enterForced = enter;
    leaveForced = leave;
}

/** The first input of a gate (a combinator's) that is not dead, if it is a gate with one. */
function openInput(wait: Wait): TaskRecord | undefined {
    const inputs = wait.inputs;
    if (inputs !== undefined) {
        let i = 1;
        while (inputs[i] !== undefined) {
            if (inputs[i][Slot.State] !== DEAD) {
                return inputs[i];
            }
            i += 1;
        }
    }
    return undefined;
}

/**
 * Whether `waiter` is among what `gate`'s inputs wait for, through further gates too. Only a
 * suspended input waits for anything: the others (usually most) cost two comparisons each.
 */
function gateReaches(gate: Wait, waiter: TaskRecord): boolean {
    const seen = new LuaTable<object, boolean>();
    const stack: Wait[] = [gate];
    while (stack.length > 0) {
        const inputs = stack.pop()!.inputs!;
        let i = 1;
        while (inputs[i] !== undefined) {
            let t = inputs[i];
            i += 1;
            // Follow the input's await chain to its end: the waiter, a gate, or a task that waits for nothing.
            while (t !== waiter && t[Slot.State] === SUSPENDED && !seen.has(t)) {
                seen.set(t, true);
                const on = t[Slot.Awaiting] as TaskRecord & Wait;
                if (on.inputs !== undefined) {
                    stack.push(on);
                    break;
                }
                t = on;
            }
            if (t === waiter) {
                return true;
            }
        }
    }
    return false;
}

/** The AwaitCycle error if `waiter` waiting for `target` would close a cycle, else undefined. */
export function cycleProblem(waiter: TaskRecord, target: TaskRecord): RuntimeError | undefined {
    if (!waiter[Slot.Waiter] && target !== waiter) {
        // A chain back to `waiter` ends in one of its waiters (a task suspended on it, or a gate
        // watching it, as one watches each of its inputs): it has none.
        return undefined;
    }
    let t = target;
    while (t !== waiter) {
        if (t[Slot.State] !== SUSPENDED) {
            return undefined; // (a Wait has no State slot: the chain ends there too)
        }
        t = t[Slot.Awaiting] as TaskRecord;
        if ((t as unknown as Wait).inputs !== undefined) {
            if (!gateReaches(t as unknown as Wait, waiter)) {
                return undefined;
            }
            break;
        }
    }
    return runtimeError(
        "AwaitCycle",
        target === waiter ? "await cycle: a task cannot await itself" : "await cycle: the awaited task is (indirectly) awaiting this task",
    );
}

/**
 * Runs `target` to completion now, with every task it awaits. Returns the runtime error that
 * stopped it (its message without a position: the caller adds its own), or undefined.
 */
export function completeNow(target: TaskRecord): RuntimeError | undefined {
    const chain = coreState.chain;
    const taskMeta = coreState.taskMeta;
    const base = coreState.chainTop;
    let top = base + 1;
    chain[top] = target;
    coreState.chainTop = top;
    const [wasRunningNext, wasInBudgetRun] = enterForced();
    let problem: RuntimeError | undefined;
    while (target[Slot.State] !== DEAD) {
        const task = chain[top] as TaskRecord;
        const state = task[Slot.State];
        if (state === RUNNABLE) {
            runTask(task);
        } else if (state === DEAD) {
            chain[top] = undefined;
            top -= 1;
            coreState.chainTop = top;
        } else if (state === SUSPENDED && getmetatable(task[Slot.Awaiting]) === taskMeta) {
            top += 1;
            chain[top] = task[Slot.Awaiting] as TaskRecord;
            coreState.chainTop = top;
        } else if (state === SUSPENDED && openInput(task[Slot.Awaiting] as Wait) !== undefined) {
            // A combinator's result: run its open inputs, one at a time, until it settles.
            top += 1;
            chain[top] = openInput(task[Slot.Awaiting] as Wait);
            coreState.chainTop = top;
        } else if (state === SUSPENDED) {
            const what = (task[Slot.Awaiting] as Wait).what;
            problem = runtimeError("WouldBlock", `cannot complete the task synchronously: it waits for ${what}; await it inside a task`);
            break;
        } else {
            problem =
                state === RUNNING
                    ? runtimeError(
                          "AwaitCycle",
                          "await cycle: the task cannot finish until this call returns (it is running, and waits for this code)",
                      )
                    : runtimeError("WouldBlock", `cannot complete the task synchronously (state ${state})`);
            break;
        }
    }
    for (const i of $range(base + 1, top)) {
        chain[i] = undefined;
    }
    coreState.chainTop = base;
    if (target[Slot.State] === DEAD) {
        // Its caller (await or joinTask) takes its error: not unhandled, though the end of this
        // run (leaveForced) reports failures before the caller sees the values.
        target.observed = true;
    }
    leaveForced(wasRunningNext, wasInBudgetRun);
    return problem;
}

/**
 * Before a wait for `target` (started, not dead) by `waiter`, the running task, or by plain code
 * (undefined): plain code runs `target` to completion now (completeNow); a task checks that its
 * wait closes no cycle. Returns the runtime error that keeps the wait from happening, or
 * undefined: the caller then finds `target` dead (completed), or waits.
 */
export function completeOrCheckCycle(target: TaskRecord, waiter: TaskRecord | undefined): RuntimeError | undefined {
    if (waiter === undefined) {
        return completeNow(target);
    }
    // A runnable target waits for nothing, so only a suspended or running one can close a cycle.
    return target[Slot.State] === RUNNABLE ? undefined : cycleProblem(waiter, target);
}
