/**
 * Cancellation, timeouts, combinators and the client's contexts in the simulated client: what
 * a cancelled wait releases, timeouts to the frame, combinators over every kind of input,
 * forced and inside tasks, delay, cancelAll, unrestricted, the instance-combat budget and
 * reports that follow the await chain.
 */
import { Lib, registered, startGame } from "../support/game";
import { attempt, contains, pack } from "../support/lua";
import type { Future, Task } from "../../src/api/types";

type Cancellable = Task & { cancelled: boolean };

describe("cancel in the client", () => {
    it("releases a sleeper's timer and an event waiter's registration", () => {
        const { sim, AA } = startGame();
        const sleeper = AA.async(() => AA.sleep(10))();
        const listener = AA.async(() => AA.waitForEvent("BAG_UPDATE"))();
        sim.runFrame();
        assert.are.equal(1, AA._state.wow.heapLen);
        assert.is_true(registered(AA, "BAG_UPDATE"));
        AA.cancel(sleeper);
        AA.cancel(listener);
        assert.are.equal(0, AA._state.wow.heapLen);
        assert.is_false(registered(AA, "BAG_UPDATE"));
        assert.is_true((sleeper as Cancellable).cancelled && (listener as Cancellable).cancelled);
        sim.runFrames(3);
        assert.are.equal(0, sim.errors.length);
    });

    it("cancels 10000 event waiters and 10000 sleepers with nothing left registered", () => {
        const { sim, AA } = startGame();
        const tasks: Future<unknown>[] = [];
        const listen = AA.async(() => AA.waitForEvent("BAG_UPDATE"));
        const nap = AA.async(() => AA.sleep(100));
        for (const _ of $range(1, 10000)) {
            tasks.push(listen());
            tasks.push(nap());
        }
        AA.setBudget({ ms: 1000 });
        sim.runFrame();
        for (const t of tasks) {
            AA.cancel(t);
        }
        assert.is_false(registered(AA, "BAG_UPDATE"));
        assert.is_nil(AA._state.wow.events.get("BAG_UPDATE"));
        assert.are.equal(0, AA._state.wow.heapLen);
        sim.fireEvent("BAG_UPDATE");
        sim.runFrames(2);
        for (const t of tasks) {
            assert(t.state === "dead" && AA.isCancelled(t.error));
        }
    });

    it("cancelling some event waiters leaves the others to be woken, in order", () => {
        const { sim, AA } = startGame();
        const log: number[] = [];
        const listen = AA.async((i: number) => {
            AA.waitForEvent("BAG_UPDATE");
            log.push(i);
        });
        const tasks: Future<void>[] = [];
        for (const i of $range(1, 6)) {
            tasks.push(listen(i));
        }
        sim.runFrame();
        AA.cancel(tasks[1]);
        AA.cancel(tasks[2]);
        AA.cancel(tasks[4]);
        sim.fireEvent("BAG_UPDATE");
        sim.runFrame();
        assert.are.same([1, 4, 6], log);
        assert.is_false(registered(AA, "BAG_UPDATE"));
    });

    it("cancelAll on a handle ends that addon's tasks only, wherever they wait", () => {
        const { sim, AA } = startGame();
        const mine = AA.forAddon("Mine") as Lib;
        const theirs = AA.forAddon("Theirs") as Lib;
        const inner = mine.async(() => mine.sleep(50));
        const t1 = mine.async(() => mine.await(inner()))();
        const t2 = mine.async(() => mine.waitForEvent("BAG_UPDATE"))();
        const t3 = mine.async(() => {
            while (true) {
                sim.burn(0.5);
                mine.yield();
            }
        })();
        const other = theirs.async(() => theirs.sleep(0.1))();
        sim.runFrame();
        mine.cancelAll("disabled");
        for (const t of [t1, t2, t3]) {
            assert.is_true((t as Cancellable).cancelled, t.state);
        }
        assert.is_false(registered(AA, "BAG_UPDATE"));
        sim.runFrames(10);
        assert.are.equal("dead", other.state);
        assert.is_nil(other.error);
    });
});

