/** @noSelfInFile */
/**
 * Control over running work: cancel, isCancelled, defer, cancelAll, latest, and pcall/xpcall
 * that a task can await inside. The mechanisms are the core's (src/core/cancel.ts, cleanup.ts,
 * protect.ts); these check their input and say what they do.
 */
import { cancelTask, cancellation } from "../core/cancel";
import { deferCleanup } from "../core/cleanup";
import { describe, errorKind, raiseAtCaller, tooManyArguments } from "../core/errors";
import { ownedTasks } from "../core/introspect";
import { protectedCall } from "../core/protect";
import { atRest, isTask, runningTask } from "../core/kernel";
import { coreState } from "../core/state";
import { DEAD, Owner, Slot, TaskRecord, Wait } from "../core/task";
import { reportUnobserved } from "../core/unhandled";
import type { AnyFunction } from "../core/types";
import { callingAddon } from "../wow/callers";
import { eachWait } from "../wow/driver";
import type { AsyncFunction, Task } from "./types";
import { asyncFor } from "./tasks";

/** Reports cleanup errors at once when no run will (a cancel from plain code). */
function afterCancel(): void {
    if (atRest()) {
        reportUnobserved();
    }
}

/**
 * Cancels a task: a pending or queued one never runs; a suspended one stops waiting (its event,
 * timer, condition or awaited task is released) and ends; a running one ends at its next
 * yield, await or wait. It ends dead with a Cancelled error (`reason` in its message and its
 * `reason` field), which its awaiters receive; it is never reported as unhandled. The tasks it
 * awaits that no other task or combinator waits for are cancelled too. A dead task is left as
 * it is.
 *
 * ```lua
 * local scan = scanBags()
 * frame:SetScript("OnHide", function() AsyncAwait.cancel(scan, "window closed") end)
 * ```
 */
export function cancel(task: Task, reason?: unknown, ...extra: unknown[]): void {
    if (!isTask(task)) {
        raiseAtCaller(`AsyncAwait: cancel(task, reason): expected a task, got ${describe(task)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("cancel(task, reason)", 2, 2 + select("#", ...extra)));
    }
    if ((task as TaskRecord)[Slot.State] !== DEAD) {
        cancelTask(task, cancellation(reason));
        afterCancel();
    }
}

/**
 * Whether `err` is a cancellation: the error a cancelled task ends with, and its awaiters receive.
 *
 * ```lua
 * local ok, err = AsyncAwait.pcall(AsyncAwait.await, task)
 * if not ok and not AsyncAwait.isCancelled(err) then error(err, 0) end
 * ```
 */
export function isCancelled(err: unknown, ...extra: unknown[]): boolean {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("isCancelled(err)", 1, 1 + select("#", ...extra)));
    }
    return errorKind(err) === "Cancelled";
}

/**
 * Inside a task: runs `fn(task)` when the task ends, whether it returns, fails or is cancelled;
 * cleanups run last registered first, each even if another raised (its error is reported). They
 * run as the task ends, before anything awaiting it resumes, and must not wait.
 *
 * ```lua
 * frame:RegisterEvent("BAG_UPDATE")
 * AsyncAwait.defer(function() frame:UnregisterEvent("BAG_UPDATE") end)
 * ```
 */
export function defer(fn: (this: void, task: Task) => void, ...extra: unknown[]): void {
    if (type(fn) !== "function") {
        raiseAtCaller(`AsyncAwait: defer(fn): expected a function, got ${describe(fn)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("defer(fn)", 1, 1 + select("#", ...extra)));
    }
    const task = runningTask();
    if (task === undefined) {
        raiseAtCaller("AsyncAwait: defer(fn): call it inside a task (it runs when that task ends)");
    }
    deferCleanup(task, fn as unknown as (this: void, task: TaskRecord) => void);
}

/** The started tasks of `owner` that are not dead (pending ones hold nothing: not included). */
function liveTasksOf(owner: Owner): TaskRecord[] {
    const parked: TaskRecord[] = [];
    eachWait((wait: Wait) => {
        if (wait.task !== undefined) {
            parked.push(wait.task);
        }
    });
    return ownedTasks(owner, parked);
}

/** `cancelAll` for the library table (the calling addon's tasks, or else the default owner's) or a handle (`owner`'s). */
export function cancelAllFor(owner: Owner | undefined, reason?: unknown, ...extra: unknown[]): void {
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("cancelAll(reason)", 1, 1 + select("#", ...extra)));
    }
    const err = cancellation(reason ?? "cancelAll()");
    for (const task of liveTasksOf(owner ?? coreState.defaultOwner)) {
        cancelTask(task, err);
    }
    afterCancel();
}

