/** @noSelfInFile */
/**
 * Start-up: the one function that readies this copy's modules, called once by the library entry
 * (src/index.ts, which the built addon's entry loads) and by the specs' fresh copies. Modules do
 * nothing when imported, so their import order does not matter.
 */
import { installSchedulerHooks, loadState } from "../core/lifecycle";
import { wholeState } from "../core/wholeState";
import { apiTables } from "../core/errors";
import { installPromiseMethods } from "../api/promises";
import { publicApi } from "../api/surface";
import { upgradeCoreState } from "./upgrade";

/** @transient per copy: whether boot() ran */
let booted = false;

/** Readies this copy on a fresh state (a takeover later replaces it field by field). */
export function boot(): void {
    if (booted) {
        error("AsyncAwait: boot() runs once per copy of the library", 2);
    }
    booted = true;
    installSchedulerHooks();
    installPromiseMethods();
    apiTables.set(publicApi, true);
    upgradeCoreState(wholeState, undefined);
    loadState();
}
