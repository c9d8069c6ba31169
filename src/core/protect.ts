/** @noSelfInFile */
/**
 * pcall and xpcall that a task can await and wait inside. Lua 5.1 cannot yield across the
 * builtins (a C call), so the protected function runs in a coroutine of its own, the classic
 * way: each time it yields to the scheduler (a yield, an await, a wait) the same signal is
 * passed on from the task's own coroutine, and when the task is resumed, so is it. Meanwhile
 * the task's Thread slot names the inner coroutine, so the library sees the task running there.
 * A cancelled task never resumes: its pcall does not return, nothing swallows the cancellation.
 *
 * Only a Lua function can be a coroutine's body: a callable table runs in one through a
 * trampoline; a C function (tonumber, error, the client's API), which cannot yield anyway, and a
 * value that is not callable go to the builtins, so their results and errors are the builtins'.
 * Values and arguments are passed on as they come (never packed), so nils among them stay.
 */
import { forwardingTo, runningTask } from "./scheduler";
import { Slot, TaskRecord } from "./task";

const create = coroutine.create;
const resume = coroutine.resume;
const status = coroutine.status;
const yieldThread = coroutine.yield;

type Handler = (this: void, err: unknown) => unknown;
type Body = (this: void, ...args: unknown[]) => unknown;

/** xpcall as the client has it: arguments after the handler go to `f` (typed so; see builtinCall). */
const xpcallWith = xpcall as unknown as (f: Body, handler: Handler, ...args: unknown[]) => LuaMultiReturn<unknown[]>;

function countArguments(...args: unknown[]): number {
    return select("#", ...args);
}

function passError(err: unknown): unknown {
    return err;
}

/** Whether this Lua's xpcall passes its extra arguments to `f`: the client's does, stock Lua 5.1's does not. */
const [, passedArguments] = xpcallWith(countArguments as Body, passError, true);
const xpcallPassesArguments = passedArguments === 1;

/** What the protected call's coroutine did: ended (as pcall or xpcall returns), or yielded (passed on). */
function step(
    task: TaskRecord,
    outer: LuaThread,
    inner: LuaThread,
    handler: Handler | undefined,
    ok: boolean,
    ...rest: unknown[]
): LuaMultiReturn<unknown[]> {
    task[Slot.Thread] = outer;
    if (status(inner) === "dead") {
        if (ok) {
            return $multi(true, ...rest);
        }
        const [err] = [...rest];
        return $multi(false, handler !== undefined ? handler(err) : err);
    }
    return resumeWith(task, outer, inner, handler, ...yieldThread(...rest));
}

/** The task was resumed with `resumed`: so is the inner coroutine (a tail call: no frame per yield). */
function resumeWith(
    task: TaskRecord,
    outer: LuaThread,
    inner: LuaThread,
    handler: Handler | undefined,
    ...resumed: unknown[]
): LuaMultiReturn<unknown[]> {
    task[Slot.Thread] = inner;
    return continueWith(task, outer, inner, handler, ...resume(inner, ...resumed));
}

/** `step` typed for resume's results as they come. */
const continueWith = step as unknown as (
    task: TaskRecord,
    outer: LuaThread,
    inner: LuaThread,
    handler: Handler | undefined,
    ...resumed: unknown[]
) => LuaMultiReturn<unknown[]>;

/** The body of an inner coroutine for a callable table: calls it (a tail call, as the builtin does). */
function callIt(fn: Body, ...args: unknown[]): unknown {
    return fn(...args);
}

/** Whether `value` is a table or userdata that can be called (its metatable has __call). */
function callableObject(value: unknown): boolean {
    const kind = type(value);
    if (kind !== "table" && kind !== "userdata") {
        return false;
    }
    const meta = getmetatable(value as object);
    return type(meta) === "table" && rawget(meta as { __call?: unknown }, "__call") !== undefined;
}

/** xpcall's results from pcall's: the handler gets the error once the call has unwound. */
function handled(handler: Handler, ok: boolean, ...rest: unknown[]): LuaMultiReturn<unknown[]> {
    if (ok) {
        return $multi(true, ...rest);
    }
    const [err] = [...rest];
    const value = handler(err); // (one value, as xpcall returns)
    return $multi(false, value);
}

/**
 * Stock Lua 5.1's xpcall with arguments (specs and benchmarks; the client's passes them): a
 * closure passes them to a Lua function, their count kept; a C function is called by pcall, as
 * the client's xpcall calls it (the same errors: none gets the closure's line).
 */
function xpcallPassing(handler: Handler, fn: Body, n: number, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    const [isLuaFunction] = pcall(create, fn);
    if (isLuaFunction || callableObject(fn)) {
        // eslint-disable-next-line no-restricted-syntax -- the closure below needs the values in a table
        const packed = [...args];
        return xpcall(() => fn(...unpack(packed, 1, n)), handler) as LuaMultiReturn<unknown[]>;
    }
    return (handled as (handler: Handler, ...results: unknown[]) => LuaMultiReturn<unknown[]>)(
        handler,
        ...(pcall(fn, ...args) as LuaMultiReturn<unknown[]>),
    );
}

/** The builtins: pcall(fn, ...) or xpcall(fn, handler, ...), the latter passing its arguments as the client's does. */
function builtinCall(handler: Handler | undefined, fn: Body, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    if (handler === undefined) {
        return pcall(fn, ...args) as LuaMultiReturn<unknown[]>;
    }
    const n = select("#", ...args);
    if (xpcallPassesArguments || n === 0) {
        return xpcallWith(fn, handler, ...args);
    }
    return xpcallPassing(handler, fn, n, ...args);
}

/**
 * pcall(fn, ...) (handler undefined) or xpcall(fn, handler, ...): inside a task, with awaits and
 * waits allowed in `fn`; anywhere else, the builtin.
 */
export function protectedCall(handler: Handler | undefined, fn: Body, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    const next = forwardingTo();
    if (next) {
        return next.protectedCall(handler, fn, ...args);
    }
    const task = runningTask();
    if (task === undefined) {
        return builtinCall(handler, fn, ...args);
    }
    const [isLuaFunction, inner] = pcall(create, fn);
    const outer = task[Slot.Thread] as LuaThread;
    if (isLuaFunction) {
        task[Slot.Thread] = inner;
        return continueWith(task, outer, inner, handler, ...resume(inner, ...args));
    }
    if (callableObject(fn)) {
        const trampoline = create(callIt);
        task[Slot.Thread] = trampoline;
        return continueWith(task, outer, trampoline, handler, ...resume(trampoline, fn, ...args));
    }
    return builtinCall(handler, fn, ...args);
}

/** This module's entry points (see Entries). */
declare module "./types" {
    interface Entries {
        protectedCall: typeof protectedCall;
    }
}
