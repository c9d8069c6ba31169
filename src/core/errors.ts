/** @noSelfInFile */
/**
 * Errors. Bad input is raised as a string at the caller's line, worded with `describe`. What
 * goes wrong at run time (an await cycle, a forced await that would block, ...) is raised as a
 * runtime error: a table with a `kind`, recognisable with `errorKind` without matching text, as
 * roblox-lua-promise's Error.Kind. It prints and concatenates like its message. Error values
 * users throw are never wrapped or changed.
 */
import { coreState } from "./state";

/** What went wrong, for errors the library raises at run time. */
export type ErrorKind =
    /** A task awaited itself, or a task that (indirectly) awaits it. */
    | "AwaitCycle"
    /** A forced await (outside any task) of a task that waits for time, an event or this code. */
    | "WouldBlock"
    /** A task body called coroutine.yield() itself. */
    | "DirectYield"
    /** The task was cancelled (cancel), or a task it awaited was and it did not catch that. */
    | "Cancelled"
    /** A wait or timeout() ran out of time. */
    | "TimedOut"
    /** Every input of any() failed; the error's `errors` lists theirs in input order. */
    | "AllFailed";

/** An error the library raised at run time. */
export interface RuntimeError {
    readonly kind: ErrorKind;
    /** The whole message, with the position of the call that failed when there is one. */
    readonly message: string;
}

/** The library table and forAddon handles (weak): a function given one was called with ':'. */
export const apiTables = setmetatable(new LuaTable<object, boolean>(), { __mode: "k" });

const COLON_HINT = "the AsyncAwait table (call its functions with '.', not ':')";

/** Describes a bad argument for an error message: its type, and its value when short. */
export function describe(value: unknown): string {
    if (apiTables.has(value as object)) {
        return COLON_HINT;
    }
    const kind = type(value);
    if (kind === "number") {
        // tostring(0/0) is "nan" or "-nan" depending on the platform.
        return value !== value ? "number (nan)" : `number (${tostring(value)})`;
    }
    if (kind === "boolean") {
        return `${kind} (${tostring(value)})`;
    }
    if (kind === "string") {
        const text = value as string;
        return text.length <= 40 ? `string ("${text}")` : "string";
    }
    return kind;
}

export function runtimeError(kind: ErrorKind, message: string): RuntimeError {
    return setmetatable({ kind, message }, coreState.errorMeta as LuaMetatable<RuntimeError>);
}

/**
 * "file:line: " of the caller `level` frames up, counted as error(msg, level) counts from the
 * function calling this (2: its caller), or of the first frame above it that has a position.
 * Tail calls and C functions have none: a call forwarded by an older copy of the library (a
 * tail call) or made through pcall then still names the line that made it. The client has no
 * debug library: a protected error() call renders the position.
 */
export function callerPosition(level: number): string {
    // pcall(error, "", n): 1 is pcall itself, 2 this function, 3 the function calling it.
    for (const n of $range(level + 2, level + 11)) {
        const [, where] = pcall(error, "", n);
        if (where !== "") {
            return where as string;
        }
    }
    return "";
}

/** Lua's error with any value (lua-types types it for strings): level 0 re-raises a value unchanged. */
export const raiseValue = error as unknown as (value: unknown, level?: number) => never;

/**
 * Raises bad input: `message`, at the line that called the public function calling this (or
 * `through` more functions up, for a public function's helper).
 */
export function raiseAtCaller(message: string, through = 0): never {
    error(`${callerPosition(3 + through)}${message}`, 0);
}

/** Whether `value` is a number that is neither NaN nor infinite. */
export function isFiniteNumber(value: unknown): value is number {
    return type(value) === "number" && value === value && value !== math.huge && value !== -math.huge;
}

/**
 * The message for a call with `given` arguments where at most `expected` make sense; `first`,
 * the first argument, tells a call made with ':' (it is then the library table).
 */
export function tooManyArguments(call: string, expected: number, given: number, first?: unknown): string {
    const wanted = expected === 0 ? "no arguments" : expected === 1 ? "1 argument" : `at most ${expected} arguments`;
    const hint = apiTables.has(first as object) ? `, the first being ${COLON_HINT}` : "";
    return `AsyncAwait: ${call}: expected ${wanted}, got ${given}${hint}`;
}

/** Raises a runtime error of `kind`, its message at the line that called the function calling this. */
export function raise(kind: ErrorKind, message: string): never {
    return raiseValue(runtimeError(kind, `${callerPosition(3)}${message}`));
}

/** The kind of an error the library raised at run time, or undefined for any other value. */
export function errorKind(value: unknown): ErrorKind | undefined {
    return getmetatable(value as object) === coreState.errorMeta ? (value as RuntimeError).kind : undefined;
}

function messageOf(value: unknown): string {
    return getmetatable(value as object) === coreState.errorMeta ? (value as RuntimeError).message : tostring(value);
}

/** Gives the shared metatable of runtime errors this copy's behaviour, in place (see installTaskMeta). */
export function installErrorMeta(meta: LuaMetatable<object>): void {
    meta.__tostring = function (this: object) {
        return messageOf(this);
    };
    (meta as { __concat?: unknown }).__concat = (a: unknown, b: unknown) => messageOf(a) + messageOf(b);
}
