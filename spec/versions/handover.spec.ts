/**
 * The handover between copies, on two fresh copies of the library's modules in one Lua state:
 * the declared entry points, forwarding from a retired copy, forwarding to an older copy that
 * lacks entries, and the takeover of an older state.
 */
import { Library, freshLibrary } from "../support/fresh";
import { functionNames } from "../support/lua";
import { MINOR } from "../../src/version";
import type { AnyFunction } from "../../src/core/types";
import type { CoreState } from "../../src/core/state";

/** The entry points a copy hands to others, but which a retired copy does not forward. */
const PROTOCOL = ["retire", "forwardTo", "takeOver"];
/** Entry points 0.1.x calls, which this copy answers with configure. */
const LEGACY = ["setPoolMax", "setReporter", "setTraceCreation", "setTracer"];

/** Entries whose every function records its name and returns nothing. */
function spies(this: void, like: object, calls: string[]): LuaTable<string, AnyFunction> {
    const t = new LuaTable<string, AnyFunction>();
    for (const name of functionNames(like)) {
        t.set(name, () => {
            calls.push(name);
        });
    }
    return t;
}

describe("entry points", () => {
    it("are the core's declared list plus the glue's, all functions", () => {
        const L = freshLibrary();
        assert.are.same(
            [
                "awaitTask",
                "awaitValue",
                "cancelTask",
                "completeNew",
                "configure",
                "deferCleanup",
                "delayFor",
                "detachWait",
                "eagerState",
                "failParked",
                "finish",
                "forwardTo",
                "hasQueued",
                "isTask",
                "joinWait",
                "metatables",
                "newTask",
                "nextFrame",
                "openGate",
                "outOfCombat",
                "ownedTasks",
                "ownerList",
                "ownerNamed",
                "park",
                "protectedCall",
                "retire",
                "runBudget",
                "runningTask",
                "schedule",
                "scheduleAll",
                "setBudget",
                "setPoolMax",
                "setReporter",
                "setTraceCreation",
                "setTracer",
                "sleep",
                "sleepDriver",
                "snapshot",
                "startNew",
                "startNow",
                "startTask",
                "takeOver",
                "timeout",
                "unrestricted",
                "waitForAnyEvent",
                "waitForEvent",
                "waitUntil",
                "wakeParked",
                "wrapAsync",
                "yieldTurn",
            ],
            functionNames(L.entries),
        );
    });

    it("of a retired copy each reach the copy it retired to", () => {
        const L = freshLibrary();
        const calls: string[] = [];
        const newer = spies(L.entries, calls);
        let taken: CoreState | undefined;
        newer.set("takeOver", (state: CoreState) => {
            taken = state;
        });
        L.entries.retire(newer as unknown as Library["entries"]);
        assert.are.equal(L.state.coreState, taken, "at rest, the state is handed over at once");
        const expected: string[] = [];
        for (const name of functionNames(L.entries)) {
            if (!PROTOCOL.includes(name)) {
                calls.length = 0;
                (L.entries as unknown as LuaTable<string, AnyFunction>).get(name)({});
                assert.are.same([LEGACY.includes(name) ? "configure" : name], calls, name);
                expected.push(name);
            }
        }
        // And the public functions reach them too, including ones cached before the handover.
        calls.length = 0;
        L.api.scheduleAll();
        L.api.sleep(1);
        L.api.setBudget({ ms: 1 });
        L.api.traceCreation(true);
        L.api.forAddon("Late");
        assert.are.same(["scheduleAll", "sleep", "setBudget", "configure", "ownerNamed"], calls);
    });
});

describe("forwarding to an older copy finishing its run", () => {
    it("adapts what the older copy calls differently and refuses, clearly, what it lacks", () => {
        const L = freshLibrary();
        const calls: string[] = [];
        // An older copy: no configure (it had setters), no snapshot.
        const older = spies({ setTraceCreation: print, setPoolMax: print, setReporter: print, setTracer: print, schedule: print }, calls);
        L.entries.forwardTo(older as unknown as Library["entries"]);
        L.api.schedule();
        L.api.traceCreation(true);
        assert.are.same(["schedule", "setTraceCreation"], calls);
        const [ok, err] = pcall(() => L.introspect.snapshot());
        assert.is_false(ok);
        assert.is_truthy(
            string.find(tostring(err), "snapshot cannot run until the older copy loaded before it finishes its run", 1, true)[0],
        );
        L.entries.forwardTo(undefined);
        assert.are.equal(0, L.introspect.snapshot().live, "stops forwarding");
    });

    it("defers settings this copy must apply until it runs the state", () => {
        const L = freshLibrary();
        const older = spies({ schedule: print }, []);
        L.entries.forwardTo(older as unknown as Library["entries"]);
        let applied = 0;
        L.settings.whenInCharge(() => {
            applied += 1;
        });
        assert.are.equal(0, applied);
        const other = freshLibrary();
        other.scheduler.syncState();
        L.entries.takeOver(other.settings.syncedState());
        assert.are.equal(1, applied);
    });
});

describe("takeOver", () => {
    it("upgrades a 0.1.x state: owner queues renamed, transient fields dropped, defaults filled", () => {
        const old = freshLibrary();
        const t = old.api.async(() => "queued before the handover")();
        old.scheduler.syncState();
        // Shape the state as 0.1.x exported it.
        const s = old.state.coreState as unknown as LuaTable<string, any>;
        for (const i of $range(1, s.get("ownerCount"))) {
            const o = s.get("owners")[i];
            [o.d, o.dp, o.dl, o.i, o.il] = [o.draining, o.drainPos, o.drainLen, o.incoming, o.incomingLen];
            o.draining = o.drainPos = o.drainLen = o.incoming = o.incomingLen = undefined;
        }
        for (const key of ["minor", "errorMeta", "tracer", "chain", "chainTop"]) {
            s.set(key, undefined);
        }
        s.set("forced", 0);
        s.set("inline", false);
        const L = freshLibrary();
        L.entries.takeOver(old.settings.syncedState());
        const owner = L.introspect.ownerList()[0] as unknown as LuaTable<string, unknown>;
        assert.is_nil(owner.get("d"));
        assert.are.equal(1, owner.get("incomingLen"));
        assert.is_nil((L.state.coreState as unknown as LuaTable<string, unknown>).get("forced"));
        assert.are.equal(0, L.state.coreState.chainTop);
        assert.are.equal(MINOR, L.state.coreState.minor);
        L.api.scheduleAll();
        assert.are.equal("queued before the handover", L.api.await(t));
    });

    it("updates the shared task metatable in place: older records get this copy's behaviour", () => {
        const old = freshLibrary();
        const t = old.api.async(() => 1)();
        const meta = getmetatable(t) as LuaMetatable<object>;
        const oldIndex = meta.__index;
        old.scheduler.syncState();
        const L = freshLibrary();
        L.entries.takeOver(old.settings.syncedState());
        assert.are.equal(meta, getmetatable(L.api.async(() => 2)()), "one metatable for old and new records");
        assert.are_not.equal(oldIndex, meta.__index);
        assert.are.equal("runnable", (t as { state: string }).state);
    });
});