describe("timeouts", () => {
    it("waitForEvent with a timeout raises TimedOut on the first frame at the deadline, and stops listening", () => {
        const { sim, AA } = startGame({ frameTime: 0.1 });
        let seen: unknown;
        let at = 0;
        AA.async(() => {
            const start = sim.env.GetTime() as number;
            const [ok, err] = AA.pcall(() => AA.waitForEvent("BAG_UPDATE", undefined, 0.25));
            at = (sim.env.GetTime() as number) - start;
            seen = ok ? "event" : err;
        })();
        sim.runFrames(2);
        assert.is_nil(seen);
        assert.is_true(registered(AA, "BAG_UPDATE"));
        sim.runFrames(2);
        assert.are.equal("TimedOut", AA.errorKind(seen));
        assert.is_true(math.abs(at - 0.3) < 1e-6, `resumed ${at} s after the call`);
        assert.is_false(registered(AA, "BAG_UPDATE"));
        assert.are.equal(0, AA._state.wow.heapLen);
    });

    it("an event before the deadline returns its payload and releases the timer", () => {
        const { sim, AA } = startGame();
        let got: unknown;
        AA.async(() => {
            got = AA.waitForEvent("BAG_UPDATE", undefined, 5)[0];
        })();
        sim.runFrame();
        sim.fireEvent("BAG_UPDATE", 4);
        sim.runFrame();
        assert.are.equal(4, got);
        assert.are.equal(0, AA._state.wow.heapLen);
    });

    it("a timed wait woken by its event, then cancelled before it resumes, leaves no timer behind", () => {
        const { sim, AA } = startGame();
        const bounded = AA.async(() => AA.pcall(AA.waitForEvent, "BAG_UPDATE", undefined, 30))();
        // Woken by the same event just after it: cancels the bounded task while it is runnable.
        AA.async(() =>
            AA.waitForEvent("BAG_UPDATE", () => {
                AA.cancel(bounded);
                return true;
            }),
        )();
        sim.runFrame();
        assert.are.equal(1, AA._state.wow.heapLen);
        sim.fireEvent("BAG_UPDATE", 1);
        sim.runFrame();
        assert.is_true((bounded as Cancellable).cancelled);
        assert.are.equal(0, AA._state.wow.heapLen);
        sim.runFrame();
        assert.is_false(AA._state.wow.running, "the driver sleeps: nothing is due");
    });

    it("waitUntil with a timeout raises TimedOut; outside a task its future fails with it", () => {
        const { sim, AA } = startGame();
        const future = AA.waitUntil(() => false, 0.05) as unknown as Future<unknown>;
        sim.runFrames(5);
        assert.are.equal("TimedOut", AA.errorKind(future.error));
        assert.are.equal(0, AA._state.wow.predicatesLen);
    });

    it("a timeout error names the call, at the line of the wait", () => {
        const { sim, AA } = startGame();
        let message = "";
        AA.async(() => {
            const [, err] = AA.pcall(() => AA.waitUntil(() => false, 0));
            message = tostring(err);
        })();
        sim.runFrames(2);
        assert.is_true(contains(message, "waitUntil(predicate): timed out after 0 s"), message);
    });

    it("timeout(future, s) gives the future's values when it ends in time", () => {
        const { sim, AA } = startGame();
        const quick = AA.async(() => {
            AA.sleep(0.05);
            return $multi("a", undefined, "c");
        });
        let got: unknown;
        AA.async(() => {
            got = pack(...AA.await(AA.timeout(quick(), 1)));
        })();
        sim.runFrames(10);
        assert.are.same(pack("a", undefined, "c"), got);
        assert.are.equal(0, AA._state.wow.heapLen);
    });

    it("timeout(future, s) fails with TimedOut and cancels the future when it is late", () => {
        const { sim, AA } = startGame();
        const slow = AA.async(() => AA.sleep(10))();
        const bounded = AA.timeout(slow, 0.1);
        sim.runFrames(10);
        assert.are.equal("TimedOut", AA.errorKind(bounded.error));
        assert.is_true((slow as Cancellable).cancelled);
        assert.are.equal(0, AA._state.wow.heapLen);
        assert.are.equal(0, sim.errors.length - 1, "only the bounded task's TimedOut is reported (no one awaited it)");
    });

    it("timeout does not cancel a future another task awaits", () => {
        const { sim, AA } = startGame();
        const slow = AA.async(() => {
            AA.sleep(0.3);
            return "late";
        })();
        const patient = AA.async(() => AA.await(slow))();
        const bounded = AA.async(() => AA.await(AA.timeout(slow, 0.1)))();
        sim.runFrames(40);
        assert.are.equal("TimedOut", AA.errorKind(bounded.error));
        assert.are.equal("late", patient.result![1]);
    });

    it("delay calls the function after the time, as a task; cancelling it first releases the timer", () => {
        const { sim, AA } = startGame({ frameTime: 0.1 });
        const log: string[] = [];
        const later = AA.delay(0.25, (x: string) => log.push(x), "called");
        const never = AA.delay(0.25, (x: string) => log.push(x), "never");
        AA.cancel(never);
        sim.runFrames(2);
        assert.are.same([], log);
        sim.runFrames(1);
        assert.are.same(["called"], log);
        assert.are.equal("dead", later.state);
        assert.are.equal(0, AA._state.wow.heapLen);
    });
});

