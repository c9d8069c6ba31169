/** @noSelfInFile */
/**
 * Long slices: the time a task runs between two suspensions, measured by runBudget (the frame
 * driver's runs). The client stops a script that runs too long (about 200 ms; far less in
 * instance combat), so each task's longest slice is recorded, the first slice over a threshold
 * (default 50 ms) is reported once per task, and the slowest slices are kept for /asyncawait.
 * Slices under a millisecond (sliceFloor) never reach this module: the run loop tests one number.
 */
import { coreState, SliceRecord } from "./state";
import { Owner, Slot, TaskRecord } from "./task";
import { madeAt } from "./trace";

/** How many of the slowest slices /asyncawait lists. */
const KEPT = 5;

/** The run loop's floor: slices shorter than this are not noted. */
export function sliceFloor(): number {
    return math.min(1, coreState.longSliceMs === false ? 1 : coreState.longSliceMs);
}

/** Where a task comes from, in one line. */
export function originOf(task: TaskRecord): string {
    if (task.created !== undefined) {
        return string.match(task.created, "^[^\n]*")[0]!;
    }
    return madeAt(task[Slot.Fn]) ?? "(unknown: traceCreation(true) records it)";
}

/** Notes a slice of `ms` milliseconds that `task` just ran (at least sliceFloor()). */
export function noteSlice(task: TaskRecord, ms: number): void {
    if (ms > (task.longestSlice ?? 0)) {
        task.longestSlice = ms;
    }
    const slowest = coreState.slowest;
    const n = (slowest as unknown as SliceRecord[]).length;
    if (n < KEPT || ms > slowest[n]!.ms) {
        let i = math.min(n + 1, KEPT);
        while (i > 1 && slowest[i - 1]!.ms < ms) {
            slowest[i] = slowest[i - 1];
            i -= 1;
        }
        slowest[i] = { ms, owner: (task[Slot.Owner] as Owner).name, where: originOf(task) };
    }
    if (coreState.longSliceMs !== false && ms >= coreState.longSliceMs && !task.longSliceReported) {
        task.longSliceReported = true;
        const report = coreState.onLongSlice;
        if (report !== undefined) {
            pcall(report, task, ms);
        }
    }
}

/** The slowest slices noted, slowest first. */
export function slowestSlices(): SliceRecord[] {
    const list: SliceRecord[] = [];
    for (const i of $range(1, (coreState.slowest as unknown as SliceRecord[]).length)) {
        list.push(coreState.slowest[i]!);
    }
    return list;
}
