/**
 * Real upgrades: the frozen build of release 0.1.0 (spec/fixtures/releases) and this build,
 * each embedded in an addon through lib.xml, loaded into one simulated client in either order
 * and from inside a running task. What was alive carries on, and every function an addon cached
 * from the older copy keeps working on the one scheduler the newest copy runs.
 */
import { ADDON_DIR, Lib, registered, writeAddon } from "../support/game";
import { contains, functionNames } from "../support/lua";
import * as client from "../../simulator/client";
import type { Future } from "../../src/api/types";
import { MINOR, VERSION } from "../../src/version";

/**
 * The frozen releases: where each is, and what its retired core does not forward (the functions
 * it calls on itself, and the handover protocol) and how many entries it does forward.
 */
const RELEASES = [
    {
        version: "0.1.0",
        dir: "spec/fixtures/releases/0.1.0/AsyncAwait",
        own: ["dequeue", "enqueue", "exportState", "forwardTo", "pooledWorker", "retire", "takeFresh", "takeOver", "wrapAsync"],
        forwarded: 22,
    },
    {
        version: "0.2.0",
        dir: "spec/fixtures/releases/0.2.0/AsyncAwait",
        // Its 0.1-style setters forward to configure, not to an entry of their own name.
        own: ["forwardTo", "retire", "setPoolMax", "setReporter", "setTraceCreation", "setTracer", "takeOver"],
        forwarded: 28,
    },
];
const FROZEN_0_1_0 = RELEASES[0].dir;

function embeddingAddon(this: void, name: string, copyDir: string, patchVersion?: string): string {
    return writeAddon(name, { copyDir, patchVersion });
}

interface Client {
    sim: client.Simulator;
    /** LibStub("AsyncAwait-1.0"). */
    lib: (this: void) => Lib;
    minor: (this: void) => number;
}

function newClient(this: void): Client {
    const sim = client.newSimulator();
    const stub = () => sim.env.LibStub as { GetLibrary(major: string): LuaMultiReturn<[Lib, number]> };
    return {
        sim,
        lib: () => stub().GetLibrary("AsyncAwait-1.0")[0],
        minor: () => stub().GetLibrary("AsyncAwait-1.0")[1],
    };
}

/** A copy of a table's fields: what an addon holds after `local sleep = AA.sleep` etc. */
function cached(this: void, t: Lib): Lib {
    const copy = {} as Record<string, unknown>;
    for (const [key, value] of pairs(t)) {
        copy[key as string] = value;
    }
    return copy as Lib;
}

/**
 * Uses of each public function through a given API (old cached functions or a handle), each
 * checked after driving the client: `[name, start, check]`. The spec below checks this covers
 * every function the older copy published.
 */
