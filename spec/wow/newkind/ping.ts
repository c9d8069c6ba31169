/** @noSelfInFile */
/**
 * A wait kind that exists only in a spec build (addon.ts): `waitForPing(word)` waits for a PING
 * event whose payload is `word`, and returns it. Written as a kind of src/wow/waits/ is, with
 * the same helpers: the whole of what a new kind takes is this file and its line in KINDS.
 */
import { describe, raiseAtCaller } from "../../../src/core/errors";
import { wakeParked } from "../../../src/core/kernel";
import type { Wait } from "../../../src/core/task";
import { DriverHooks, waitOnValue } from "../../../src/wow/kinds";
import { listKind } from "../../../src/wow/listkind";

const PING = "PING";

interface PingWait extends Wait {
    word: string;
}

let driver: DriverHooks;

// Wakes the waiters for the word a PING event carries; the others keep waiting.
export const pingKind = listKind({
    name: "ping",
    label: "waiting for pings",
    list: "pingWaits",
    len: "pingWaitsLen",
    event: PING,
    sweep: (wait: PingWait, word) => {
        if (word !== wait.word) {
            return true;
        }
        wakeParked(wait, word);
        return false;
    },
    entries: { waitForPing },
    bind: (hooks) => {
        driver = hooks;
    },
});

/** Suspends the running task until a PING event carries `word`, and returns it. Outside a task, returns a future. */
export function waitForPing(word: string): unknown {
    if (type(word) !== "string") {
        raiseAtCaller(`AsyncAwait: waitForPing(word): expected a string, got ${describe(word)}`);
    }
    const wait: PingWait = { what: `ping ${word}`, kind: "ping", word };
    return waitOnValue(wait, driver);
}
