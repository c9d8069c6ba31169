/** @noSelfInFile */
/**
 * A copy's life, the core's cold side of it: the start-up wiring of the scheduler into the cold
 * modules it calls (which cannot import it back), and the handover between copies that
 * versions/handover.ts drives (forwarding every call to another copy; handing the state to a
 * newer one now, or once the run under way ends). src/versions/ reaches the scheduler through
 * this module and kernel.ts only (.dependency-cruiser.cjs).
 */
import { forwardStarts, useEagerScheduler } from "./eager";
import { useScheduler } from "./forced";
import { enterForced, handOverAfterRun, leaveForced, runNested, runTask, setForwardTarget, startTask, syncState } from "./scheduler";
import { wholeState } from "./wholeState";
import type { Entries } from "./types";

/**
 * The state protocol; `finish`, the entry older copies' workers call back; `startNew`,
 * `completeNew` and `awaitTask`, the entries the TypeScript plugin's async calls and awaits use.
 */
export { awaitTask, completeNew, finish, loadState, startNew, syncState } from "./scheduler";

/** Gives the modules the scheduler calls back into (forced.ts, eager.ts) its functions (boot). */
export function installSchedulerHooks(): void {
    useScheduler(runTask, enterForced, leaveForced);
    useEagerScheduler(runNested, startTask);
}

/** Starts or stops forwarding every call to `next`; `isNewer`: it took this copy's state over. */
export function forwardCalls(next: Entries | undefined, isNewer: boolean): void {
    setForwardTarget(next, isNewer);
    forwardStarts(next);
}

/** Hands this copy's state to `next`, which runs it from now on; this copy forwards to it. */
export function handOver(next: Entries): void {
    syncState();
    forwardCalls(next, true);
    next.takeOver(wholeState);
}

/** `next`, a newer copy, takes over once the run under way ends (see runBudget, afterRun). */
export function awaitHandover(next: Entries): void {
    handOverAfterRun(() => handOver(next));
}