function usesOf(this: void, api: Lib, sim: client.Simulator, current: () => Lib): [string, () => unknown, (started: any) => void][] {
    const frames = (n: number) => sim.runFrames(n);
    return [
        ["async", () => api.async((x: number) => x + 1)(1), (t: Future) => assert.are.equal(2, t.result![1])],
        [
            "await",
            () => current().async(() => api.await(current().async(() => "awaited")()))(),
            (t: Future) => assert.are.equal("awaited", t.result![1]),
        ],
        [
            "yield",
            () =>
                current().async(() => {
                    api.yield();
                    return "yielded";
                })(),
            (t: Future) => assert.are.equal("yielded", t.result![1]),
        ],
        [
            "schedule",
            () => [current().async(() => "s")(), api.schedule()],
            ([t, ran]: [Future, boolean]) => assert.is_true(ran && t.state === "dead"),
        ],
        [
            "scheduleAll",
            () => {
                const t = current().async(() => "all")();
                api.scheduleAll();
                return t;
            },
            (t: Future) => assert.are.equal("dead", t.state),
        ],
        [
            "createTask",
            () => {
                const t = api.createTask(() => "created");
                current().startTask(t);
                return t;
            },
            (t: Future) => assert.are.equal("created", t.result![1]),
        ],
        [
            "startTask",
            () => {
                const t = current().createTask(() => "started");
                api.startTask(t);
                return t;
            },
            (t: Future) => assert.are.equal("started", t.result![1]),
        ],
        [
            "joinTask",
            () => {
                const t = current().async(() => "joined")();
                api.joinTask(t);
                return t;
            },
            (t: Future) => assert.are.equal("joined", t.result![1]),
        ],
        [
            "sleep",
            () =>
                current().async(() => {
                    api.sleep(0.05);
                    return "slept";
                })(),
            (t: Future) => assert.are.equal("slept", t.result![1]),
        ],
        [
            "nextFrame",
            () =>
                current().async(() => {
                    api.nextFrame();
                    return "next";
                })(),
            (t: Future) => assert.are.equal("next", t.result![1]),
        ],
        [
            "waitForEvent",
            () => {
                const t = current().async(() => api.waitForEvent("BAG_UPDATE"))();
                frames(1);
                sim.fireEvent("BAG_UPDATE", 7);
                return t;
            },
            (t: Future) => assert.are.equal(7, t.result![1]),
        ],
        [
            "waitForAnyEvent",
            () => {
                const t = current().async(() => api.waitForAnyEvent(["BAG_UPDATE", "PLAYER_MONEY"]))();
                frames(1);
                sim.fireEvent("PLAYER_MONEY", 8);
                return t;
            },
            (t: Future) => assert.are.same({ n: 2, 1: "PLAYER_MONEY", 2: 8 }, t.result),
        ],
        ["waitUntil", () => current().async(() => api.waitUntil(() => "until"))(), (t: Future) => assert.are.equal("until", t.result![1])],
        [
            "outOfCombat",
            () =>
                current().async(() => {
                    api.outOfCombat();
                    return "calm";
                })(),
            (t: Future) => assert.are.equal("calm", t.result![1]),
        ],
        ["setBudget", () => api.setBudget({ ms: 3 }), () => assert.are.equal(3, current()._state.wow.budget.ms)],
        [
            "traceCreation",
            () => {
                api.traceCreation(true);
                const t = current().async(() => error("traced"))();
                return t;
            },
            () => {
                api.traceCreation(false);
                assert.is_true(contains(sim.errors[sim.errors.length - 1], "created at:"), tostring(sim.errors[sim.errors.length - 1]));
            },
        ],
        ["forAddon", () => api.forAddon("Cached").async(() => "owned")(), (t: Future) => assert.are.equal("Cached", t.owner)],
        [
            "Embed",
            () => {
                const addon = { name: "Embedded" } as { name: string; async?: Lib["async"] };
                api.Embed(api, addon);
                return addon.async!(() => "embedded")();
            },
            (t: Future) => assert.are.equal("Embedded", t.owner),
        ],
        [
            "reportLongSlices",
            () => {
                api.reportLongSlices(1);
                return current().async(() => sim.burn(2))();
            },
            () => {
                api.reportLongSlices(50);
                assert.is_true(contains(sim.errors[sim.errors.length - 1], "ran 2.0 ms without waiting or yielding"));
            },
        ],
        [
            "unrestricted",
            () =>
                current().async(() => {
                    api.unrestricted("Encounter");
                    return "free";
                })(),
            (t: Future) => assert.are.equal("free", t.result![1]),
        ],
        [
            "cancel",
            () => {
                const t = current().async(() => current().sleep(5))();
                frames(1);
                api.cancel(t, "stop");
                return t;
            },
            (t: Future) => assert.is_true(current().isCancelled(t.error)),
        ],
        [
            "isCancelled",
            () => {
                const t = current().createTask(() => undefined);
                current().cancel(t);
                return t;
            },
            (t: Future) => assert.is_true(api.isCancelled(t.error)),
        ],
        [
            "defer",
            () => {
                const log: string[] = [];
                const t = current().async(() => {
                    api.defer(() => log.push("cleaned"));
                })();
                return [t, log];
            },
            ([, log]: [Future, string[]]) => assert.are.same(["cleaned"], log),
        ],
        [
            "cancelAll",
            () => {
                const h = current().forAddon("Doomed");
                const t = h.async(() => h.sleep(5))();
                frames(1);
                (api.forAddon("Doomed") as Lib).cancelAll();
                return t;
            },
            (t: Future) => assert.is_true(current().isCancelled(t.error)),
        ],
        [
            "latest",
            () => {
                const f = api.latest((x: number) => {
                    current().nextFrame();
                    return x;
                });
                const a = f(1);
                const b = f(2);
                return [a, b];
            },
            ([a, b]: [Future, Future]) => assert.is_true(current().isCancelled(a.error) && b.result![1] === 2),
        ],
        [
            "pcall",
            () => current().async(() => api.pcall(() => current().sleep(0.05)))(),
            (t: Future) => assert.is_true(t.result![1] as boolean),
        ],
        [
            "xpcall",
            () =>
                current().async(() =>
                    api.xpcall(
                        () => error("x", 0),
                        (e) => `h ${e}`,
                    ),
                )(),
            (t: Future) => assert.are.equal("h x", t.result![2]),
        ],
        [
            "all",
            () => api.all([current().async(() => 1)(), current().async(() => 2)()]),
            (t: Future) => assert.are.equal(2, (t.result![1] as unknown[])[1]),
        ],
        [
            "allSettled",
            () => api.allSettled([current().async(() => 1)()]),
            (t: Future) => assert.are.equal(1, (t.result![1] as { n: number }).n),
        ],
        ["any", () => api.any([current().async(() => "any")()]), (t: Future) => assert.are.equal("any", t.result![1])],
        ["race", () => api.race([current().async(() => "race")()]), (t: Future) => assert.are.equal("race", t.result![1])],
        ["timeout", () => api.timeout(current().async(() => "in time")(), 1), (t: Future) => assert.are.equal("in time", t.result![1])],
        ["delay", () => api.delay(0.05, (x: string) => x, "delayed"), (t: Future) => assert.are.equal("delayed", t.result![1])],
        [
            "fromPromise",
            () => {
                let settle: ((this: void, self: undefined, v: unknown) => void) | undefined;
                const promise = {
                    then: (_self: unknown, onFulfilled: (this: void, self: undefined, v: unknown) => void) => {
                        settle = onFulfilled;
                    },
                };
                const t = api.fromPromise(promise as never);
                settle!(undefined, "promised");
                return t;
            },
            (t: Future) => assert.are.equal("promised", t.result![1]),
        ],
        ["limit", () => api.limit(1)((x: string) => x, "limited"), (t: Future) => assert.are.equal("limited", t.result![1])],
        [
            "fromCallback",
            () => {
                let settle: ((this: void, v: unknown) => void) | undefined;
                const t = api.fromCallback((resolve) => {
                    settle = resolve;
                });
                settle!("called back");
                return t;
            },
            (t: Future) => assert.are.equal("called back", t.result![1]),
        ],
        [
            "isFuture",
            () => [api.isFuture(current().async(() => 1)()), api.isFuture({})],
            ([yes, no]: [boolean, boolean]) => assert.is_true(yes && !no),
        ],
        [
            "toPromise",
            () => {
                const promise = api.toPromise(current().async(() => "promised")());
                const got: unknown[] = [];
                promise.then((v) => got.push(v));
                return got;
            },
            (got: unknown[]) => assert.are.same(["promised"], got),
        ],
        [
            "awaitAny",
            () => current().async(() => api.awaitAny(current().async(() => "any value")()))(),
            (t: Future) => assert.are.equal("any value", t.result![1]),
        ],
        [
            "errorKind",
            () => {
                const napper = current().async(() => current().sleep(5))();
                const [ok, err] = pcall(() => current().await(napper));
                return [ok, err];
            },
            ([, err]: [boolean, unknown]) => assert.are.equal("WouldBlock", api.errorKind(err)),
        ],
        [
            "addSourceMap",
            () => {
                api.addSourceMap("cached-chunk", "cached.ts:7");
                // The current copy reports with the map (its text says "traced": unexpectedErrors leaves it).
                current().async(() => error("cached-chunk:1: traced through a cached copy's map", 0))();
                return sim.errors.length;
            },
            (before: number) =>
                assert.is_true(
                    (sim.errors as string[]).slice(before).some((e) => contains(e, "cached.ts:7: traced through a cached copy's map")),
                    (sim.errors as string[]).join("\n"),
                ),
        ],
    ];
}

