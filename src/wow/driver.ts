/** @noSelfInFile */
/**
 * The frame driver: one hidden-when-idle frame whose OnUpdate lets each wait kind wake what is
 * due, then runs tasks within a time budget measured with debugprofilestop(). With nothing
 * queued and no kind needing a frame, it hides its frame, so no OnUpdate runs at all; the next
 * queued task, due deadline (a C_Timer set for the earliest) or awaited event shows it again.
 */
import { describe, isFiniteNumber, raiseAtCaller, tooManyArguments } from "../core/errors";
import { hasQueued } from "../core/introspect";
import { runBudget } from "../core/kernel";
import { configure, sleepDriver, whenInCharge } from "../core/settings";
import type { Wait } from "../core/task";
import type { AnyFunction, Entries, LuaArray } from "../core/types";
import { WowFrame, client } from "./client";
import { DriverHooks, EntriesOf, StateOf, TIME_TOLERANCE, newerGlue } from "./kinds";
import { combatKind } from "./waits/combat";
import { eventKind } from "./waits/event";
import { nextFrameKind } from "./waits/nextFrame";
import { sleepKind } from "./waits/sleep";
import { untilKind } from "./waits/until";
import { restrictionKind } from "./waits/restriction";
import { bindTimers, delayFor, timeout } from "./timers";

/**
 * Every wait kind, in the order their per-frame work runs. A new kind is its module in waits/
 * and its line here: the glue state's layout (state.ts), the glue's entry points (Entries,
 * glueEntries), the driver's loops and /asyncawait's counts all follow from this list.
 */
export const KINDS = [nextFrameKind, sleepKind, untilKind, eventKind, combatKind, restrictionKind];

/** Any of the KINDS, as a type. */
export type Kind = (typeof KINDS)[number];

/** How much of each frame tasks may use: fixed milliseconds, or a fraction of the last frame. */
export interface Budget {
    ms?: number;
    fraction: number;
    min: number;
    max: number;
    /** The most per frame in combat inside an instance. */
    instanceCombatMs: number;
}

/** The driver's fields of the glue state (see state.ts). */
export interface DriverState {
    frame?: WowFrame;
    budget: Budget;
    /** The previous frame's duration in ms. */
    lastFrameMs: number;
    /** Ring of the last frames' task time and budget, in ms. */
    recentSpent: LuaArray<number>;
    recentBudget: LuaArray<number>;
    recentPos: number;
    /** Whether the OnUpdate driver runs (false while there is nothing to do). */
    running: boolean;
    /** The deadline a wake-up C_Timer is set for while the driver sleeps (0: none). */
    wakeAt: number;
    /** Task time event passes used in the current frame, in ms (charged to its budget). */
    eventSpent: number;
    /** Whether a frame has run since the client loaded (event passes before it are not charged). */
    inWorld: boolean;
    /** Events the client is known to have (true) or lack (false). */
    knownEvents: LuaTable<string, boolean>;
}

/** How many frames the ring of recent frames holds. */
export const RECENT_FRAMES = 60;

/** The glue state the driver binds: its own fields and the kinds'. */
type DrivenState = DriverState & StateOf<Kind>;

/** @handedOver WowState (bound at start: the glue state every copy shares) */
let glue: DrivenState;

/** The default budget in combat inside an instance, in ms. */
const INSTANCE_COMBAT_MS = 4;

/** Every addon's ADDON_LOADED: the driver runs a pass, so tasks started while loading reach their first wait. */
const ADDON_LOADED = "ADDON_LOADED";

/**
 * The budget for this frame, in ms: fixed, or a fraction of the last frame clamped to min..max;
 * at most instanceCombatMs in combat inside an instance, where every addon's script time
 * weighs on the frames that matter most.
 */
function frameBudget(): number {
    const b = glue.budget;
    const budget = b.ms !== undefined ? b.ms : math.min(b.max, math.max(b.min, glue.lastFrameMs * b.fraction));
    // (0.1.x's setBudget, cached by an addon, sets budgets without the field.)
    const cap = b.instanceCombatMs ?? INSTANCE_COMBAT_MS;
    if (budget > cap && client.InCombatLockdown() && client.IsInInstance !== undefined && client.IsInInstance()[0]) {
        return cap;
    }
    return budget;
}

