/** @noSelfInFile */
/**
 * pcall and xpcall that a task can await and wait inside. Lua 5.1 cannot yield across the
 * builtins (a C call), so the protected function runs in a coroutine of its own, the classic
 * way: each time it yields to the scheduler (a yield, an await, a wait) the same signal is
 * passed on from the task's own coroutine, and when the task is resumed, so is it. Meanwhile
 * the task's Thread slot names the inner coroutine, so the library sees the task running there.
 * A cancelled task never resumes: its pcall does not return, nothing swallows the cancellation.
 */
import { forwardingTo, runningTask } from "./scheduler";
import { Slot, TaskRecord } from "./task";

const create = coroutine.create;
const resume = coroutine.resume;
const status = coroutine.status;
const yieldThread = coroutine.yield;

type Handler = (this: void, err: unknown) => unknown;

/** What the protected call's coroutine did: ended (as pcall or xpcall returns), or yielded (passed on). */
function step(task: TaskRecord, outer: LuaThread, inner: LuaThread, handler: Handler | undefined, ok: boolean, ...rest: unknown[]): LuaMultiReturn<unknown[]> {
    task[Slot.Thread] = outer;
    if (status(inner) === "dead") {
        if (ok) {
            return $multi(true, ...rest);
        }
        const [err] = [...rest];
        return $multi(false, handler !== undefined ? handler(err) : err);
    }
    const resumed = [...yieldThread(...rest)];
    task[Slot.Thread] = inner;
    return (step as typeof continueWith)(task, outer, inner, handler, ...resume(inner, ...(resumed as [])));
}

/** Lua's xpcall, with arguments (Lua 5.1's takes none: a closure passes them). */
function builtinXpcall(handler: Handler, fn: (this: void, ...args: unknown[]) => unknown, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    return xpcall(() => fn(...args), handler);
}

/** `step` typed for resume's results as they come (a tail call: no frame per yield). */
const continueWith = step as unknown as (
    task: TaskRecord, outer: LuaThread, inner: LuaThread, handler: Handler | undefined, ...resumed: unknown[]
) => LuaMultiReturn<unknown[]>;

/**
 * pcall(fn, ...) (handler undefined) or xpcall(fn, handler, ...): inside a task, with awaits and
 * waits allowed in `fn`; anywhere else, the builtin.
 */
export function protectedCall(handler: Handler | undefined, fn: (this: void, ...args: unknown[]) => unknown, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    const next = forwardingTo();
    if (next) {
        return next.protectedCall(handler, fn, ...args);
    }
    const task = runningTask();
    if (task === undefined || type(fn) !== "function") {
        return handler === undefined ? pcall(fn, ...args) : builtinXpcall(handler, fn, ...args);
    }
    const outer = task[Slot.Thread] as LuaThread;
    const inner = create(fn);
    task[Slot.Thread] = inner;
    return continueWith(task, outer, inner, handler, ...resume(inner, ...args));
}