/** Errors the client's handler received, but for the traced one the traceCreation use makes. */
function unexpectedErrors(this: void, sim: client.Simulator): string[] {
    const list: string[] = [];
    for (const e of sim.errors) {
        if (!contains(e, "traced") && !contains(e, "without waiting or yielding")) {
            list.push(tostring(e));
        }
    }
    return list;
}

/** Runs every use through `api`, each on its own, driving the client until its tasks end. */
function exerciseAll(this: void, api: Lib, sim: client.Simulator, current: () => Lib): string[] {
    const used: string[] = [];
    for (const [name, start, check] of usesOf(api, sim, current)) {
        if ((api as unknown as LuaTable<string, unknown>).get(name) === undefined) {
            continue; // a function this (older) copy did not have
        }
        const started = start();
        sim.runFrames(10);
        check(started);
        used.push(name);
    }
    table.sort(used);
    return used;
}

for (const release of RELEASES)
    describe(`upgrading from the frozen ${release.version} release`, () => {
        const FROZEN = release.dir;
        it("old then new: live tasks carry on, the state is upgraded, cached functions all reach the new copy", () => {
            const { sim, lib, minor } = newClient();
            sim.loadAddon(embeddingAddon("OldAddon", FROZEN));
            const old = lib();
            assert.are.equal(release.version, old.version);
            const oldApi = cached(old);
            const oldHandle = cached(old.forAddon("OldAddon") as Lib);
            const log: string[] = [];
            const sleeper = old.async(() => {
                old.sleep(0.5);
                return "slept";
            })();
            const listener = old.async(() => {
                const [payload] = old.waitForEvent("PLAYER_LOGIN");
                log.push(`event ${payload}`);
            })();
            const awaiter = old.async(() => {
                const value = old.await(sleeper);
                log.push(`awaited ${value}`);
            })();
            const yielder = old.async(() => {
                for (const i of $range(1, 3)) {
                    log.push(`turn ${i}`);
                    old.yield();
                }
            })();
            const framer = oldHandle.async(() => {
                old.nextFrame();
                return "framed";
            })();
            let ready = false;
            const waiter = old.async(() => old.waitUntil(() => ready))();
            sim.runFrame(0.001);
            old.setBudget({ ms: 0.0001 }); // the yielder stays mid-loop
            const taskMeta = getmetatable(sleeper) as LuaMetatable<object>;
            const oldIndex = taskMeta.__index;

            sim.loadAddon(embeddingAddon("NewAddon", ADDON_DIR));
            assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
            assert.are.equal(old, lib(), "the same table, upgraded in place");
            assert.are.equal(MINOR, minor());
            assert.are.equal(VERSION, old.version);
            assert.are_not.equal(oldApi.async, old.async, "the newer copy's functions");
            assert.are.equal(taskMeta, getmetatable(old.async(() => undefined)()), "one task metatable");
            assert.are_not.equal(oldIndex, taskMeta.__index, "updated in place with the newer behaviour");
            const owners = old._state.core!.ownerList() as unknown as LuaTable<string, unknown>[];
            for (const owner of owners) {
                assert.is_nil(owner.get("d"), "0.1.x queue fields renamed");
                assert.is_not_nil(owner.get("incoming"));
            }

            old.setBudget({ ms: 5 });
            sim.fireEvent("PLAYER_LOGIN", "hello");
            ready = true;
            sim.runFrames(60);
            for (const t of [sleeper, listener, awaiter, yielder, framer, waiter]) {
                assert.are.equal("dead", t.state);
            }
            assert.are.equal("framed", framer.result![1]);
            assert.are.equal("OldAddon", framer.owner);
            table.sort(log);
            assert.are.same(["awaited slept", "event hello", "turn 1", "turn 2", "turn 3"], log);

            // Every function the old copy published, cached before the upgrade, works on the new scheduler.
            assert.are.same(functionNames(oldApi), exerciseAll(oldApi, sim, lib));
            assert.are.same(functionNames(oldHandle), exerciseAll(oldHandle, sim, lib));
            // One driver: a single OnUpdate per busy frame.
            old.async(() => {
                old.nextFrame();
                old.nextFrame();
            })();
            sim.runFrame();
            assert.are.equal(1, sim.stats.lastFrameOnUpdateCalls);
            assert.are.same([], unexpectedErrors(sim));
        });

        it("its tasks can be cancelled by the new copy: their waits, timers and event registrations are released", () => {
            const { sim, lib } = newClient();
            sim.loadAddon(embeddingAddon("OldAddon", FROZEN));
            const old = lib();
            const sleeper = old.async(() => old.sleep(5))();
            const listener = old.async(() => old.waitForEvent("BAG_UPDATE"))();
            const poller = old.async(() => old.waitUntil(() => false))();
            const awaiter = old.async(() => old.await(sleeper))();
            sim.runFrame();
            sim.loadAddon(embeddingAddon("NewAddon", ADDON_DIR));
            const AA = lib();
            AA.cancel(awaiter, "closed"); // and the sleeper it alone awaited
            AA.cancel(listener);
            AA.cancel(poller);
            sim.runFrames(2);
            for (const t of [sleeper, listener, poller, awaiter]) {
                assert.are.equal("dead", t.state);
                assert.is_true(t.cancelled);
            }
            const glue = AA._state.wow;
            assert.are.equal(0, glue.heapLen + glue.predicatesLen);
            assert.is_false(registered(AA, "BAG_UPDATE"));
            assert.are.same([], unexpectedErrors(sim));
        });

        it(`every entry point the retired ${release.version} core forwards reaches the same entry of the new copy`, () => {
            const { sim, lib } = newClient();
            sim.loadAddon(embeddingAddon("OldAddon", FROZEN));
            const oldCore = lib()._state.core as unknown as LuaTable<string, (this: void, ...args: unknown[]) => unknown>;
            sim.loadAddon(embeddingAddon("NewAddon", ADDON_DIR));
            const entries = lib()._state.core as unknown as LuaTable<string, (this: void, ...args: unknown[]) => unknown>;
            const own = release.own;
            const reached: string[] = [];
            for (const name of functionNames(oldCore)) {
                if (!own.includes(name)) {
                    const real = entries.get(name);
                    assert.are.equal("function", type(real), `the new copy answers ${name}`);
                    let called = false;
                    entries.set(name, () => {
                        called = true;
                    });
                    oldCore.get(name)({});
                    entries.set(name, real);
                    assert.is_true(called, name);
                    reached.push(name);
                }
            }
            assert.are.equal(release.forwarded, reached.length);
        });

        it("new then old: the newer copy stays, and the older one changes nothing", () => {
            const { sim, lib } = newClient();
            sim.loadAddon(embeddingAddon("NewAddon", ADDON_DIR));
            const api = cached(lib());
            const t = lib().async(() => {
                lib().sleep(0.1);
                return "fine";
            })();
            sim.runFrame();
            sim.loadAddon(embeddingAddon("OldAddon", FROZEN));
            assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
            assert.are.equal(VERSION, lib().version);
            assert.are.same(functionNames(api), functionNames(lib()));
            for (const name of functionNames(api)) {
                assert.are.equal(
                    (api as unknown as LuaTable<string, unknown>).get(name),
                    (lib() as unknown as LuaTable<string, unknown>).get(name),
                );
            }
            sim.runFrames(20);
            assert.are.equal("fine", t.result![1]);
        });

        it(`new loaded from inside a ${release.version} task: it finishes its run, then the new copy takes over`, () => {
            const { sim, lib } = newClient();
            sim.loadAddon(embeddingAddon("OldAddon", FROZEN));
            const dir = embeddingAddon("LoadedOnDemand", ADDON_DIR);
            const old = lib();
            const log: string[] = [];
            old.async(() => {
                old.yield();
                log.push("before");
            })();
            old.async(() => {
                sim.loadAddon(dir);
                // The new copy is installed, but the old one runs the scheduler until this run ends.
                assert.are.equal(VERSION, lib().version);
                lib().async(() => log.push("made during the handover"))();
                lib().traceCreation(false); // reaches the old copy (0.1.0: through the adapter for its setters)
                lib().yield();
                log.push("loader done");
            })();
            sim.runFrames(5);
            assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
            table.sort(log);
            assert.are.same(["before", "loader done", "made during the handover"], log);
            const after = lib().async(() => {
                lib().sleep(0.05);
                return lib().errorKind(undefined) ?? "after";
            })();
            sim.runFrames(10);
            assert.are.equal("after", after.result![1]);
            lib().async(() => error("reported"))();
            sim.runFrame();
            assert.are.equal(1, sim.errors.length);
            assert.is_true(contains(sim.errors[0], "AsyncAwait: unhandled error in a task of AsyncAwait"));
        });

        it("old loaded from inside a task of the new copy changes nothing", () => {
            const { sim, lib } = newClient();
            sim.loadAddon(embeddingAddon("NewAddon", ADDON_DIR));
            const dir = embeddingAddon("OldOnDemand", FROZEN);
            const before = lib().async;
            const loader = lib().async(() => {
                sim.loadAddon(dir);
                lib().yield();
                return lib().version;
            })();
            sim.runFrames(3);
            assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
            assert.are.equal(VERSION, loader.result![1]);
            assert.are.equal(before, lib().async);
        });
    });