describe("combinators", () => {
    /** Futures over every kind of input: already dead, failing, cancelled, pending (sleeping). */
    function inputs(AA: Lib) {
        const done = AA.async(() => $multi(undefined, 2))();
        const later = AA.async((s: number, v: unknown) => {
            AA.sleep(s);
            return v;
        });
        const failing = AA.async((s: number) => {
            AA.sleep(s);
            error({ why: "failed" });
        });
        return { done, later, failing };
    }

    it("all: each first value in a list with n, nils kept; forced from plain code too", () => {
        const { sim, AA } = startGame();
        const { done, later } = inputs(AA);
        AA.scheduleAll();
        const both = AA.all([done, later(0.1, "x"), later(0.05, undefined)]);
        sim.runFrames(10);
        const r = both.result![1] as { n: number; [i: number]: unknown };
        assert.are.equal(3, r.n);
        assert.is_nil(r[1]);
        assert.are.equal("x", r[2]);
        assert.is_nil(r[3]);
        const forced = AA.await(AA.all([AA.async(() => 1)(), AA.async(() => 2)()])) as unknown as { n: number; [i: number]: unknown };
        assert.are.same({ n: 2, 1: 1, 2: 2 }, forced);
        assert.are.same({ n: 0 }, AA.await(AA.all([])));
    });

    it("all: the first error, the others cancelled; a forced all of sleepers is WouldBlock", () => {
        const { sim, AA } = startGame();
        const { later, failing } = inputs(AA);
        const slow = later(5, "slow");
        const bad = failing(0.05);
        let seen: unknown;
        AA.async(() => {
            const [ok, err] = AA.pcall(() => AA.await(AA.all([slow, bad])));
            seen = ok ? "ok" : err;
        })();
        sim.runFrames(10);
        assert.are.same({ why: "failed" }, seen);
        assert.is_true((slow as Cancellable).cancelled);
        assert.are.equal(0, AA._state.wow.heapLen);
        const [ok, err] = attempt(AA.await, AA.all([later(1, 1)]));
        assert.is_false(ok);
        assert.are.equal("WouldBlock", AA.errorKind(err));
        assert.are.equal(0, sim.errors.length);
    });

    it("allSettled: every input once all ended, failed and cancelled ones included; cancels nothing", () => {
        const { sim, AA } = startGame();
        const { done, later, failing } = inputs(AA);
        const cancelled = later(5, "never");
        const list = [done, failing(0.05), cancelled, later(0.1, "v")];
        const settled = AA.allSettled(list);
        sim.runFrame();
        AA.cancel(cancelled);
        sim.runFrames(10);
        const r = settled.result![1] as { n: number; [i: number]: Task };
        assert.are.equal(4, r.n);
        assert.are.equal(list[0], r[1]);
        assert.are.same({ why: "failed" }, r[2].error);
        assert.is_true((r[3] as Cancellable).cancelled);
        assert.are.equal("v", r[4].result![1]);
        assert.are.equal(0, sim.errors.length, "errors allSettled took are handled");
    });

    it("any: the first success, the rest cancelled; AllFailed with every error when all fail", () => {
        const { sim, AA } = startGame();
        const { later, failing } = inputs(AA);
        const slow = later(5, "slow");
        const winner = AA.any([failing(0.01), later(0.05, "fast"), slow]);
        sim.runFrames(10);
        assert.are.equal("fast", winner.result![1]);
        assert.is_true((slow as Cancellable).cancelled);
        const none = AA.any([failing(0.01), failing(0.02)]);
        sim.runFrames(10);
        assert.are.equal("AllFailed", AA.errorKind(none.error));
        const errors = (none.error as { errors: { n: number; [i: number]: unknown } }).errors;
        assert.are.equal(2, errors.n);
        assert.are.same({ why: "failed" }, errors[1]);
        const empty = AA.any([]);
        sim.runFrame();
        assert.are.equal("AllFailed", AA.errorKind(empty.error));
    });

    it("race: the first outcome, value or error or cancellation; the others cancelled", () => {
        const { sim, AA } = startGame();
        const { later, failing } = inputs(AA);
        const slow = later(5, "slow");
        const first = AA.race([slow, later(0.05, "quick")]);
        sim.runFrames(10);
        assert.are.equal("quick", first.result![1]);
        assert.is_true((slow as Cancellable).cancelled);
        const failed = AA.race([failing(0.01), later(1, "x")]);
        sim.runFrames(10);
        assert.are.same({ why: "failed" }, failed.error);
        assert.are.equal(1, sim.errors.length, "no one awaited the failed race: reported");
        const victim = later(1, "v");
        const cancelledRace = AA.race([victim, later(2, "w")]);
        sim.runFrame();
        AA.cancel(victim, "gone");
        sim.runFrame();
        assert.is_true(AA.isCancelled(cancelledRace.error));
        assert.are.equal(1, sim.errors.length, "a cancelled race result is not reported");
    });

    it("cancelling a combinator cancels the inputs no one else awaits", () => {
        const { sim, AA } = startGame();
        const { later } = inputs(AA);
        const a = later(5, "a");
        const b = later(5, "b");
        const keeper = AA.async(() => AA.await(b))();
        const both = AA.all([a, b]);
        sim.runFrame();
        AA.cancel(both);
        assert.is_true((a as Cancellable).cancelled);
        assert.are.equal("suspended", b.state);
        sim.runFrames(400);
        assert.are.equal("b", keeper.result![1]);
    });

    it("a task awaiting a combinator over itself is an await cycle", () => {
        const { sim, AA } = startGame();
        let seen: unknown;
        const self: Future<unknown> | undefined = AA.async(() => {
            AA.nextFrame();
            const [, err] = AA.pcall(() => AA.await(AA.race([self!])));
            seen = err;
        })();
        sim.runFrames(3);
        assert.are.equal("AwaitCycle", AA.errorKind(seen));
    });
});

