/**
 * Runs a program (program.ts) on the built addon in the simulated client, frame by frame, and
 * checks it against a small reference model: each task ends exactly once with the right values
 * or the identical error; each wait resumes no earlier than due and at most one frame late; a
 * timed event wait gets the event if it came before the OnUpdate that fires its timer, else
 * TimedOut; unobserved failures are reported exactly once and observed ones never; at the end
 * nothing is registered, parked or queued, the pool is bounded, finished tasks are collectable
 * and the driver is idle.
 *
 * Cancels are predicted as they happen: the task cancelled, and down the chain the task each
 * awaits or joins (its only consumer), end cancelled, never run again nor reported; a task
 * awaiting a cancelled one fails with the same error (cancelled too), one joining it goes on.
 * Returns the problems found (none: the program passed).
 */
import { ADDON_DIR, Lib, registered, writeAddon } from "../support/game";
import { waitersHeld } from "../support/kinds";
import { chunk, contains, functionNames } from "../support/lua";
import { weakWatch } from "../support/weak";
import * as client from "../../simulator/client";
import type { Future } from "../../src/api/types";
import { ErrorType, EVENTS, FLAGS, FRAME_TIME, OWNERS, Program } from "./program";

/** The newer copy the programs load mid-run: this build, one version up. */
let newerDir: string | undefined;

function newerCopy(this: void): string {
    newerDir ??= writeAddon("ModelNewer", { patchVersion: "99.0.0" });
    return newerDir;
}

/**
 * The error value error source `source` (see expectedFailure) raises: one per source, of its
 * type; for a cancellation, the error its cancelled task ended with (noted in `cache` then).
 */
function errorValue(this: void, p: Program, source: number, cache: LuaTable<number, unknown>): unknown {
    if (source < 0) {
        return cache.get(source);
    }
    if (!cache.has(source)) {
        const values: Record<ErrorType, unknown> = {
            string: `failure ${source}`,
            number: source + 0.25,
            table: { source },
            boolean: false,
            function: () => source,
            nil: undefined,
        };
        cache.set(source, values[errorTypeOf(p, source)] ?? "nil");
    }
    const value = cache.get(source);
    return value === "nil" ? undefined : value;
}

/**
 * What the model expects of a task: undefined for success, else the source of the error it ends
 * with: task * 100 for the task's own error at its end, task * 100 + k for its op k's callback,
 * -c for the cancellation of the c-th cancel call, from plain code or a task (`cancelledBy`: each
 * task that call ended, or will end at its next yield, await or wait, by c). A cancellation
 * source is known only once the cancel has happened: clear `memo` after each.
 */
function expectedFailure(
    this: void,
    p: Program,
    id: number,
    memo: LuaTable<number, number>,
    cancelledBy: LuaTable<number, number>,
): number | undefined {
    if (cancelledBy.has(id)) {
        return -cancelledBy.get(id); // before anything else: it was not dead when cancelled
    }
    if (memo.has(id)) {
        const source = memo.get(id);
        return source === 0 ? undefined : source;
    }
    let source = 0;
    for (const [k, op] of ipairs(p.tasks[id - 1].ops)) {
        // An await of the child, or of a chain on it, fails with its error (inside AA.pcall, it catches it).
        if ((op.op === "spawn" && op.then === "await") || op.op === "chain") {
            const child = expectedFailure(p, op.child, memo, cancelledBy);
            if (child !== undefined) {
                source = child;
                break;
            }
        } else if ((op.op === "until" || op.op === "event") && op.raises !== undefined) {
            source = id * 100 + k;
            break;
        }
    }
    if (source === 0 && p.tasks[id - 1].fails !== undefined) {
        source = id * 100;
    }
    memo.set(id, source);
    return source === 0 ? undefined : source;
}

/** The type of the error a source raises. */
function errorTypeOf(this: void, p: Program, source: number): ErrorType {
    const task = p.tasks[math.floor(source / 100) - 1];
    const k = source % 100;
    if (k === 0) {
        return task.fails!;
    }
    const op = task.ops[k - 1] as { raises?: ErrorType };
    return op.raises!;
}

/**
 * How often each case the model predicts came up, summed over the programs run: the spec checks
 * each came up at all, so no check passes only because its case never happens.
 */
export const coverage = new LuaTable<string, number>();

