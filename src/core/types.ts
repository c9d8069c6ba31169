/** @noSelfInFile */
/**
 * The base types every layer uses, in the bottom module (it imports only task.ts, which imports
 * nothing): functions, Lua arrays, the entry points copies call on each other, and the public
 * task type the wait functions return. Nothing here has a value.
 */
import type { Packed, TaskState } from "./task";

/** Any function: the bodies tasks run, the callbacks they take. */
export type AnyFunction = (...args: any[]) => any;

/** Raw 1-based array access, no index offset. */
export interface LuaArray<T> {
    [index: number]: T;
}

/**
 * A copy's entry points: the functions copies call on each other, by name, in both directions (a
 * contract between versions: src/versions/handover.ts). Each module that has entry points adds
 * their types where it defines them (`declare module "./types"`); the one list of values is
 * `entries` in src/versions/handover.ts, which the compiler checks against this interface.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Entries {}

/**
 * A task: a function running on the scheduler. Its fields are read-only.
 * A future (what calling an async function returns) is the task itself.
 */
export interface Task<R = unknown> {
    /** "pending", "runnable", "running", "suspended" or "dead". */
    readonly state: TaskState;
    /** The error value if the task failed, else nil. */
    readonly error: unknown;
    /** nil if the task returned nothing (or has not finished), else its values packed with `n`. */
    readonly result: Packed | undefined;
    /** The traceback of the failure point if the task failed. */
    readonly traceback: string | undefined;
    /** The addon the task is attributed to (see forAddon). */
    readonly owner: string;
    /** Whether it ended with a cancellation (cancelled, or it awaited a cancelled task and did not catch that). */
    readonly cancelled: boolean;
    /**
     * A Promise's then: a future of what the callback for the task's outcome returns (a future
     * or promise it returns is adopted, by the Promises/A+ resolution procedure). The callbacks run in a task of their own. They are
     * called as TypeScriptToLua calls a Promise's (`this: unknown`: a nil first argument in Lua),
     * whatever `noImplicitSelf` says.
     */
    then<A = R, B = never>(
        onfulfilled?: ((this: unknown, value: R) => A | PromiseLike<A>) | null,
        onrejected?: ((this: unknown, reason: unknown) => B | PromiseLike<B>) | null,
    ): Future<A | B>;
    /**
     * `then` for Lua authors, who cannot write `task:then` (a reserved word): the same future,
     * its callbacks called as Lua promise libraries call theirs, with no `self` argument:
     * `onfulfilled(...)` with the task's values, `onrejected(reason)`. `andThen(nil, onrejected)`
     * is Lua's `catch`.
     */
    andThen<A = R, B = never>(
        onfulfilled?: ((this: void, value: R) => A | PromiseLike<A>) | null,
        onrejected?: ((this: void, reason: unknown) => B | PromiseLike<B>) | null,
    ): Future<A | B>;
    /** `then(undefined, onrejected)`. */
    catch<B = never>(onrejected?: ((this: unknown, reason: unknown) => B | PromiseLike<B>) | null): Future<R | B>;
    /** A future of the task's outcome, once `onfinally()` has run. */
    finally(onfinally?: ((this: unknown) => void) | null): Future<R>;
    /** Type-level only: what awaiting the task returns. Never set. */
    readonly __returns?: R;
}

/** What calling an async function returns: the task it started. */
export type Future<R = unknown> = Task<R>;

/**
 * An event's payload: as @wartoshika/wow-declarations types the event, else unknown values.
 * (A package of TypeScript declarations for the WoW API; the one TypeScript addons use.)
 */
export type EventPayload<E extends string> = E extends keyof WoWAPI.TypedEvents ? PayloadOf<WoWAPI.TypedEvents[E]> : unknown[];
type PayloadOf<T> = T extends null | undefined ? [] : T extends unknown[] ? T : unknown[];

/** An event name: the ones @wartoshika/wow-declarations knows (editors offer them), or any other. */
export type EventName = WoWAPI.Event | (string & {});