describe("unrestricted", () => {
    it("returns at once when the restriction is off, else when it lifts, checked again", () => {
        const { sim, AA } = startGame();
        const log: string[] = [];
        AA.async(() => {
            AA.unrestricted("Encounter");
            log.push("free at once");
        })();
        sim.runFrame();
        sim.setRestriction("Encounter", true);
        sim.runFrame();
        AA.async(() => {
            AA.unrestricted("Encounter");
            log.push("free after the encounter");
        })();
        sim.runFrames(3);
        assert.are.same(["free at once"], log);
        assert.is_true(registered(AA, "ADDON_RESTRICTION_STATE_CHANGED"));
        sim.setRestriction("Encounter", false);
        sim.runFrames(2);
        assert.are.same(["free at once", "free after the encounter"], log);
        assert.is_false(registered(AA, "ADDON_RESTRICTION_STATE_CHANGED"));
    });

    it("a task started while a restriction activates (during its event) waits", () => {
        const { sim, AA } = startGame();
        const log: string[] = [];
        AA.async(() => {
            AA.waitForEvent("ADDON_RESTRICTION_STATE_CHANGED");
            AA.unrestricted("Combat");
            log.push("ran");
        })();
        sim.runFrame();
        sim.setRestriction("Combat", true);
        sim.runFrames(3);
        assert.are.same([], log);
        sim.setRestriction("Combat", false);
        sim.runFrames(2);
        assert.are.same(["ran"], log);
    });

    it("is a no-op on clients without addon restrictions", () => {
        // (Every flavor has them, Classic Era included: this is a client from before them.)
        const { sim, AA } = startGame({ restrictions: false });
        const log: string[] = [];
        AA.async(() => {
            AA.unrestricted("Encounter");
            log.push("ran");
        })();
        sim.runFrame();
        assert.are.same(["ran"], log);
        assert.are.equal(0, sim.errors.length);
    });
});

