/** @noSelfInFile */
/**
 * Which addon is calling: the client names the chunk of each addon file
 * Interface/AddOns/<addon>/<path in its folder>, and positions and tracebacks print that name,
 * so the position of the code calling the library names its addon. The library table's
 * functions that make or cancel an addon's tasks use it, so that tasks made through the table
 * (or a TypeScript import) are attributed to the addon whose code made them, as a handle's are.
 */
import { callerPosition } from "../core/errors";
import { ownerNamed } from "../core/settings";
import type { Owner } from "../core/task";

/** The addon folder a position ("source:line: ") is in, if its source is an addon file. */
export function addonOfPosition(position: string): string | undefined {
    const [name] = string.match(position, "[Aa][Dd][Dd][Oo][Nn][Ss][/\\]([^/\\]+)[/\\]");
    return name;
}

/**
 * The owner of the addon whose code called the library function that calls this one; undefined
 * for code of no addon file (a macro, /run, a chunk of loadstring) and for the library's own
 * folder (its tasks are the default owner's).
 */
export function callingAddon(): Owner | undefined {
    // Levels: 1 callerPosition's caller (this function), 2 the library function, 3 its caller.
    const name = addonOfPosition(callerPosition(3));
    return name !== undefined && name !== "AsyncAwait" ? ownerNamed(name) : undefined;
}
