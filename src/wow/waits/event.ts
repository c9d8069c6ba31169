/** @noSelfInFile */
/** `waitForEvent(event [, filter])`: waiters per event; the event is registered while any waits. */
import { describe } from "../../core/errors";
import { park, runningTask, wakeParked } from "../../core/scheduler";
import type { Wait } from "../../core/task";
import { DriverHooks, WaitKind, asFuture, newerGlue } from "../kinds";

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

export const eventKind: WaitKind = {
    name: "event",
    label: "waiting for events",
    bind: (state, hooks) => {
        fields = state;
        driver = hooks;
        fields.events ??= new LuaTable();
    },
    count: countWaiters,
    nextDue: () => undefined,
    // Delivers an event to its waiters; stops listening once none is left.
    onEvent: (event, ...payload) => {
        const list = fields.events.get(event);
        if (list === undefined) {
            return;
        }
        const kept: EventWait[] = [];
        for (const wait of list) {
            let accept = true;
            if (wait.filter !== undefined) {
                const [ok, result] = pcall(wait.filter, ...payload);
                accept = ok ? !!result : true; // a filter that raises lets the waiter see the event
            }
            if (accept) {
                wakeParked(wait, ...payload);
            } else {
                kept.push(wait);
            }
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
 * waits for it. Outside a task, returns a future.
 *
 * ```lua
 * local unit = AsyncAwait.waitForEvent("UNIT_HEALTH", function(u) return u == "player" end)
 * ```
 */
export function waitForEvent(event: string, filter?: (...payload: unknown[]) => unknown): LuaMultiReturn<unknown[]> {
    const newer = newerGlue();
    if (newer) {
        return newer.waitForEvent(event, filter);
    }
    if (type(event) !== "string") {
        error(`AsyncAwait: waitForEvent(event, filter): expected an event name, got ${describe(event)}`, 2);
    }
    if (filter !== undefined && type(filter) !== "function") {
        error(`AsyncAwait: waitForEvent(event, filter): expected a function or nil as filter, got ${describe(filter)}`, 2);
    }
    if (runningTask() === undefined) {
        return asFuture(waitForEvent, event, filter);
    }
    const wait: EventWait = { what: `event ${event}`, kind: "event", event, filter };
    let list = fields.events.get(event);
    if (list === undefined) {
        list = [];
        fields.events.set(event, list);
        driver.listen(event);
    }
    list.push(wait);
    return park(wait);
}