describe("the instance-combat budget", () => {
    it("caps each frame's task time in combat inside an instance, and only there", () => {
        const { sim, AA } = startGame({ frameTime: 1 / 30 });
        AA.setBudget({ ms: 6, instanceCombatMs: 2 });
        let slices = 0;
        AA.async(() => {
            while (true) {
                sim.burn(0.1);
                slices += 1;
                AA.yield();
            }
        })();
        const frame = (): number => {
            const before = slices;
            sim.runFrame(1 / 30);
            return (slices - before) / 10;
        };
        frame();
        assert.is_true(math.abs(frame() - 6) <= 0.2);
        sim.setCombat(true);
        assert.is_true(math.abs(frame() - 6) <= 0.2, "combat outside an instance");
        sim.setInstance("raid");
        assert.is_true(math.abs(frame() - 2) <= 0.2, "combat in a raid");
        sim.setCombat(false);
        frame();
        assert.is_true(math.abs(frame() - 6) <= 0.2, "out of combat in a raid");
    });
});

describe("reports across awaits", () => {
    it("show the failing site, then each awaiting task's await site and origin", () => {
        const { sim, AA } = startGame();
        const [leaf] = [
            AA.async(() => {
                AA.nextFrame();
                error("deep failure", 0);
            }),
        ];
        const middle = AA.async(() => AA.await(leaf()));
        const root = AA.async(() => AA.await(middle()));
        root();
        sim.runFrames(3);
        assert.are.equal(1, sim.errors.length);
        const report = tostring(sim.errors[0]);
        assert.is_true(contains(report, "unhandled error in a task of AsyncAwait: deep failure"), report);
        const [, awaitedCount] = string.gsub(report, "awaited by a task of AsyncAwait at:", "");
        assert.are.equal(2, awaitedCount, report);
        assert.is_true(contains(report, "a task of the async function made at"), report);
    });
});

describe("a chain's owner", () => {
    it("a continuation belongs to the addon whose task chains it: the source addon's cancelAll leaves it alone", () => {
        const { sim, AA } = startGame();
        const B = AA.forAddon("B");
        const C = AA.forAddon("C");
        const source = B.async(() => {
            B.sleep(0.2);
            return "from B";
        })();
        let chained: Future | undefined;
        const user = C.async(() => {
            chained = source.then((v) => `C got ${tostring(v)}`) as unknown as Future;
            return C.await(chained);
        })() as unknown as Cancellable;
        sim.runFrame();
        assert.are.equal("C", (chained as unknown as Task).owner);
        B.cancelAll("B resets");
        sim.runFrames(10);
        assert.is_true((source as unknown as Cancellable).cancelled);
        // The source's cancellation reaches C through the chain, as an awaited task's would.
        assert.is_true(user.cancelled);
        assert.are.equal("B resets", (user.error as { reason: unknown }).reason);
        // Chained from plain code, it is the source's addon's.
        const fromPlain = B.async(() => 1)();
        assert.are.equal("B", (fromPlain.then(() => 2) as unknown as Task).owner);
    });
});
