/** @noSelfInFile */
/**
 * `waitForEvent(event [, filter])` and `waitForAnyEvent(events [, filter])`: waiters per event;
 * the event is registered while any waits. A wait for any of several events is one wait its task
 * parks on (a group), with one entry in each event's list; the first entry an event delivers to
 * wakes the group and detaches the other entries.
 */
import { describe, raiseAtCaller, tooManyArguments } from "../../core/errors";
import { failParked, wakeParked } from "../../core/kernel";
import type { Wait } from "../../core/task";
import type { EventName, EventPayload } from "../../core/types";
import { DriverHooks, WaitKind, guarded, newerGlue, waitOn } from "../kinds";
import { isDuration, withTimeout } from "../timers";

/** A task waiting for an event, optionally only for payloads that pass `filter`. */
export interface EventWait extends Wait {
    event: string;
    filter?: (this: void, ...payload: unknown[]) => unknown;
    /** Detached (its task cancelled or timed out): skipped, and dropped at the next delivery. */
    detached?: boolean;
    /** A waitForAnyEvent entry: the group its task parks on (the filter is the group's). */
    group?: AnyEventWait;
}

/** The wait of waitForAnyEvent: its events, and once attached, its entry in each event's list. */
interface AnyEventWait extends Wait {
    events: string[];
    filter?: (this: void, event: string, ...payload: unknown[]) => unknown;
    entries?: EventWait[];
}

/**
 * This kind's fields of the glue state: event → its waiters in the order they began to wait,
 * and how many of those are detached. Detaching only marks a wait (so cancelling n waiters is
 * linear); the list is compacted when most of it is detached, and dropped when all of it is.
 */
export interface EventState {
    events: LuaTable<string, EventWait[]>;
    eventsDetached: LuaTable<string, number>;
}

/** @handedOver WowState (this kind\'s fields of it, bound at start) */
let fields: EventState;
/** @transient per copy: this copy's driver hooks, bound at start */
let driver: DriverHooks;
/**
 * The event being delivered: its list is rebuilt at the end of the delivery, not meanwhile.
 * @transient a delivery only wakes tasks (runs, and so handovers, come after it)
 */
let delivering: string | undefined;

function countWaiters(): number {
    let n = 0;
    for (const [, list] of fields.events) {
        for (const wait of list) {
            if (!wait.detached && (wait.group === undefined || wait.group.entries![0] === wait)) {
                n += 1; // a group once, by its first entry
            }
        }
    }
    return n;
}

/** Calls a filter guarded, with the payload (a closure: Lua 5.1's xpcall passes no arguments). */
function accepts(
    filter: (this: void, ...payload: unknown[]) => unknown,
    ...payload: unknown[]
): LuaMultiReturn<[boolean, unknown, string]> {
    return guarded(() => filter(...payload));
}

/** Calls a group's filter guarded, with the event's name and payload. */
function acceptsAny(
    filter: (this: void, event: string, ...payload: unknown[]) => unknown,
    event: string,
    ...payload: unknown[]
): LuaMultiReturn<[boolean, unknown, string]> {
    return guarded(() => filter(event, ...payload));
}

/**
 * Marks an entry detached; drops its event's list of detached entries once most of it is
 * (not while that event is being delivered: the delivery rebuilds it).
 */
function detachEntry(wait: EventWait): void {
    const event = wait.event;
    const list = fields.events.get(event);
    if (list === undefined || wait.detached) {
        return;
    }
    wait.detached = true;
    const detached = (fields.eventsDetached.get(event) ?? 0) + 1;
    if (detached * 2 < list.length || event === delivering) {
        fields.eventsDetached.set(event, detached);
        return;
    }
    const kept: EventWait[] = [];
    for (const other of list) {
        if (!other.detached) {
            kept.push(other);
        }
    }
    keep(event, kept);
}

/** A group's entries other than `woken` (delivered to, and dropped by its delivery), detached. */
function detachOthers(group: AnyEventWait, woken: EventWait): void {
    for (const entry of group.entries!) {
        if (entry !== woken) {
            detachEntry(entry);
        }
    }
}

/** Delivers `event` to a waitForAnyEvent entry: true if it stays waiting. */
function deliverToGroup(wait: EventWait, event: string, ...payload: unknown[]): boolean {
    const group = wait.group!;
    if (group.filter !== undefined) {
        const [ok, accepted, trace] = acceptsAny(group.filter, event, ...payload);
        if (!ok) {
            detachOthers(group, wait);
            failParked(group, accepted, trace);
            return false;
        }
        if (!accepted) {
            return !wait.detached; // (a filter may cancel its own task)
        }
    }
    detachOthers(group, wait);
    wakeParked(group, event, ...payload);
    return false;
}