/** The earliest time any kind needs a frame (0: the next one), or undefined. */
function nextDue(): number | undefined {
    let earliest: number | undefined;
    for (const kind of KINDS) {
        const due = kind.nextDue();
        if (due !== undefined && (earliest === undefined || due < earliest)) {
            earliest = due;
        }
    }
    return earliest;
}

function recordFrame(spent: number, budget: number): void {
    glue.recentPos = (glue.recentPos % RECENT_FRAMES) + 1;
    glue.recentSpent[glue.recentPos] = spent;
    glue.recentBudget[glue.recentPos] = budget;
}

function onUpdate(_frame: WowFrame, elapsed: number): void {
    glue.lastFrameMs = elapsed * 1000;
    const now = client.GetTime();
    for (const kind of KINDS) {
        if (kind.onFrame !== undefined) {
            kind.onFrame(now);
        }
    }
    // Event passes earlier in this frame used part of its budget.
    const budget = frameBudget();
    recordFrame(glue.eventSpent + runBudget(math.max(0, budget - glue.eventSpent), client.debugprofilestop), budget);
    glue.eventSpent = 0;
    glue.inWorld = true;
    if (!hasQueued()) {
        const due = nextDue();
        if (due === undefined || due > now + TIME_TOLERANCE) {
            goIdle();
        }
    }
}

/**
 * Events: the kinds deliver them, then the tasks they woke (and any queued) run a pass at once,
 * so they reach their next wait before the next event. While the client loads (every addon's
 * ADDON_LOADED, then PLAYER_LOGIN and PLAYER_ENTERING_WORLD, all before the first frame) this is
 * how tasks started at load catch those events. Passes after loading share the frame's budget.
 */
function onEvent(_frame: WowFrame, event: string, ...payload: unknown[]): void {
    for (const kind of KINDS) {
        if (kind.onEvent !== undefined) {
            kind.onEvent(event, ...payload);
        }
    }
    if (hasQueued()) {
        const budget = frameBudget() - (glue.inWorld ? glue.eventSpent : 0);
        if (budget > 0) {
            const spent = runBudget(budget, client.debugprofilestop);
            if (glue.inWorld) {
                glue.eventSpent += spent;
            }
        }
    }
}

/** Shows the frame if it sleeps: there is work for the next OnUpdate. */
function ensureRunning(): void {
    if (!glue.running) {
        glue.running = true;
        glue.frame!.Show();
    }
}

/** A C_Timer set while sleeping fires: wake up if something is due by now. */
function onWakeTimer(): void {
    glue.wakeAt = 0;
    const due = nextDue();
    if (due !== undefined && due <= client.GetTime() + TIME_TOLERANCE) {
        ensureRunning();
    } else {
        armWakeTimer();
    }
}

/**
 * The longest wake-up C_Timer: the client asserts durations under 2^32 ms (4294968 s), so a
 * later deadline takes several, each setting the next when it fires.
 */
const MAX_WAKE_SECONDS = 1e6;

/** While sleeping, makes sure a C_Timer will wake the driver for the earliest deadline. */
function armWakeTimer(): void {
    const due = nextDue();
    if (glue.running || due === undefined) {
        return;
    }
    if (glue.wakeAt === 0 || due < glue.wakeAt) {
        const now = client.GetTime();
        glue.wakeAt = math.min(due, now + MAX_WAKE_SECONDS);
        client.C_Timer.After(math.min(math.max(0, due - now), MAX_WAKE_SECONDS), onWakeTimer);
    }
}

function goIdle(): void {
    glue.running = false;
    glue.frame!.Hide();
    sleepDriver(ensureRunning);
    armWakeTimer();
}

