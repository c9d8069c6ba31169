/** @noSelfInFile */
/**
 * The scheduler's kernel API: all that src/wow/ and src/api/ may use of it, and the only way
 * they reach it (.dependency-cruiser.cjs). Re-exports: a caller's local is the scheduler's own
 * function, so a call costs nothing more than a direct import's. The scheduler's other exports
 * are cold-core hooks (src/core/ only) and the handover (src/versions/, through lifecycle.ts).
 */
export {
    atRest,
    awaitValue,
    cancellationPoint,
    failParked,
    forwardingTo,
    isTask,
    joinWait,
    newParkedTask,
    newTask,
    park,
    retiredTo,
    runBudget,
    runningTask,
    schedule,
    scheduleAll,
    startTask,
    wakeParked,
    wrapAsync,
    yieldTurn,
} from "./scheduler";