/** Adds `wait` to `event`'s waiters, listening for the event if it is the first. */
function addWaiter(event: string, wait: EventWait): void {
    let list = fields.events.get(event);
    if (list === undefined) {
        list = [];
        fields.events.set(event, list);
        driver.listen(event);
    }
    list.push(wait);
}

/** Keeps `kept` as the event's waiters, or stops listening when there are none. */
function keep(event: string, kept: EventWait[]): void {
    fields.eventsDetached.delete(event);
    if (kept.length > 0) {
        fields.events.set(event, kept);
    } else {
        fields.events.delete(event);
        driver.unlisten(event);
    }
}

export const eventKind: WaitKind<EventState, { waitForEvent: typeof waitForEvent; waitForAnyEvent: typeof waitForAnyEvent }> = {
    name: "event",
    label: "waiting for events",
    entries: { waitForEvent, waitForAnyEvent },
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.events ??= new LuaTable();
        fields.eventsDetached ??= new LuaTable();
    },
    attach: (wait) => {
        const events = (wait as AnyEventWait).events;
        if (events === undefined) {
            addWaiter((wait as EventWait).event, wait as EventWait);
            return;
        }
        const entries: EventWait[] = [];
        for (const event of events) {
            const entry: EventWait = { what: wait.what, kind: "event", event, group: wait as AnyEventWait };
            entries.push(entry);
            addWaiter(event, entry);
        }
        (wait as AnyEventWait).entries = entries;
    },
    count: countWaiters,
    nextDue: () => undefined,
    // Delivers an event to its waiters (those whose filter accepts it; a filter that raises fails
    // its waiter); stops listening once none is left.
    onEvent: (event, ...payload) => {
        const list = fields.events.get(event);
        if (list === undefined) {
            return;
        }
        const n = list.length;
        const kept: EventWait[] = [];
        const outer = delivering;
        delivering = event;
        for (const i of $range(1, n)) {
            const wait = list[i - 1];
            if (wait.detached) {
                // dropped
            } else if (wait.group !== undefined) {
                if (deliverToGroup(wait, event, ...payload)) {
                    kept.push(wait);
                }
            } else if (wait.filter === undefined) {
                wakeParked(wait, ...payload);
            } else {
                const [ok, accepted, trace] = accepts(wait.filter, ...payload);
                if (!ok) {
                    failParked(wait, accepted, trace);
                } else if (accepted) {
                    wakeParked(wait, ...payload);
                } else if (!wait.detached) {
                    kept.push(wait); // (a filter may cancel its own task)
                }
            }
        }
        delivering = outer;
        // Waiters attached meanwhile (by a filter that started a task...) stay, after the kept ones.
        for (const i of $range(n + 1, list.length)) {
            if (!list[i - 1].detached) {
                kept.push(list[i - 1]);
            }
        }
        keep(event, kept);
    },
    listensTo: (event) => fields.events.get(event) !== undefined,
    detach: (wait) => {
        wait.task = undefined;
        const entries = (wait as AnyEventWait).entries;
        if (entries !== undefined) {
            for (const entry of entries) {
                detachEntry(entry);
            }
        } else if ((wait as AnyEventWait).events === undefined) {
            detachEntry(wait as EventWait);
        }
    },
    each: (visit) => {
        for (const [, list] of fields.events) {
            for (const wait of list) {
                if (!wait.detached) {
                    if (wait.group === undefined) {
                        visit(wait);
                    } else if (wait.group.entries![0] === wait) {
                        visit(wait.group); // a group once, by its first entry
                    }
                }
            }
        }
    },
};

/**
 * Suspends the running task until `event` fires (with a payload `filter(...)` accepts, when
 * given) and returns the event's payload. The driver listens for the event only while someone
 * waits for it. A filter that raises fails the task with its error. With `timeout` (seconds),
 * raises a TimedOut error if the event has not come by then (and stops listening). Outside a
 * task, returns a future that resolves then (it listens from the call on).
 *
 * ```lua
 * local unit = AsyncAwait.waitForEvent("UNIT_HEALTH", function(u) return u == "player" end)
 * local ok = AsyncAwait.pcall(AsyncAwait.waitForEvent, "READY_CHECK", nil, 30) -- false after 30 s
 * ```
 */