const hooks: DriverHooks = {
    wantFrame: (due) => {
        if (glue.running) {
            return;
        }
        if (due <= client.GetTime() + TIME_TOLERANCE) {
            ensureRunning();
        } else {
            armWakeTimer();
        }
    },
    knowsEvent: (event) => {
        let known = glue.knownEvents.get(event);
        if (known === undefined) {
            // The client raises for an event its flavor lacks: try once, keep the answer.
            known = pcall(() => glue.frame!.RegisterEvent(event))[0];
            glue.knownEvents.set(event, known);
            if (known) {
                hooks.unlisten(event); // registered again when a waiter is attached
            }
        }
        return known;
    },
    listen: (event) => {
        glue.frame?.RegisterEvent(event);
    },
    attach: (wait) => {
        kindOf(wait).attach(wait);
        if (wait.timer !== undefined) {
            kindOf(wait.timer).attach(wait.timer);
        }
    },
    detach: (wait) => detachWait(wait),
    unlisten: (event) => {
        if (event === ADDON_LOADED) {
            return; // the driver's own
        }
        for (const kind of KINDS) {
            if (kind.listensTo !== undefined && kind.listensTo(event)) {
                return;
            }
        }
        glue.frame?.UnregisterEvent(event);
    },
};

/**
 * Starts (or, after an upgrade, takes over) the driver on the shared glue state: fills the
 * driver's defaults, binds every kind, reuses the frame when there is one and gives it this
 * copy's scripts.
 */
export function startDriver(state: DrivenState): void {
    glue = state;
    glue.budget ??= { fraction: 0.2, min: 1, max: 8, instanceCombatMs: INSTANCE_COMBAT_MS };
    glue.budget.instanceCombatMs ??= INSTANCE_COMBAT_MS;
    glue.lastFrameMs ??= 1000 / 60;
    glue.recentSpent ??= {};
    glue.recentBudget ??= {};
    glue.recentPos ??= 0;
    glue.wakeAt ??= 0;
    glue.eventSpent ??= 0;
    glue.inWorld ??= false;
    glue.knownEvents ??= new LuaTable();
    for (const kind of KINDS) {
        kind.bind(glue, hooks);
    }
    bindTimers(hooks);
    glue.frame ??= client.CreateFrame("Frame");
    glue.frame.SetScript("OnUpdate", onUpdate);
    glue.frame.SetScript("OnEvent", onEvent);
    glue.frame.RegisterEvent(ADDON_LOADED);
    whenInCharge(() => configure({ onPark: attachParked, onDetach: detachWait }));
    glue.running = true;
    glue.frame.Show();
}

/** Attaches a wait once its task has parked, with its timer; 0.1.x's waits (no kind) attached themselves. */
function attachParked(wait: Wait): void {
    if (wait.kind !== undefined) {
        kindOf(wait).attach(wait);
        if (wait.timer !== undefined) {
            kindOf(wait.timer).attach(wait.timer);
        }
    }
}

/** The name of the kind a wait belongs to. 0.1.x's waits carry no kind: it is told by their fields. */
export function kindNameOf(wait: Wait): string {
    return wait.kind ?? legacyKindName(wait as Wait & { due?: number; event?: string; predicate?: unknown });
}

/** The kind a wait belongs to. */
function kindOf(wait: Wait): Kind {
    const name = kindNameOf(wait);
    for (const kind of KINDS) {
        if (kind.name === name) {
            return kind;
        }
    }
    error(`AsyncAwait: no wait kind named ${name}`);
}

function legacyKindName(wait: { due?: number; event?: string; predicate?: unknown }): string {
    return wait.due !== undefined ? "sleep" : wait.event !== undefined ? "event" : wait.predicate !== undefined ? "until" : "nextFrame";
}

/** Detaches a parked task's wait (and its timer) from its kind: it will never be woken, and holds nothing. */
export function detachWait(wait: Wait): void {
    const newer = newerGlue();
    if (newer) {
        return newer.detachWait(wait);
    }
    kindOf(wait).detach(wait);
    const timer = wait.timer;
    if (timer !== undefined) {
        wait.timer = undefined;
        kindOf(timer).detach(timer);
    }
}

/** Calls `visit` with each wait the kinds hold (cancelAll and /asyncawait find parked tasks so). */
export function eachWait(visit: (this: void, wait: Wait) => void): void {
    if (glue === undefined) {
        return; // the driver never started (the core alone, in specs)
    }
    for (const kind of KINDS) {
        kind.each(visit);
    }
}