/**
 * Cancels every started task of this addon (on the library table: of the addon whose file calls
 * it, told by its path; from code of no addon file, the tasks no addon's handle
 * made) that is not dead: when an addon is disabled, or its work must all stop. Pending tasks
 * (createTask, never started) are left: they hold nothing.
 *
 * ```lua
 * local AA = LibStub("AsyncAwait-1.0").forAddon("MyAddon")
 * AA.cancelAll("profile changed")
 * ```
 */
export function cancelAll(reason?: unknown, ...extra: unknown[]): void {
    return cancelAllFor(callingAddon(), reason, ...extra); // a tail call: errors name the caller's line
}

/**
 * An async function whose every call cancels the task its previous call started, if that one
 * is not dead yet: the newest call wins (a search box, a refresh).
 *
 * ```lua
 * local search = AsyncAwait.latest(function(text) AsyncAwait.sleep(0.3); return lookup(text) end)
 * searchBox:SetScript("OnTextChanged", function(box) search(box:GetText()) end)
 * ```
 */
export function latest<A extends unknown[], R>(fn: (this: void, ...args: A) => R, ...extra: unknown[]): AsyncFunction<A, R> {
    return latestFor(callingAddon(), fn as AnyFunction, ...extra) as AsyncFunction<A, R>;
}

/** `latest` for an addon's handle (see forAddon). */
export function latestFor(owner: Owner | undefined, fn: AnyFunction, ...extra: unknown[]): AnyFunction {
    if (type(fn) !== "function") {
        raiseAtCaller(`AsyncAwait: latest(fn): expected a function, got ${describe(fn)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("latest(fn)", 1, 1 + select("#", ...extra)));
    }
    const start = asyncFor(owner, fn);
    let previous: TaskRecord | undefined;
    return (...args: unknown[]) => {
        if (previous !== undefined && previous[Slot.State] !== DEAD) {
            cancelTask(previous, cancellation("superseded by a newer call"));
        }
        previous = start(...args) as TaskRecord;
        return previous;
    };
}

/**
 * `pcall` that a task can await, wait and yield inside: the same results as Lua's (true and
 * the values, or false and the error). Outside a task it is Lua's pcall. A cancelled task's
 * pcall does not return: the cancellation is not swallowed.
 *
 * ```lua
 * local ok, err = AsyncAwait.pcall(function() AsyncAwait.sleep(1); error("boom") end)
 * ```
 */
export function pcallAsync<A extends unknown[], R extends unknown[]>(
    fn: (this: void, ...args: A) => LuaMultiReturn<R> | R[0],
    ...args: A
): LuaMultiReturn<[true, ...R] | [false, unknown]> {
    return protectedCall(undefined, fn as AnyFunction, ...args) as never;
}

/**
 * `xpcall` that a task can await inside: false and `handler(err)` on an error, true and the
 * values otherwise; arguments after the handler are passed to `fn`. The handler runs after
 * the failing code has unwound (it cannot run at the failure point across a yield in Lua 5.1).
 *
 * ```lua
 * local ok, msg = AsyncAwait.xpcall(loadAll, function(err) return "load failed: " .. tostring(err) end)
 * ```
 */
export function xpcallAsync<A extends unknown[], R extends unknown[]>(
    fn: (this: void, ...args: A) => LuaMultiReturn<R> | R[0],
    handler: (this: void, err: unknown) => unknown,
    ...args: A
): LuaMultiReturn<[true, ...R] | [false, unknown]> {
    if (type(handler) !== "function") {
        raiseAtCaller(`AsyncAwait: xpcall(fn, handler, ...): expected a function as handler, got ${describe(handler)}`);
    }
    return protectedCall(handler, fn as AnyFunction, ...args) as never;
}
