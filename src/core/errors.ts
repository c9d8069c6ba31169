/** @noSelfInFile */
/**
 * Errors. Bad input is raised as a string at the caller's line, worded with `describe`. What
 * goes wrong at run time (an await cycle, a forced await that would block, ...) is raised as a
 * runtime error: a table with a `kind`, recognisable with `errorKind` without matching text, as
 * roblox-lua-promise's Error.Kind. It prints and concatenates like its message. Error values
 * users throw are never wrapped or changed.
 */
import { S } from "./state";

/** What went wrong, for errors the library raises at run time. */
export type ErrorKind =
    /** A task awaited itself, or a task that (indirectly) awaits it. */
    | "AwaitCycle"
    /** A forced await (outside any task) of a task that waits for time, an event or this code. */
    | "WouldBlock"
    /** A task body called coroutine.yield() itself. */
    | "DirectYield";

/** An error the library raised at run time. */
export interface RuntimeError {
    readonly kind: ErrorKind;
    /** The whole message, with the position of the call that failed when there is one. */
    readonly message: string;
}

/** Describes a bad argument for an error message: its type, and its value when short. */
export function describe(value: unknown): string {
    const kind = type(value);
    if (kind === "number" || kind === "boolean") {
        return `${kind} (${tostring(value)})`;
    }
    if (kind === "string") {
        const text = value as string;
        return text.length <= 40 ? `string ("${text}")` : "string";
    }
    return kind;
}

export function runtimeError(kind: ErrorKind, message: string): RuntimeError {
    return setmetatable({ kind, message }, S.errorMeta as LuaMetatable<RuntimeError>);
}

/**
 * Raises a runtime error whose message starts with the position `level` names, counted as
 * error(msg, level) counts from the function calling raise (2: its caller's line). Lua adds no
 * position to a table error, and the client has no debug library: a protected error() call
 * renders the position instead.
 */
export function raise(kind: ErrorKind, message: string, level: number): never {
    const [, where] = pcall(error, "", level + 2);
    error(runtimeError(kind, `${where}${message}`));
}

/** The kind of an error the library raised at run time, or undefined for any other value. */
export function errorKind(value: unknown): ErrorKind | undefined {
    return getmetatable(value as object) === S.errorMeta ? (value as RuntimeError).kind : undefined;
}

function messageOf(value: unknown): string {
    return getmetatable(value as object) === S.errorMeta ? (value as RuntimeError).message : tostring(value);
}

/** Gives the shared metatable of runtime errors this copy's behaviour, in place (see installTaskMeta). */
export function installErrorMeta(meta: LuaMetatable<object>): void {
    meta.__tostring = function (this: object) {
        return messageOf(this);
    };
    (meta as { __concat?: unknown }).__concat = (a: unknown, b: unknown) => messageOf(a) + messageOf(b);
}
