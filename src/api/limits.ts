/** @noSelfInFile */
/**
 * `limit(n)`: at most `n` tasks of a kind at once (p-limit's shape). Each call of the limited
 * function makes a task parked in a first-in first-out queue; a task is started when fewer than
 * `n` of the queue's tasks are running, and its slot is released when it ends by any route
 * (returned, failed, cancelled: a deferred cleanup on the task). A queued task cancelled leaves
 * the queue without ever taking a slot. The queue lives in the limited function's closure: it
 * belongs to the copy that made it and keeps working through a handover (the kernel calls it
 * makes forward to the copy in charge).
 */
import { deferCleanup } from "../core/cleanup";
import { describe, raiseAtCaller, tooManyArguments } from "../core/errors";
import { awaitValue, isTask, newParkedTask, wakeParked } from "../core/kernel";
import type { Owner, TaskRecord, Wait } from "../core/task";
import type { Future } from "../core/types";
import { callingAddon } from "../wow/callers";

/** A limited function: calls `fn(...)` in a task once the limit lets it start; returns its future. */
export type Limited = <A extends unknown[], R>(
    this: void,
    fn: (this: void, ...args: A) => R,
    ...args: A
) => Future<R extends Future<infer V> ? V : R>;

/** A queued call's wait: woken when a slot frees; detached (its task cancelled), it is skipped. */
interface LimitWait extends Wait {
    detach: (this: void, wait: Wait) => void;
}

function dropQueued(wait: Wait): void {
    wait.task = undefined; // skipped when its turn comes
}

/** A limited task's body: `fn(...)`, a future it returns awaited (its task holds the slot until it ends). */
function runLimited(fn: (this: void, ...args: unknown[]) => LuaMultiReturn<unknown[]>, ...args: unknown[]): LuaMultiReturn<unknown[]> {
    return adopt(...fn(...args));
}

/** The values a limited function returned, or the values of the one future it returned. */
function adopt(...values: unknown[]): LuaMultiReturn<unknown[]> {
    if (select("#", ...values) === 1) {
        const [first] = [...values];
        if (isTask(first)) {
            return awaitValue(first);
        }
    }
    return $multi(...values);
}

/** limit(n), its tasks attributed to `owner` (a forAddon handle's variant), or to each caller's addon. */
export function limitFor(owner: Owner | undefined, n: unknown, ...extra: unknown[]): Limited {
    if (type(n) !== "number" || (n as number) < 1 || ((n as number) !== math.floor(n as number) && n !== math.huge)) {
        raiseAtCaller(`AsyncAwait: limit(n): expected a whole number >= 1 (or math.huge), got ${describe(n)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("limit(n)", 1, 1 + select("#", ...extra)));
    }
    const most = n as number;
    const what = `limit(${most})`;
    let active = 0;
    const queue: LimitWait[] = [];
    let head = 1;
    let tail = 0;
    const holding = new LuaTable<TaskRecord, boolean>();
    const startNext = (): void => {
        while (active < most && head <= tail) {
            const wait = queue[head - 1];
            queue[head - 1] = undefined as never;
            head += 1;
            const task = wait.task;
            if (task !== undefined) {
                active += 1;
                holding.set(task, true);
                wakeParked(wait);
            }
        }
    };
    const release = (task: TaskRecord): void => {
        if (holding.get(task)) {
            holding.delete(task);
            active -= 1;
            startNext();
        }
    };
    const limited = (fn: unknown, ...args: unknown[]): TaskRecord => {
        if (type(fn) !== "function") {
            raiseAtCaller(`AsyncAwait: a limited function (limit(n)): expected a function, got ${describe(fn)}`);
        }
        const wait: LimitWait = { what, kind: "limit", detach: dropQueued };
        const task = newParkedTask(wait, owner ?? callingAddon(), runLimited, fn, ...args);
        deferCleanup(task, release);
        tail += 1;
        queue[tail - 1] = wait;
        startNext();
        return task;
    };
    return limited as unknown as Limited;
}

/**
 * At most `n` tasks at once (JavaScript's p-limit): returns a function `limited(fn, ...)` that
 * calls `fn(...)` in a task of its own once fewer than `n` of its tasks are running, first come
 * first served, and returns that task's future at once. A future `fn` returns (an async
 * function's) is awaited, so its task holds the slot until it ends. A slot is freed however
 * the task ends; a task cancelled while queued never takes one.
 *
 * ```lua
 * local twoAtATime = AsyncAwait.limit(2)
 * for _, id in ipairs(ids) do twoAtATime(loadItem, id) end
 * ```
 */
export function limit(n: number, ...extra: unknown[]): Limited {
    return limitFor(undefined, n, ...extra); // a tail call: errors name the caller's line
}
