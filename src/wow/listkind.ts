/** @noSelfInFile */
/**
 * The list-shaped wait kinds (nextFrame, until, combat, restriction): waits kept in one list of
 * the glue state, in the order they began to wait, and swept either at the start of each frame
 * or when one event comes. A sweep goes through the waits attached before it: each is woken, or
 * handed to the kind's `sweep`, which wakes or fails it or keeps it for the next sweep. Waits
 * attached meanwhile (by a callback that starts a task...) wait for the next sweep.
 *
 * A sweep may run user code (a predicate) that detaches other waits of the same list (cancels
 * their tasks) or visits them (cancelAll): while it runs, a detach only unlinks the wait from
 * its task, and the list drops such waits once the sweep is over.
 */
import { wakeParked } from "../core/kernel";
import type { LuaArray } from "../core/types";
import type { Wait } from "../core/task";
import type { DriverHooks, WaitKind } from "./kinds";

/** A list kind's fields of the glue state: the list and its length, by the names the kind gives them. */
export type ListState<List extends string, Len extends string> = { [K in List]: LuaArray<Wait | undefined> } & { [K in Len]: number };

/** What makes a list kind. */
export interface ListKind<List extends string, Len extends string, W extends Wait, KindEntries> {
    /** What its waits carry in `kind`. */
    name: string;
    /** How /asyncawait names the tasks waiting on it. */
    label: string;
    /** The glue state's fields holding the list and its length (their names are a contract between versions). */
    list: List;
    len: Len;
    /** The event that sweeps the list, registered while the list holds waits; without one, every frame sweeps it. */
    event?: string;
    /**
     * One wait at a sweep (with the event's payload): wakes or fails it and returns false, or
     * returns true to keep it. Without it, a sweep wakes every wait.
     */
    sweep?: (this: void, wait: W, ...payload: unknown[]) => boolean;
    /** Its entry points (see WaitKind). */
    entries: KindEntries;
    /** Takes the driver's hooks when the kind binds (its wait functions need them to wait: waitOn). */
    bind?: (this: void, driver: DriverHooks) => void;
}

/** A wait kind whose waits are kept in a list of the glue state and swept by the driver (see above). */
export function listKind<List extends string, Len extends string, W extends Wait, KindEntries>(
    spec: ListKind<List, Len, W, KindEntries>,
): WaitKind<ListState<List, Len>, KindEntries> {
    const { list: LIST, len: LEN, event: EVENT, sweep: keeps } = spec;
    // Untyped views of the same table: the field names are the kind's.
    let fields: LuaTable<string, LuaArray<Wait | undefined>>;
    let lens: LuaTable<string, number>;
    let driver: DriverHooks;
    /** Whether a sweep runs, and whether a wait was detached while it did (transient: a sweep ends before any handover). */
    let sweeping = false;
    let detachedMeanwhile = false;

    /** Sweeps the list (see above); unlistens once it is empty. */
    function sweepList(...payload: unknown[]): void {
        const n = lens.get(LEN)!;
        if (n === 0 || sweeping) {
            return; // (an event its own sweep's callback fired is not delivered again to the waits being swept)
        }
        const waits = fields.get(LIST)!;
        sweeping = true;
        let kept = 0;
        if (keeps === undefined) {
            for (const i of $range(1, n)) {
                const wait = waits[i] as Wait;
                waits[i] = undefined;
                wakeParked(wait); // (which skips a wait detached meanwhile: it has no task)
            }
        } else {
            for (const i of $range(1, n)) {
                const wait = waits[i] as Wait;
                waits[i] = undefined;
                // A wait with no task was detached during this sweep: dropped.
                if (wait.task !== undefined && keeps(wait as W, ...payload)) {
                    kept += 1;
                    waits[kept] = wait;
                }
            }
        }
        sweeping = false;
        if (detachedMeanwhile) {
            detachedMeanwhile = false;
            const before = kept;
            kept = 0;
            for (const i of $range(1, before)) {
                const wait = waits[i] as Wait;
                waits[i] = undefined;
                if (wait.task !== undefined) {
                    kept += 1;
                    waits[kept] = wait;
                }
            }
        }
        // Waits attached meanwhile stay, after the kept ones.
        for (const i of $range(n + 1, lens.get(LEN)!)) {
            const wait = waits[i] as Wait;
            waits[i] = undefined;
            if (wait.task !== undefined) {
                kept += 1;
                waits[kept] = wait;
            }
        }
        lens.set(LEN, kept);
        if (kept === 0 && EVENT !== undefined) {
            driver.unlisten(EVENT);
        }
    }

    const kind: WaitKind<ListState<List, Len>, KindEntries> = {
        name: spec.name,
        label: spec.label,
        entries: spec.entries,
        bind: (state, hooks) => {
            fields = state as unknown as LuaTable<string, LuaArray<Wait | undefined>>;
            lens = state as unknown as LuaTable<string, number>;
            driver = hooks;
            if (fields.get(LIST) === undefined) {
                fields.set(LIST, {});
            }
            if (lens.get(LEN) === undefined) {
                lens.set(LEN, 0);
            }
            spec.bind?.(hooks);
        },
        attach: (wait) => {
            const n = lens.get(LEN)! + 1;
            lens.set(LEN, n);
            fields.get(LIST)![n] = wait;
            if (EVENT === undefined) {
                driver.wantFrame(0);
            } else if (n === 1) {
                driver.listen(EVENT);
            }
        },
        count: () => lens.get(LEN)!,
        nextDue: () => (EVENT === undefined && lens.get(LEN)! > 0 ? 0 : undefined),
        detach: (wait) => {
            wait.task = undefined;
            if (sweeping) {
                detachedMeanwhile = true; // dropped once the sweep is over
                return;
            }
            const n = lens.get(LEN)!;
            const waits = fields.get(LIST)!;
            for (const i of $range(1, n)) {
                if (waits[i] === wait) {
                    for (const j of $range(i, n - 1)) {
                        waits[j] = waits[j + 1];
                    }
                    waits[n] = undefined;
                    lens.set(LEN, n - 1);
                    if (n === 1 && EVENT !== undefined) {
                        driver.unlisten(EVENT);
                    }
                    return;
                }
            }
        },
        each: (visit) => {
            const waits = fields.get(LIST)!;
            for (const i of $range(1, lens.get(LEN)!)) {
                const wait = waits[i];
                // (during a sweep the list has holes, and waits detached meanwhile)
                if (wait !== undefined && wait.task !== undefined) {
                    visit(wait);
                }
            }
        },
    };
    if (EVENT === undefined) {
        kind.onFrame = sweepList; // (its argument, the time, goes to `sweep` as the payload)
    } else {
        kind.onEvent = (event, ...payload) => {
            if (event === EVENT) {
                sweepList(...payload);
            }
        };
        kind.listensTo = (event) => event === EVENT && lens.get(LEN)! > 0;
    }
    return kind;
}
