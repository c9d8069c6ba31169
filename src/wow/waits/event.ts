/** @noSelfInFile */
/** `waitForEvent(event [, filter])`: waiters per event; the event is registered while any waits. */
import { describe, raiseAtCaller, tooManyArguments } from "../../core/errors";
import { failParked, wakeParked } from "../../core/scheduler";
import type { Wait } from "../../core/task";
import type { EventName, EventPayload } from "../../api/types";
import { DriverHooks, WaitKind, guarded, newerGlue, waitOn } from "../kinds";

/** A task waiting for an event, optionally only for payloads that pass `filter`. */
export interface EventWait extends Wait {
    event: string;
    filter?: (this: void, ...payload: unknown[]) => unknown;
}

/** This kind's fields of the glue state: event → its waiters in the order they began to wait. */
export interface EventState {
    events: LuaTable<string, EventWait[]>;
}

let fields: EventState;
let driver: DriverHooks;

function countWaiters(): number {
    let n = 0;
    for (const [, list] of fields.events) {
        n += list.length;
    }
    return n;
}

/** Calls a filter guarded, with the payload (a closure: Lua 5.1's xpcall passes no arguments). */
function accepts(filter: (this: void, ...payload: unknown[]) => unknown, ...payload: unknown[]): LuaMultiReturn<[boolean, unknown, string]> {
    return guarded(() => filter(...payload));
}

export const eventKind: WaitKind = {
    name: "event",
    label: "waiting for events",
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.events ??= new LuaTable();
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
        for (const i of $range(1, n)) {
            const wait = list[i - 1];
            if (wait.filter === undefined) {
                wakeParked(wait, ...payload);
            } else {
                const [ok, accepted, trace] = accepts(wait.filter, ...payload);
                if (!ok) {
                    failParked(wait, accepted, trace);
                } else if (accepted) {
                    wakeParked(wait, ...payload);
                } else {
                    kept.push(wait);
                }
            }
        }
        // Waiters attached meanwhile (by a filter that started a task...) stay, after the kept ones.
        for (const i of $range(n + 1, list.length)) {
            kept.push(list[i - 1]);
        }
        if (kept.length > 0) {
            fields.events.set(event, kept);
        } else {
            fields.events.delete(event);
            driver.unlisten(event);
        }
    },
    listensTo: (event) => fields.events.get(event) !== undefined,
    detach: (wait) => {
        const event = (wait as EventWait).event;
        const list = fields.events.get(event);
        if (list !== undefined) {
            const kept: EventWait[] = [];
            for (const other of list) {
                if (other !== wait) {
                    kept.push(other);
                }
            }
            if (kept.length > 0) {
                fields.events.set(event, kept);
            } else {
                fields.events.delete(event);
                driver.unlisten(event);
            }
        }
        wait.task = undefined;
    },
};

/**
 * Suspends the running task until `event` fires (with a payload `filter(...)` accepts, when
 * given) and returns the event's payload. The driver listens for the event only while someone
 * waits for it. A filter that raises fails the task with its error. Outside a task, returns a
 * future that resolves then (it listens from the call on).
 *
 * ```lua
 * local unit = AsyncAwait.waitForEvent("UNIT_HEALTH", function(u) return u == "player" end)
 * ```
 */
export function waitForEvent<E extends EventName>(
    event: E,
    filter?: (...payload: EventPayload<E>) => unknown,
    ...extra: unknown[]
): LuaMultiReturn<EventPayload<E>> {
    const newer = newerGlue();
    if (newer) {
        return newer.waitForEvent(event, filter, ...extra);
    }
    if (type(event) !== "string" || event === "") {
        raiseAtCaller(`AsyncAwait: waitForEvent(event, filter): expected an event name, got ${describe(event)}`);
    }
    if (filter !== undefined && type(filter) !== "function") {
        raiseAtCaller(`AsyncAwait: waitForEvent(event, filter): expected a function or nil as filter, got ${describe(filter)}`);
    }
    if (select("#", ...extra) > 0) {
        raiseAtCaller(tooManyArguments("waitForEvent(event, filter)", 2, 2 + select("#", ...extra)));
    }
    if (!driver.knowsEvent(event)) {
        raiseAtCaller(`AsyncAwait: waitForEvent(event, filter): this client does not know the event ${event}`);
    }
    const wait: EventWait = { what: `event ${event}`, kind: "event", event, filter: filter as EventWait["filter"] };
    return waitOn(wait, driver) as LuaMultiReturn<EventPayload<E>>;
}