function covered(this: void, what: string): void {
    coverage.set(what, (coverage.get(what) ?? 0) + 1);
}

interface Mark {
    seq: number;
    frame: number;
    /** Whether this frame's OnUpdate had begun (else only its events had been delivered). */
    afterUpdate: boolean;
    time: number;
}

interface Delivery extends Mark {
    event: string;
    payload: unknown;
    inCombat: boolean;
}

export function runProgram(this: void, p: Program, addonDir: string = ADDON_DIR): string[] {
    const problems: string[] = [];
    const sim = client.newSimulator({ frameTime: FRAME_TIME });
    const env = sim.env;
    let seq = 0;
    let updateFrame = -1;
    const deliveries: Delivery[] = [];
    const flagSet: (Mark | undefined)[] = [];
    const flags: boolean[] = [];
    for (const i of $range(1, FLAGS)) {
        flags[i - 1] = false;
    }
    const mark = (): Mark => {
        seq += 1;
        const frame = sim.stats.frames;
        return { seq, frame, afterUpdate: updateFrame === frame, time: env.GetTime() };
    };

    // A frame created before the library's: its OnEvent sees each event first, its OnUpdate
    // marks the start of each frame's OnUpdate phase.
    const spy = env.CreateFrame("Frame");
    for (const event of [...EVENTS, "PLAYER_REGEN_ENABLED"]) {
        spy.RegisterEvent(event);
    }
    spy.SetScript("OnEvent", (_f, event, ...payload) => {
        const m = mark();
        deliveries.push({ ...m, event, payload: payload[0], inCombat: env.InCombatLockdown() });
    });
    spy.SetScript("OnUpdate", () => {
        updateFrame = sim.stats.frames;
    });

    sim.loadAddon(addonDir);
    const lib = env.AsyncAwait as Lib;
    // Functions cached as an addon caches them: after a newer copy loads, they forward to it.
    const api = {} as Lib;
    for (const name of functionNames(lib)) {
        (api as unknown as Record<string, unknown>)[name] = (lib as unknown as Record<string, unknown>)[name];
    }
    const glue = lib._state.wow; // shared by every copy: a newer one takes it over as it is
    const handles = new LuaTable<string, Lib>();
    for (const owner of [...OWNERS, "ModelInner"]) {
        handles.set(owner, api.forAddon(owner) as Lib);
    }
    sim.login();

    let memo = new LuaTable<number, number>();
    /** Task → the cancel call that ended it (or will, at its next yield, await or wait); calls counted from 1. */
    const cancelledBy = new LuaTable<number, number>();
    let cancelCalls = 0;
    /** Tasks asked to cancel while running (a request stands until they stop running). */
    const askedBefore = new LuaTable<number, boolean>();
    /** Cancel calls whose error is not known yet (only a running task was asked), → that task. */
    const unknownErrors = new LuaTable<number, number>();
    /** Task → the future of its chain (child:then(cb)) it awaits, while it is in that call. */
    const chained = new LuaTable<number, Future>();
    /** Tasks whose only consumer was cancelled while they ran on (asked, with no point left to end at). */
    const orphaned = new LuaTable<number, boolean>();
    /** Task → the child it is suspended on in an await or a joinTask, while it is in that call. */
    const suspendedOn = new LuaTable<number, number>();
    /** Task → how many registrations (a wait, its timer) the wait it is in holds, while it is in that call. */
    const waitingIn = new LuaTable<number, number>();
    const expected = (id: number) => expectedFailure(p, id, memo, cancelledBy);
    const errors = new LuaTable<number, unknown>();
    const futures = new LuaTable<number, Future>();
    const starts = new LuaTable<number, number>();
    const ends = new LuaTable<number, number>();
    const observedByForce = new LuaTable<number, boolean>();
    const bump = (t: LuaTable<number, number>, id: number) => t.set(id, (t.get(id) ?? 0) + 1);

    /** A wait of task `id`'s op `k` resumed at `at`, parked at `parked`: is it in time? */
    const checkTiming = (id: number, k: number, what: string, parked: Mark, at: Mark, dueFrame: number | undefined, earliestSeq = 0) => {
        const where = `task ${id} op ${k} (${what})`;
        if (dueFrame === undefined) {
            problems.push(`${where}: resumed in frame ${at.frame} though nothing due had happened`);
        } else if (at.frame < dueFrame || at.seq < earliestSeq) {
            problems.push(`${where}: resumed in frame ${at.frame}, before it was due (frame ${dueFrame})`);
        } else if (at.frame > dueFrame + 1) {
            problems.push(`${where}: resumed in frame ${at.frame}, more than a frame after it was due (frame ${dueFrame})`);
        }
        void parked;
    };
    /** The frame of the first OnUpdate after `m`. */
    const nextUpdate = (m: Mark) => (m.afterUpdate || m.frame === 0 ? m.frame + 1 : m.frame); // frame 0: loading
    const frameTimes: number[] = [];
    const timeOf = (f: number) => (f === sim.stats.frames ? env.GetTime() : frameTimes[f - 1]);
    /** The frame of the OnUpdate that wakes a sleep of `seconds` parked at `m`, if it has come yet. */
    const sleepDue = (m: Mark, seconds: number): number | undefined => {
        for (const f of $range(nextUpdate(m), sim.stats.frames)) {
            if (timeOf(f) >= m.time + seconds - 1e-6) {
                // the driver's TIME_TOLERANCE
                return f;
            }
        }
        return undefined;
    };
    /** The first delivery after `m` of `event` (with a "yes" payload when `filtered`). */
    const firstDelivery = (m: Mark, event: string, filtered: boolean): Delivery | undefined => {
        for (const d of deliveries) {
            if (d.seq > m.seq && d.event === event && (!filtered || d.payload === "yes")) {
                return d;
            }
        }
        return undefined;
    };
    /** Notes the error of cancel calls that only asked a running task, once that task has ended. */
    const learnErrors = () => {
        for (const [key, id] of unknownErrors) {
            const f = futures.get(id)!;
            if (f.state === "dead") {
                unknownErrors.delete(key);
                errors.set(-key, f.error);
            }
        }
    };

    /** Whether op `op` of a task is where it ends when asked to cancel (a yield, await or wait). */
    const isCancellationPoint = (op: Program["tasks"][number]["ops"][number]) =>
        !(
            op.op === "selfCancel" ||
            op.op === "cancelAll" ||
            op.op === "cancelOther" ||
            op.op === "pcallC" ||
            op.op === "loadNewer" ||
            (op.op === "spawn" && op.then === "detach")
        );

    /**
     * A cancel call (`call`) of `targets`, from plain code (`caller` undefined) or from task
     * `caller` at its op `k`. The model: each target not dead, and down the chain what it awaits
     * or joins (each child has one parent, so no other consumer keeps it), ends cancelled at once,
     * its waits' registrations released; the caller, if among them, ends at its next yield, await
     * or wait (its child there, just spawned, cancelled with it), or, with none left, keeps its
     * outcome. Returns nothing; records its predictions.
     */
    const cancelCall = (targets: number[], reason: string, call: () => void, caller?: number, k?: number) => {
        cancelCalls += 1;
        const key = cancelCalls;
        const atOnce: number[] = [];
        const inChain = new LuaTable<number, boolean>();
        let callerAsked = false;
        let orphans = false;
        for (const id of targets) {
            let t: number | undefined = id;
            while (t !== undefined && futures.get(t) !== undefined && futures.get(t)!.state !== "dead" && !inChain.has(t)) {
                if (t === caller) {
                    callerAsked = true;
                    orphans ||= t !== id; // it runs on for a parent that no longer waits
                    break;
                }
                inChain.set(t, true);
                atOnce.push(t);
                // A chain's future waits for the child only once it has run (then it is suspended).
                const chain: Future | undefined = chained.get(t);
                t = chain === undefined || chain.state === "suspended" ? suspendedOn.get(t) : undefined;
            }
        }
        let held = 0;
        for (const c of atOnce) {
            if (futures.get(c)!.state === "suspended") {
                held += waitingIn.get(c) ?? 0;
            } else if (futures.get(c)!.state === "runnable" && (starts.get(c) ?? 0) > 0) {
                covered("cancelled between its wake and its resume");
            }
        }
        const waitersBefore = glueWaiters();
        const before = new LuaTable<number, unknown>();
        for (const id of targets) {
            before.set(id, futures.get(id)?.error);
        }
        call();
        const released = waitersBefore - glueWaiters();
        if (released !== held) {
            problems.push(`cancel call ${key} (${reason}) released ${released} registrations of waits, not ${held}`);
        }
        for (const id of targets) {
            const f = futures.get(id);
            if (f !== undefined && !inChain.has(id) && id !== caller && f.error !== before.get(id)) {
                problems.push(`cancelling dead task ${id} changed its error to ${tostring(f.error)}`);
            }
        }
        for (const c of atOnce) {
            const f = futures.get(c)!;
            const err = f.error as { reason?: unknown };
            if (f.state !== "dead" || !api.isCancelled(err) || err.reason !== reason) {
                problems.push(`cancel call ${key} (${reason}): task ${c} is ${f.state} with ${tostring(f.error)}, not cancelled at once`);
            } else if (errors.has(-key) && errors.get(-key) !== err) {
                problems.push(`cancel call ${key} (${reason}): task ${c} ended with another cancellation error than its chain`);
            }
            errors.set(-key, err);
            covered(targets.includes(c) ? "cancelled" : "cancelled down a chain");
            cancelledBy.set(c, key);
        }
        if (callerAsked && !askedBefore.has(caller!)) {
            askedBefore.set(caller!, true); // asked again, it ends with the first request's error
            const ops = p.tasks[caller! - 1].ops;
            let endsAt: number | undefined;
            for (const j of $range(k! + 1, ops.length)) {
                if (endsAt === undefined && isCancellationPoint(ops[j - 1])) {
                    endsAt = j;
                }
            }
            if (endsAt !== undefined) {
                covered("asked while running, ended at its next point");
                cancelledBy.set(caller!, key);
                const there = ops[endsAt - 1];
                if (there.op === "spawn") {
                    cancelledBy.set(there.child, key); // awaited or joined by a task that ends there: no consumer left
                } // (a chain's future is cancelled before it waits for its child, which goes on)
                if (!errors.has(-key)) {
                    unknownErrors.set(key, caller!);
                }
            } else {
                covered("asked while running, kept its outcome");
            }
        }
        if (orphans && !cancelledBy.has(caller!)) {
            orphaned.set(caller!, true); // its outcome stands, and the task that awaited it is gone
        }
        memo = new LuaTable(); // the tasks awaiting these now fail
    };

    /** What a chain's callback returns for `kind`, each resolving to `r`. */
    const tstlThenable = chunk("local r = ...; return { ['then'] = function(self, res) res(nil, r) end }");
    const luaThenable = chunk("local y = ...; return { ['then'] = function(self, res) res(y) end }");
    const chainReturn = (kind: string, r: string): unknown => {
        const inner = handles.get("ModelInner")!;
        if (kind === "value") {
            return r;
        } else if (kind === "future") {
            return inner.async(() => {
                api.yield();
                return r;
            })();
        } else if (kind === "tstlThenable") {
            return tstlThenable(r);
        } else if (kind === "luaThenable") {
            return luaThenable(r);
        }
        return luaThenable(
            inner.async(() => {
                api.yield();
                return tstlThenable(r);
            })(),
        );
    };

    const waitForEventIn = api.waitForEvent as (this: void, event: string, filter: unknown, timeout: number) => LuaMultiReturn<unknown[]>;

    const body = (id: number): LuaMultiReturn<[number, undefined, number]> => {
        bump(starts, id);
        const spec = p.tasks[id - 1];
        for (const [k, op] of ipairs(spec.ops)) {
            const parked = mark();
            if (op.op === "sleep" || op.op === "nextFrame" || op.op === "event" || op.op === "until" || op.op === "combat") {
                waitingIn.set(id, op.op === "event" && op.timeout !== undefined ? 2 : 1);
            }
            if (op.op === "yield") {
                api.yield();
            } else if (op.op === "sleep") {
                api.sleep(op.seconds);
                checkTiming(id, k, `sleep(${op.seconds})`, parked, mark(), sleepDue(parked, op.seconds));
            } else if (op.op === "nextFrame") {
                api.nextFrame();
                checkTiming(id, k, "nextFrame", parked, mark(), nextUpdate(parked));
            } else if (op.op === "event" && op.timeout !== undefined) {
                const filter = op.filtered ? (v: unknown) => v === "yes" : undefined;
                // api.pcall: Lua 5.1's cannot yield, and the wait yields inside it.
                const [ok, payload] = api.pcall(waitForEventIn, op.event, filter, op.timeout);
                const at = mark();
                const due = firstDelivery(parked, op.event, op.filtered);
                const timerFrame = sleepDue(parked, op.timeout);
                // A frame delivers its events before its OnUpdate fires the timer.
                const eventFirst =
                    due !== undefined &&
                    (timerFrame === undefined || due.frame < timerFrame || (due.frame === timerFrame && !due.afterUpdate));
                const what = `event ${op.event}, timeout ${op.timeout}`;
                covered(!eventFirst ? "timed out" : due!.frame === timerFrame ? "event in its timer's frame" : "event before its timeout");
                if (ok !== eventFirst || (!ok && api.errorKind(payload) !== "TimedOut")) {
                    const got = ok ? "got the event" : `raised ${tostring(payload)}`;
                    const first = eventFirst ? "event" : "timer";
                    problems.push(
                        `task ${id} op ${k} (${what}): ${got}, though the ${first} came first (event in frame ${due?.frame}, timer in frame ${timerFrame})`,
                    );
                } else if (ok && op.filtered && payload !== "yes") {
                    problems.push(`task ${id} op ${k}: got payload ${tostring(payload)} its filter refuses`);
                }
                checkTiming(id, k, what, parked, at, eventFirst ? due?.frame : timerFrame, eventFirst ? due?.seq : 0);
            } else if (op.op === "event") {
                const raising = op.raises !== undefined ? errorValue(p, id * 100 + k, errors) : undefined;
                const filter = !op.filtered
                    ? undefined
                    : op.raises !== undefined
                      ? (v: unknown) => v === "yes" && error(raising, 0)
                      : (v: unknown) => v === "yes";
                const [payload] = api.waitForEvent(op.event, filter);
                const at = mark();
                const due = firstDelivery(parked, op.event, op.filtered);
                checkTiming(id, k, `event ${op.event}`, parked, at, due?.frame, due?.seq);
                if (op.filtered && payload !== "yes") {
                    problems.push(`task ${id} op ${k}: got payload ${tostring(payload)} its filter refuses`);
                }
            } else if (op.op === "until") {
                const wasSet = flags[op.flag - 1];
                const raising = op.raises !== undefined ? errorValue(p, id * 100 + k, errors) : undefined;
                api.waitUntil(() => (op.raises !== undefined && flags[op.flag - 1] ? error(raising, 0) : flags[op.flag - 1]));
                const at = mark();
                const set = flagSet[op.flag - 1];
                checkTiming(
                    id,
                    k,
                    `until(flag ${op.flag})`,
                    parked,
                    at,
                    wasSet ? parked.frame : set !== undefined ? math.max(set.frame + 1, nextUpdate(parked)) : undefined,
                );
            } else if (op.op === "combat") {
                const wasInCombat = env.InCombatLockdown();
                api.outOfCombat();
                const at = mark();
                if (env.InCombatLockdown()) {
                    problems.push(`task ${id} op ${k}: outOfCombat returned in combat`);
                }
                let due: Delivery | undefined;
                for (const d of deliveries) {
                    if (due === undefined && d.seq > parked.seq && d.event === "PLAYER_REGEN_ENABLED" && !d.inCombat) {
                        due = d;
                    }
                }
                checkTiming(id, k, "outOfCombat", parked, at, wasInCombat ? due?.frame : parked.frame, wasInCombat ? due?.seq : 0);
            } else if (op.op === "spawn") {
                const child = p.tasks[op.child - 1];
                const future = handles.get(child.owner).async(body)(op.child) as Future;
                futures.set(op.child, future);
                if (op.then === "await") {
                    suspendedOn.set(id, op.child);
                    const [a, b, c] = api.await(future as Future<LuaMultiReturn<[number, undefined, number]>>);
                    suspendedOn.delete(id);
                    if (a !== op.child || b !== undefined || c !== op.child * 2) {
                        problems.push(`task ${id}: awaited task ${op.child} and got ${tostring(a)}, ${tostring(b)}, ${tostring(c)}`);
                    }
                } else if (op.then === "pcallAwait") {
                    suspendedOn.set(id, op.child);
                    const [ok, a, b, c] = api.pcall(api.await as never, future);
                    suspendedOn.delete(id);
                    learnErrors();
                    const source = expected(op.child);
                    if (
                        source === undefined
                            ? !(ok === true && a === op.child && b === undefined && c === op.child * 2)
                            : ok !== false || a !== errorValue(p, source, errors)
                    ) {
                        problems.push(
                            `task ${id}: awaited task ${op.child} in pcall and got ${tostring(ok)}, ${tostring(a)}, ${tostring(b)}, ${tostring(c)}`,
                        );
                    } else if (source !== undefined) {
                        covered("pcall caught an awaited task's error");
                    }
                } else if (op.then === "join") {
                    suspendedOn.set(id, op.child);
                    api.joinTask(future);
                    suspendedOn.delete(id);
                    if ((future as Future & { cancelled?: boolean }).cancelled) {
                        covered("joined a cancelled task");
                    }
                    if (future.state !== "dead") {
                        problems.push(`task ${id}: joined task ${op.child}, which is ${future.state}`);
                    }
                }
            } else if (op.op === "loadNewer") {
                sim.loadAddon(newerCopy());
            } else if (op.op === "selfCancel") {
                const reason = `self ${id}`;
                cancelCall([id], reason, () => api.cancel(futures.get(id)!, reason), id, k);
            } else if (op.op === "cancelAll") {
                const owner = spec.owner;
                const reason = `all of ${owner} by ${id}`;
                const targets: number[] = [];
                for (const [t, f] of futures) {
                    if (p.tasks[t - 1].owner === owner && f.state !== "dead") {
                        targets.push(t);
                    }
                }
                covered("cancelAll from a task");
                cancelCall(targets, reason, () => handles.get(owner).cancelAll(reason), id, k);
            } else if (op.op === "cancelOther") {
                const target = futures.get(op.target);
                if (target !== undefined) {
                    const reason = `task ${id} cancels ${op.target}`;
                    covered("cancelled by another task");
                    cancelCall([op.target], reason, () => api.cancel(target, reason), id, k);
                }
            } else if (op.op === "chain") {
                const child = p.tasks[op.child - 1];
                const future = handles.get(child.owner).async(body)(op.child) as Future;
                futures.set(op.child, future);
                const r = `r${op.child}`;
                let next: Future;
                if (op.via === "then") {
                    next = future.then((v: unknown) => {
                        if (v !== op.child) {
                            problems.push(`task ${id}: then's callback got ${tostring(v)} from task ${op.child}`);
                        }
                        return chainReturn(op.returns, r);
                    }) as unknown as Future;
                } else {
                    const source = future as unknown as { andThen(f: (this: void, ...v: unknown[]) => unknown): Future };
                    next = source.andThen((a, b, c) => {
                        if (a !== op.child || b !== undefined || c !== op.child * 2) {
                            problems.push(
                                `task ${id}: andThen's callback got ${tostring(a)}, ${tostring(b)}, ${tostring(c)} from task ${op.child}`,
                            );
                        }
                        return chainReturn(op.returns, r);
                    });
                }
                chained.set(id, next);
                suspendedOn.set(id, op.child);
                const [ok, got, extra] = api.pcall(api.await as never, next);
                chained.delete(id);
                suspendedOn.delete(id);
                covered("chained on a task");
                if (!ok) {
                    covered("chain failed with its source's error");
                    error(got, 0); // as an await of the chain would: the child's error, unchanged
                }
                if (got !== r || extra !== undefined) {
                    problems.push(
                        `task ${id}: chain on task ${op.child} (${op.via}, ${op.returns}) gave ${tostring(got)}, ${tostring(extra)}`,
                    );
                }
            } else if (op.op === "pcallC") {
                covered("pcall of C functions");
                const raised = { by: id };
                const checks: [string, unknown[], unknown[]][] = [
                    ["pcall(tonumber, '12')", [...api.pcall(tonumber as never, "12")], [true, 12]],
                    ["pcall(error, t)", [...api.pcall(error as never, raised)], [false, raised]],
                    ["xpcall(error, handler, t)", [...api.xpcall(error as never, (e: unknown) => [e], raised)], [false, [raised]]],
                ];
                for (const [what, got, want] of checks) {
                    if (
                        got.length !== want.length ||
                        got[0] !== want[0] ||
                        (what.startsWith("xpcall") ? (got[1] as unknown[])[0] !== raised : got[1] !== want[1])
                    ) {
                        problems.push(`task ${id} op ${k}: ${what} gave ${tostring(got[0])}, ${tostring(got[1])}`);
                    }
                }
                const n = select("#", ...api.pcall(select as never, 2, "a", undefined, "c", undefined));
                if (n !== 4) {
                    problems.push(`task ${id} op ${k}: pcall(select, 2, "a", nil, "c", nil) gave ${n} values, not 4`);
                }
            }
            waitingIn.delete(id);
        }
        bump(ends, id);
        if (spec.fails !== undefined) {
            error(errorValue(p, id * 100, errors), 0);
        }
        return $multi(id, undefined, id * 2);
    };

    const spawnRoot = (id: number) => {
        futures.set(id, handles.get(p.tasks[id - 1].owner).async(body)(id) as Future);
    };
    const awaitAll = api.await as (f: Future) => LuaMultiReturn<[unknown, unknown, unknown]>;
    const force = (id: number) => {
        const future = futures.get(id);
        if (future === undefined) {
            return; // not started (a shrunk program may force a root it no longer starts)
        }
        const deadBefore = future.state === "dead";
        const [ok, a, b, c] = pcall(awaitAll, future);
        learnErrors();
        const source = expected(id);
        if (ok) {
            if (source !== undefined || (a as unknown) !== id || b !== undefined || (c as unknown) !== id * 2 || future.state !== "dead") {
                problems.push(`forced await of task ${id} returned ${tostring(a)}, ${tostring(b)}, ${tostring(c)}`);
            }
        } else if (future.state === "dead") {
            if (source !== undefined && source < 0) {
                covered("forced a cancelled task");
            }
            if (source === undefined || a !== errorValue(p, source, errors)) {
                problems.push(`forced await of task ${id} raised ${tostring(a)}`);
            }
            if (!deadBefore) {
                observedByForce.set(id, true);
            }
        } else if (api.errorKind(a) !== "WouldBlock") {
            problems.push(`forced await of task ${id} (${future.state}) raised ${tostring(a)}`);
        }
    };

    /** Waiters registered in the glue's wait kinds, their timers included. */
    const glueWaiters = () => waitersHeld(glue);

    /** Cancels task `id` from plain code (between frames: nothing is running). */
    const cancel = (id: number) => {
        const future = futures.get(id);
        if (future === undefined) {
            return; // not spawned (yet)
        }
        const reason = `plain code ${id}`;
        cancelCall([id], reason, () => api.cancel(future, reason));
    };

    // The program's frames, then frames that let every wait end.
    const applyFrame = (f: Program["frames"][number]) => {
        for (const id of f.spawn) {
            spawnRoot(id);
        }
        for (const id of f.force) {
            force(id);
        }
        for (const id of f.cancel) {
            cancel(id);
        }
        for (const flag of f.flags) {
            if (!flags[flag - 1]) {
                flags[flag - 1] = true;
                flagSet[flag - 1] = mark();
            }
        }
        for (const on of f.combat) {
            sim.setCombat(on);
        }
        for (const [event, payload] of f.events) {
            sim.fireEvent(event, payload);
        }
        if (f.budget !== undefined) {
            api.setBudget({ ms: f.budget });
        }
        if (f.loadNewer) {
            sim.loadAddon(newerCopy());
        }
        sim.runFrame();
        frameTimes.push(env.GetTime());
    };
    for (const f of p.frames) {
        applyFrame(f);
    }
    const settle = {
        spawn: [],
        force: [],
        cancel: [],
        flags: [1, 2, 3],
        combat: [false],
        events: EVENTS.map((e) => [e, "yes"] as [string, string]),
    };
    for (const _ of $range(1, 60)) {
        applyFrame(settle);
    }

    // Outcomes.
    learnErrors();
    const core = lib._state.core!;
    let reportsExpected = 0;
    for (const id of $range(1, p.tasks.length)) {
        const future = futures.get(id);
        if (future === undefined) {
            continue;
        }
        const source = expected(id);
        const cancelled = (future as Future & { cancelled?: boolean }).cancelled;
        if (future.state !== "dead") {
            problems.push(`task ${id} ended ${future.state}`);
        } else if (source !== undefined && source < 0) {
            // Cancelled, or failed awaiting a cancelled task: either way with the cancellation.
            if (!cancelledBy.has(id)) {
                covered("failed awaiting a cancelled task");
            }
            if ((starts.get(id) ?? 0) > 1) {
                problems.push(`task ${id} started ${starts.get(id)} times`);
            } else if (ends.has(id)) {
                problems.push(`task ${id} reached its end, though cancel call ${-source} ended it before`);
            } else if (cancelled !== true || !api.isCancelled(future.error) || future.error !== errorValue(p, source, errors)) {
                const how = `${tostring(future.error)} (cancelled: ${tostring(cancelled)})`;
                problems.push(`task ${id} ended with ${how}, not the cancellation of cancel call ${-source}`);
            }
        } else if (cancelled !== false) {
            problems.push(`task ${id}: cancelled is ${tostring(cancelled)}, though no cancel ended it`);
        } else if ((starts.get(id) ?? 0) !== 1) {
            problems.push(`task ${id} started ${starts.get(id) ?? 0} times`);
        } else if ((ends.get(id) ?? 0) > 1) {
            problems.push(`task ${id} reached its end ${ends.get(id)} times`);
        } else if (source === undefined) {
            const r = future.result;
            if (r === undefined || r.n !== 3 || r[1] !== id || r[3] !== id * 2) {
                problems.push(`task ${id} ended with the wrong values`);
            }
        } else if (future.result !== undefined || future.error !== errorValue(p, source, errors)) {
            problems.push(`task ${id} ended with ${tostring(future.error)}, not the error of source ${source}`);
        }
        // Observed: awaited or joined by its parent, or its failure caught by a forced await.
        let observed = observedByForce.get(id) === true;
        for (const t of p.tasks) {
            for (const op of t.ops) {
                if (op.op === "spawn" && op.child === id && op.then !== "detach" && !orphaned.has(id)) {
                    observed = true;
                } else if (op.op === "chain" && op.child === id) {
                    observed = true; // from the chain's call on: its error is the chain's
                }
            }
        }
        if (source !== undefined && source > 0 && !observed) {
            // a cancellation is never reported
            reportsExpected += 1;
            const value = errorValue(p, source, errors);
            if (type(value) === "string" || type(value) === "number") {
                let seen = 0;
                for (const e of sim.errors) {
                    // The report's line ends after the error ("failure 200" must not match "failure 2001").
                    if (contains(e, `task of ${p.tasks[id - 1].owner}: ${tostring(value)}\n`)) {
                        seen += 1;
                    }
                }
                if (seen !== 1) {
                    problems.push(`task ${id}'s unhandled error was reported ${seen} times`);
                }
            }
        }
    }
    let reports = 0;
    for (const e of sim.errors) {
        if (contains(e, "unhandled error in a task")) {
            reports += 1;
        } else {
            problems.push(`unexpected error: ${tostring(e)}`);
        }
    }
    if (reports !== reportsExpected) {
        problems.push(`${reports} unhandled errors reported, ${reportsExpected} expected`);
    }

    // Nothing left behind.
    const s = core.snapshot();
    if (s.live !== 0 || s.queued !== 0) problems.push(`left ${s.live} live and ${s.queued} queued tasks`);
    if (s.poolLen > s.poolMax) problems.push(`pool of ${s.poolLen} idle workers, over its ${s.poolMax}`);
    if (waitersHeld(glue) > 0) {
        problems.push("waiters left registered");
    }
    for (const [event] of glue.events) problems.push(`waiters left for ${event}`);
    for (const [event, n] of glue.eventsDetached) problems.push(`${n} detached waiters left counted for ${event}`);
    for (const event of [...EVENTS, "PLAYER_REGEN_ENABLED"]) {
        if (registered(lib, event)) problems.push(`${event} left registered`);
    }
    sim.runFrame();
    if (glue.running) problems.push("the driver is not idle");
    const weak = weakWatch<number>();
    for (const [id, f] of futures) {
        weak.watch(id, f);
    }
    for (const id of $range(1, p.tasks.length)) {
        futures.delete(id);
    }
    for (const id of weak.reachable()) {
        problems.push(`finished task ${id} is still reachable`);
    }
    return problems;
}
