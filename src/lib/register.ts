/**
 * One library for every addon: registration with LibStub as "AsyncAwait-1.0" and the takeover
 * of an older copy. Everything that must survive an upgrade hangs on the library table, in
 * `lib._state`: the core hands its state to the newer core (see retire in the core), and the
 * client glue's state table, frame included, is kept as it is.
 */
import * as core from "../core/scheduler";
import { createWowState, WowState } from "../wow/state";

export const MAJOR = "AsyncAwait-1.0";

interface Registry {
    NewLibrary(this: Registry, major: string, minor: number): LuaMultiReturn<[Record<string, unknown> | undefined, number | undefined]>;
    GetLibrary(this: Registry, major: string, silent?: boolean): LuaMultiReturn<[Record<string, unknown> | undefined, number | undefined]>;
}
declare const LibStub: Registry | undefined;

/** What a copy keeps on the library table for the next one. */
interface SharedState {
    core?: core.Core;
    wow?: WowState;
}

/**
 * Registers this copy. Returns the library table and the glue state to drive, or the table of
 * an equal or newer copy already loaded (and no state: this copy then stays unused).
 */
export function register(this: void, minor: number): LuaMultiReturn<[Record<string, unknown>, WowState | undefined]> {
    if (LibStub === undefined) {
        error("AsyncAwait: LibStub is missing: load LibStub before AsyncAwait (lib.xml does)");
    }
    const [lib] = LibStub.NewLibrary(MAJOR, minor);
    if (lib === undefined) {
        return $multi(LibStub.GetLibrary(MAJOR)[0]!, undefined);
    }
    const shared = (lib._state as SharedState | undefined) ?? {};
    lib._state = shared;
    if (shared.core !== undefined) {
        shared.core.retire(core.core); // now, or once the older copy's run under way ends
    }
    shared.core = core.core;
    shared.wow = shared.wow ?? createWowState();
    return $multi(lib, shared.wow);
}