export function waitForEvent<E extends EventName>(
    event: E,
    filter?: ((...payload: EventPayload<E>) => unknown) | undefined,
    timeout?: number,
    ...extra: unknown[]
): LuaMultiReturn<EventPayload<E>> {
    const newer = newerGlue();
    if (newer) {
        return newer.waitForEvent(event, filter, timeout, ...extra);
    }
    if (type(event) !== "string" || event === "") {
        raiseAtCaller(`AsyncAwait: waitForEvent(event, filter, timeout): expected an event name, got ${describe(event)}`);
    }
    if (filter !== undefined && type(filter) !== "function") {
        raiseAtCaller(`AsyncAwait: waitForEvent(event, filter, timeout): expected a function or nil as filter, got ${describe(filter)}`);
    }
    if (timeout !== undefined && !isDuration(timeout)) {
        raiseAtCaller(
            `AsyncAwait: waitForEvent(event, filter, timeout): expected a finite number >= 0 or nil as timeout, got ${describe(timeout)}`,
        );
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("waitForEvent(event, filter, timeout)", 3, 3 + select("#", ...extra)));
    }
    if (!driver.knowsEvent(event)) {
        raiseAtCaller(`AsyncAwait: waitForEvent(event, filter, timeout): this client does not know the event ${event}`);
    }
    const wait: EventWait = { what: `event ${event}`, kind: "event", event, filter: filter as EventWait["filter"] };
    if (timeout !== undefined) {
        withTimeout(wait, timeout, `waitForEvent("${event}")`);
    }
    return waitOn(wait, driver) as LuaMultiReturn<EventPayload<E>>;
}

/**
 * Suspends the running task until one of `events` fires (with a payload `filter(event, ...)`
 * accepts, when given) and returns that event's name and payload. Each event is registered only
 * while someone waits for it; once one comes, the others stop waiting. A filter that raises fails
 * the task with its error. With `timeout` (seconds), raises a TimedOut error if none has come by
 * then. Outside a task, returns a future that resolves then (it listens from the call on).
 *
 * ```lua
 * local event, unit = AsyncAwait.waitForAnyEvent({ "UNIT_SPELLCAST_SUCCEEDED", "UNIT_SPELLCAST_FAILED" },
 *   function(_, unit) return unit == "player" end, 10)
 * ```
 */
export function waitForAnyEvent<E extends EventName>(
    events: E[],
    filter?: ((event: E, ...payload: unknown[]) => unknown) | undefined,
    timeout?: number,
    ...extra: unknown[]
): LuaMultiReturn<[E, ...unknown[]]> {
    const newer = newerGlue();
    if (newer) {
        return newer.waitForAnyEvent(events, filter, timeout, ...extra);
    }
    const call = "waitForAnyEvent(events, filter, timeout)";
    if (type(events) !== "table" || (events as unknown[]).length === 0) {
        raiseAtCaller(`AsyncAwait: ${call}: expected a list of event names, got ${describe(events)}`);
    }
    const names: string[] = [];
    const seen = new LuaTable<string, boolean>();
    for (const i of $range(1, (events as unknown[]).length)) {
        const event = (events as unknown[])[i - 1];
        if (type(event) !== "string" || event === "") {
            raiseAtCaller(`AsyncAwait: ${call}: expected a list of event names, got ${describe(event)} at ${i}`);
        }
        if (!driver.knowsEvent(event as string)) {
            raiseAtCaller(`AsyncAwait: ${call}: this client does not know the event ${event as string}`);
        }
        if (!seen.has(event as string)) {
            seen.set(event as string, true); // an event named twice waits once
            names.push(event as string);
        }
    }
    if (filter !== undefined && type(filter) !== "function") {
        raiseAtCaller(`AsyncAwait: ${call}: expected a function or nil as filter, got ${describe(filter)}`);
    }
    if (timeout !== undefined && !isDuration(timeout)) {
        raiseAtCaller(`AsyncAwait: ${call}: expected a finite number >= 0 or nil as timeout, got ${describe(timeout)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments(call, 3, 3 + select("#", ...extra)));
    }
    const what = `events ${table.concat(names, ", ")}`;
    const wait: AnyEventWait = { what, kind: "event", events: names, filter: filter as AnyEventWait["filter"] };
    if (timeout !== undefined) {
        withTimeout(wait, timeout, `waitForAnyEvent(${what})`);
    }
    return waitOn(wait, driver) as LuaMultiReturn<[E, ...unknown[]]>;
}