describe("upgrading from this build", () => {
    it("a third copy loaded during a pending handover takes over from the running one directly", () => {
        const { sim, lib } = newClient();
        sim.loadAddon(embeddingAddon("OldAddon", FROZEN_0_1_0));
        const second = embeddingAddon("Second", ADDON_DIR);
        const third = embeddingAddon("Third", ADDON_DIR, "0.3.1");
        const old = lib();
        const sleeper = old.async(() => {
            old.sleep(0.2);
            return "slept";
        })();
        old.async(() => {
            sim.loadAddon(second);
            sim.loadAddon(third);
            lib().yield();
        })();
        sim.runFrames(30);
        assert.are.equal(0, sim.errors.length, tostring(sim.errors[0]));
        assert.are.equal("0.3.1", lib().version);
        assert.are.equal("slept", sleeper.result![1]);
        const t = lib().async(() => "third runs it")();
        sim.runFrame();
        assert.are.equal("third runs it", t.result![1]);
    });

    it("cleanups a task registers before and after a newer copy took over run newest first, as one list", () => {
        const { sim, lib } = newClient();
        sim.loadAddon(embeddingAddon("First", ADDON_DIR));
        const order: string[] = [];
        let go = false;
        const t = lib().async(() => {
            lib().defer(() => order.push("A, under the first copy"));
            lib().waitUntil(() => go);
            lib().defer(() => order.push("B, under the newer copy"));
        })();
        sim.runFrame();
        sim.loadAddon(embeddingAddon("Newer", ADDON_DIR, "0.3.1"));
        assert.are.equal("0.3.1", lib().version);
        go = true;
        sim.runFrames(2);
        assert.are.equal("dead", t.state);
        assert.are.same(["B, under the newer copy", "A, under the first copy"], order);
        assert.are.same([], unexpectedErrors(sim));
    });

    it("functions cached from a retired copy of this build reach the newer one", () => {
        const { sim, lib } = newClient();
        sim.loadAddon(embeddingAddon("First", ADDON_DIR));
        const first = cached(lib());
        const handle = cached(lib().forAddon("First") as Lib);
        sim.loadAddon(embeddingAddon("Newer", ADDON_DIR, "0.3.1"));
        assert.are.equal("0.3.1", lib().version);
        assert.are.same(functionNames(first), exerciseAll(first, sim, lib));
        assert.are.same(functionNames(handle), exerciseAll(handle, sim, lib));
        assert.are.same([], unexpectedErrors(sim));
    });
});
