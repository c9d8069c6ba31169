/** @noSelfInFile */
/**
 * This copy's entry points (see src/core/handover.ts): the core's, declared there, plus the
 * client glue's, declared here, which a retired copy's glue functions forward to. Names are only
 * ever added: older copies call them by name.
 */
import { Entries, entries } from "../core/handover";
import { detachWait, setBudget } from "../wow/driver";
import type { GlueEntries } from "../wow/kinds";
import { outOfCombat } from "../wow/waits/combat";
import { waitForEvent } from "../wow/waits/event";
import { nextFrame } from "../wow/waits/nextFrame";
import { sleep } from "../wow/waits/sleep";
import { waitUntil } from "../wow/waits/until";
import { unrestricted } from "../wow/waits/restriction";
import { delayFor, timeout } from "../wow/timers";

const glueEntries: GlueEntries = {
    sleep, nextFrame, waitForEvent, waitUntil, outOfCombat, unrestricted, setBudget, detachWait, delayFor, timeout,
};

for (const [name, fn] of pairs(glueEntries)) {
    (entries as unknown as LuaTable<string, unknown>).set(name, fn);
}

/** Every entry point of this copy. */
export const allEntries: Entries = entries;
