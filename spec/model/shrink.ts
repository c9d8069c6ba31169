/**
 * Shrinking a failing program: greedily drop what the failure does not need (frames' actions
 * and cancels, whole frames at the end, tasks' operations, timeouts, errors, root tasks) while
 * it still fails, so the program printed for a failure is small enough to read.
 */
import { Program } from "./program";

function copy(this: void, p: Program): Program {
    return {
        seed: p.seed,
        tasks: p.tasks.map((t) => ({ owner: t.owner, ops: [...t.ops], fails: t.fails })),
        frames: p.frames.map((f) => ({
            spawn: [...f.spawn],
            force: [...f.force],
            cancel: [...f.cancel],
            flags: [...f.flags],
            combat: [...f.combat],
            events: [...f.events],
            budget: f.budget,
            loadNewer: f.loadNewer,
        })),
    };
}

/** Every program one step smaller than `p`. */
function smaller(this: void, p: Program): Program[] {
    const out: Program[] = [];
    for (const i of $range(p.frames.length, 1, -1)) {
        const c = copy(p);
        const removed = c.frames.splice(i - 1, 1)[0];
        // Roots spawned by the removed frame move to the one before it (or after).
        const into = c.frames[math.max(0, i - 2)];
        if (into !== undefined) {
            for (const id of removed.spawn) {
                into.spawn.push(id);
            }
            out.push(c);
        }
    }
    p.frames.forEach((f, i) => {
        for (const key of ["force", "cancel", "flags", "combat", "events"] as const) {
            const list = f[key] as unknown[];
            for (const j of $range(1, list.length)) {
                const c = copy(p);
                (c.frames[i][key] as unknown[]).splice(j - 1, 1);
                out.push(c);
            }
        }
        if (f.budget !== undefined || f.loadNewer) {
            const c = copy(p);
            c.frames[i].budget = undefined;
            c.frames[i].loadNewer = undefined;
            out.push(c);
        }
        for (const j of $range(1, f.spawn.length)) {
            const c = copy(p);
            c.frames[i].spawn.splice(j - 1, 1); // that root is never started
            out.push(c);
        }
    });
    p.tasks.forEach((t, i) => {
        for (const j of $range(1, t.ops.length)) {
            const c = copy(p);
            c.tasks[i].ops.splice(j - 1, 1);
            out.push(c);
        }
        t.ops.forEach((op, j) => {
            if (op.op === "event" && op.timeout !== undefined) {
                const c = copy(p);
                c.tasks[i].ops[j] = { ...op, timeout: undefined }; // ops are shared between copies: replaced, not changed
                out.push(c);
            }
        });
        if (t.fails !== undefined) {
            const c = copy(p);
            c.tasks[i].fails = undefined;
            out.push(c);
        }
    });
    return out;
}

/** A smaller program on which `fails` still holds (at most `budget` runs). */
export function shrink(this: void, p: Program, fails: (this: void, p: Program) => boolean, budget = 400): Program {
    let best = p;
    let runs = 0;
    let progress = true;
    while (progress && runs < budget) {
        progress = false;
        for (const candidate of smaller(best)) {
            runs += 1;
            if (runs > budget) {
                break;
            }
            if (fails(candidate)) {
                best = candidate;
                progress = true;
                break;
            }
        }
    }
    return best;
}