/**
 * Sets how much of each frame tasks may use: `{ ms = n }` fixed, or `{ fraction = f, min = a,
 * max = b }` of the previous frame's duration, clamped (default 0.2, 1 and 8 ms; each optional).
 * Either may add `instanceCombatMs`, the most tasks may use per frame in combat inside an
 * instance (default 4 ms). Fields not given take their defaults.
 *
 * ```lua
 * AsyncAwait.setBudget({ ms = 4 })
 * AsyncAwait.setBudget({ fraction = 0.1, max = 5, instanceCombatMs = 2 })
 * ```
 */
export function setBudget(budget: BudgetSettings, ...extra: unknown[]): void {
    const newer = newerGlue();
    if (newer) {
        return newer.setBudget(budget, ...extra);
    }
    const problem = budgetProblem(budget);
    if (problem !== undefined) {
        raiseAtCaller(`AsyncAwait: setBudget(budget): ${problem}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("setBudget(budget)", 1, 1 + select("#", ...extra)));
    }
    glue.budget = {
        ms: budget.ms,
        fraction: budget.fraction ?? 0.2,
        min: budget.min ?? 1,
        max: budget.max ?? 8,
        instanceCombatMs: budget.instanceCombatMs ?? INSTANCE_COMBAT_MS,
    };
}

/** What setBudget takes. */
export interface BudgetSettings {
    ms?: number;
    fraction?: number;
    min?: number;
    max?: number;
    instanceCombatMs?: number;
}

/** @transient a constant, filled below as the module loads */
const BUDGET_FIELDS = new LuaTable<string, string>();
BUDGET_FIELDS.set("ms", "a finite number > 0");
BUDGET_FIELDS.set("fraction", "a finite number > 0 and <= 1");
BUDGET_FIELDS.set("min", "a finite number >= 0");
BUDGET_FIELDS.set("max", "a finite number >= 0");
BUDGET_FIELDS.set("instanceCombatMs", "a finite number > 0");

/** What is wrong with a budget table, or undefined. */
function budgetProblem(budget: BudgetSettings): string | undefined {
    if (type(budget) !== "table") {
        return `expected { ms = n } or { fraction = f, min = a, max = b }, got ${describe(budget)}`;
    }
    for (const [key, value] of pairs(budget as unknown as LuaTable<string, unknown>)) {
        const wanted = type(key) === "string" ? BUDGET_FIELDS.get(key) : undefined;
        if (wanted === undefined) {
            return `unknown field ${tostring(key)} (fields: ms, or fraction, min and max; instanceCombatMs)`;
        }
        const ok =
            isFiniteNumber(value) &&
            (key === "ms" || key === "instanceCombatMs" ? value > 0 : key === "fraction" ? value > 0 && value <= 1 : value >= 0);
        if (!ok) {
            return `${key} must be ${wanted}, got ${describe(value)}`;
        }
    }
    if (budget.ms !== undefined && (budget.fraction !== undefined || budget.min !== undefined || budget.max !== undefined)) {
        return "give ms (a fixed budget) or fraction, min and max, not both";
    }
    if ((budget.min ?? 1) > (budget.max ?? 8)) {
        return `min (${budget.min ?? 1}) must not exceed max (${budget.max ?? 8})`;
    }
    return undefined;
}

/** The client glue's entry points: every kind's, the driver's and the timers'. */
export type GlueEntries = EntriesOf<Kind> & Pick<Entries, "setBudget" | "detachWait" | "delayFor" | "timeout">;

/** Adds the client glue's entry points to `table` (a copy's entries: src/versions/handover.ts), from KINDS. */
export function withGlueEntries<T extends object>(table: T): T & GlueEntries {
    const all = table as unknown as LuaTable<string, AnyFunction>;
    all.set("setBudget", setBudget);
    all.set("detachWait", detachWait);
    all.set("delayFor", delayFor);
    all.set("timeout", timeout);
    for (const kind of KINDS) {
        for (const [name, fn] of pairs(kind.entries as unknown as LuaTable<string, AnyFunction>)) {
            all.set(name, fn);
        }
    }
    return table as T & GlueEntries;
}

/** This module's entry points, and every kind's (see Entries). */
declare module "../core/types" {
    interface Entries extends EntriesOf<Kind> {
        setBudget: typeof setBudget;
        detachWait: typeof detachWait;
    }
}
