/** @noSelfInFile */
/**
 * One library for every addon: registration with LibStub as "AsyncAwait-1.0", and the takeover
 * of an older copy. What must survive an upgrade hangs on the library table, in `lib._state`:
 * `core`, the entry points of the copy that runs the scheduler (an older copy hands it its core
 * state: src/versions/handover.ts), and `wow`, the client glue's state table, which every copy uses
 * as it is (src/wow/state.ts).
 */
import type { Entries } from "../core/types";
import { deferTo, entries } from "./handover";
import type { WowState } from "../wow/state";

export const MAJOR = "AsyncAwait-1.0";

interface Registry {
    NewLibrary(this: Registry, major: string, minor: number): LuaMultiReturn<[Record<string, unknown> | undefined, number | undefined]>;
    GetLibrary(this: Registry, major: string, silent?: boolean): LuaMultiReturn<[Record<string, unknown> | undefined, number | undefined]>;
}
declare const LibStub: Registry | undefined;

/** What a copy keeps on the library table for the next one. */
export interface SharedState {
    core?: Entries;
    wow?: WowState;
}

/**
 * Registers this copy. Returns the library table and the glue state to drive, or the table of
 * an equal or newer copy already loaded (and no state: this copy then forwards its calls there).
 *
 * The older copy's minor, which LibStub also returns, is not what an upgrade is keyed on: the
 * core state records the minor of the copy that ran it (it differs from the last copy that
 * registered when copies register during a run), and the glue state's layout only grows.
 */
export function register(minor: number): LuaMultiReturn<[Record<string, unknown>, WowState | undefined]> {
    if (LibStub === undefined) {
        error("AsyncAwait: LibStub is missing: load LibStub before AsyncAwait (lib.xml does)");
    }
    const [lib] = LibStub.NewLibrary(MAJOR, minor);
    if (lib === undefined) {
        // An equal or newer copy runs the scheduler: this one forwards every call to it. (A
        // TypeScript addon that bundles the library runs its modules even so; the built addon
        // stops before: src/addon.ts.)
        const running = LibStub.GetLibrary(MAJOR)[0]!;
        const entries = (running._state as SharedState | undefined)?.core;
        if (entries !== undefined) {
            deferTo(entries);
        }
        return $multi(running, undefined);
    }
    const shared = (lib._state as SharedState | undefined) ?? {};
    lib._state = shared;
    shared.wow ??= {} as WowState;
    const older = shared.core;
    shared.core = entries;
    if (older !== undefined) {
        older.retire(entries); // now, or once the older copy's run under way ends
    }
    return $multi(lib, shared.wow);
}
