/** @noSelfInFile */
/**
 * Upgrading the core state a copy starts with or takes over, Ace3-style: first the steps keyed
 * on the minor of the copy that last ran the state, converting what that version did
 * differently; then a default for every field still absent, field by field, so a field a newer
 * version added never reads nil after an upgrade from an older one; last, this copy's behaviour
 * on the shared metatables, so records older copies made behave as this copy's do.
 */
import { installErrorMeta } from "../core/errors";
import type { AnyFunction } from "../core/types";
import { CoreState, Signals, addOwner } from "../core/state";
import { Owner, QueueArray, TaskRecord, Watcher, installTaskMeta } from "../core/task";
import { MINOR } from "../version";

/** The minor of states that do not record one: release 0.1.x, the only one that did not. */
export const UNRECORDED_MINOR = 100;

/** An owner record as 0.1.x left it. */
interface OwnerV1 {
    d?: QueueArray;
    dp?: number;
    dl?: number;
    i?: QueueArray;
    il?: number;
}

/** Fields 0.1.x exported that are no longer handed over (they are at rest at every handover). */
interface StateV1 {
    current?: unknown;
    forced?: unknown;
    inline?: unknown;
}

/** Lua's traceback of a coroutine, or of the running code; the client glue supplies its own. */
function luaTraceback(thread?: LuaThread): string {
    // eslint-disable-next-line no-restricted-globals -- feature-detected: stock Lua's (specs), absent in the client
    if (debug === undefined || debug.traceback === undefined) {
        return "(no traceback available)";
    }
    // eslint-disable-next-line no-restricted-globals -- (checked above)
    return thread !== undefined ? debug.traceback(thread) : debug.traceback("", 2);
}

/** Upgrades `s` in place from the layout of minor `fromMinor` (undefined: a fresh state). */
export function upgradeCoreState(s: CoreState, fromMinor: number | undefined): void {
    if (fromMinor !== undefined && fromMinor < 200) {
        // 0.1.x named the owner queue fields d/dp/dl/i/il.
        for (const i of $range(1, s.ownerCount)) {
            const owner = s.owners[i] as Owner & OwnerV1;
            if (owner.d !== undefined) {
                owner.draining = owner.d;
                owner.drainPos = owner.dp!;
                owner.drainLen = owner.dl!;
                owner.incoming = owner.i!;
                owner.incomingLen = owner.il!;
                owner.d = owner.dp = owner.dl = owner.i = owner.il = undefined;
            }
        }
        const legacy = s as CoreState & StateV1;
        legacy.current = legacy.forced = legacy.inline = undefined;
    }

    // Defaults, field by field.
    s.owners ??= {};
    s.ownerCount ??= 0;
    s.ownersByName ??= new LuaTable();
    s.defaultOwner ??= addOwner(s, "AsyncAwait");
    s.serving ??= s.defaultOwner;
    s.live ??= 0;
    s.pendingCount ??= 0;
    s.poolMax ??= 256;
    s.traceCreation ??= false;
    s.awake ??= true;
    s.asyncBodies ??= setmetatable(new LuaTable<AnyFunction, AnyFunction>(), {});
    s.taskMeta ??= {};
    s.errorMeta ??= {};
    const signals = (s.signals ??= {} as Signals);
    signals.YIELD ??= { signal: "yield" };
    signals.SUSPEND ??= { signal: "suspend" };
    signals.PARK ??= { signal: "park" };
    signals.IDLE ??= { signal: "idle" };
    signals.RETIRED ??= { signal: "retired" };
    s.tracer ??= luaTraceback;
    s.madeAt ??= setmetatable(new LuaTable<AnyFunction, string>(), { __mode: "k" });
    s.chain ??= {};
    s.chainTop ??= 0;
    s.longSliceMs ??= 50;
    s.slowest ??= {};
    s.unobserved ??= {};
    s.unobservedLen ??= 0;
    // 0.3.0 kept cleanups in module state: those a task registered under it stay in their own
    // list, which runs after the ones registered under this copy.
    s.cleanups ??= setmetatable(new LuaTable<TaskRecord, Watcher>(), { __mode: "k" });
    s.eager ??= { depth: 0 };

    // This copy's behaviour, in place on the tables every copy shares. Wrapper → body is weak in
    // values too (0.1.x: keys only): a body that refers to its own wrapper makes a cycle through
    // the table that Lua 5.1, which has no ephemerons, would never collect otherwise.
    (getmetatable(s.asyncBodies) as LuaMetatable<object>).__mode = "kv";
    installTaskMeta(s.taskMeta as LuaMetatable<TaskRecord>, s.errorMeta);
    installErrorMeta(s.errorMeta);
    s.minor = MINOR;
}
