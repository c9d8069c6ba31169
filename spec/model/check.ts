/** Runs programs by seed; for a failure, the seed, the problems and a shrunk program to replay. */
import { describeProgram, generate, Program } from "./program";
import { runProgram } from "./run";
import { shrink } from "./shrink";

/** The problems of one seed's program (a crash counts as a problem). */
export function problemsOf(this: void, p: Program): string[] {
    const [ok, result] = pcall(runProgram, p);
    return ok ? (result as string[]) : [`crashed: ${tostring(result)}`];
}

/**
 * Runs seeds from..to; returns a report for each failing one. The first `shrinkFirst` failures
 * are shrunk (a shrink runs the program hundreds of times); the others give their problems.
 */
export function runSeeds(
    this: void,
    from: number,
    to: number,
    onFailure?: (this: void, report: string) => void,
    shrinkFirst = 3,
): string[] {
    const reports: string[] = [];
    for (const seed of $range(from, to)) {
        const p = generate(seed);
        const problems = problemsOf(p);
        if (problems.length > 0 && reports.length >= shrinkFirst) {
            reports.push(
                [`seed ${seed} failed (replay: make test-long SEED=${seed}):`, ...problems.slice(0, 8).map((x) => `  ${x}`)].join("\n"),
            );
        } else if (problems.length > 0) {
            const small = shrink(p, (c) => problemsOf(c).length > 0);
            const report = [
                `seed ${seed} failed (replay: make test-long SEED=${seed}):`,
                ...problems.slice(0, 8).map((x) => `  ${x}`),
                "shrunk to:",
                ...problemsOf(small)
                    .slice(0, 8)
                    .map((x) => `  ${x}`),
                describeProgram(small),
            ].join("\n");
            reports.push(report);
            if (onFailure !== undefined) {
                onFailure(report);
            }
        }
    }
    return reports;
}
