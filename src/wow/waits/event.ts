/** @noSelfInFile */
/** `waitForEvent(event [, filter])`: waiters per event; the event is registered while any waits. */
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
    for (const [event, list] of fields.events) {
        n += list.length - (fields.eventsDetached.get(event) ?? 0);
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

export const eventKind: WaitKind<EventState, { waitForEvent: typeof waitForEvent }> = {
    name: "event",
    label: "waiting for events",
    entries: { waitForEvent },
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.events ??= new LuaTable();
        fields.eventsDetached ??= new LuaTable();
    },
    attach: (wait) => {
        const event = (wait as EventWait).event;
        let list = fields.events.get(event);
        if (list === undefined) {
            list = [];
            fields.events.set(event, list);
            driver.listen(event);
        }
        list.push(wait as EventWait);
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
        const event = (wait as EventWait).event;
        const list = fields.events.get(event);
        wait.task = undefined;
        if (list === undefined || (wait as EventWait).detached) {
            return;
        }
        (wait as EventWait).detached = true;
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
    },
    each: (visit) => {
        for (const [, list] of fields.events) {
            for (const wait of list) {
                if (!wait.detached) {
                    visit(wait);
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
