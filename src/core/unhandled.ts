/** @noSelfInFile */
/**
 * Failed tasks whose error no one awaited or joined: noted when they fail, and reported once
 * each at the end of the run (unless someone awaited them meanwhile) to the configured reporter
 * (the client glue sends them to geterrorhandler()).
 */
import { errorKind } from "./errors";
import { coreState } from "./state";
import type { TaskRecord } from "./task";
import { hasConsumer } from "./waiters";

/**
 * A task failed with no task awaiting it: unless a combinator's gate takes its error or it was
 * cancelled (a cancellation is an outcome someone chose, never reported), it is noted.
 */
export function noteFailure(task: TaskRecord): void {
    if (errorKind(task.error) !== "Cancelled" && !hasConsumer(task)) {
        noteUnobserved(task);
    }
}

/** Notes a task that failed with no waiter. */
export function noteUnobserved(task: TaskRecord): void {
    coreState.unobservedLen += 1;
    coreState.unobserved[coreState.unobservedLen] = task;
}

/** Reports the noted tasks still unobserved, once each. A reporter that raises stops nothing. */
export function reportUnobserved(): void {
    if (coreState.unobservedLen === 0) {
        return;
    }
    const unobserved = coreState.unobserved;
    const report = coreState.reporter;
    while (coreState.unobservedLen > 0) {
        const task = unobserved[coreState.unobservedLen] as TaskRecord;
        unobserved[coreState.unobservedLen] = undefined;
        coreState.unobservedLen -= 1;
        if (report !== undefined && !task.observed && !task.reported) {
            task.reported = true;
            pcall(report, task);
        }
    }
}
