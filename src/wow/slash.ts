/**
 * `/asyncawait` (or `/aa`): prints live tasks by state, CPU time per addon, the worker pool and
 * the frame budget used in recent frames.
 */
import * as core from "../core/scheduler";
import { RECENT_FRAMES, WowState } from "./state";

function say(this: void, text: string): void {
    if (DEFAULT_CHAT_FRAME !== undefined) {
        DEFAULT_CHAT_FRAME.AddMessage(text);
    } else {
        print(text);
    }
}

function waitingForEvents(this: void, W: WowState): number {
    let n = 0;
    for (const [, list] of W.events) {
        n += list.length;
    }
    return n;
}

/** The report's lines. */
export function statusLines(this: void, W: WowState, version: string): string[] {
    const s = core.snapshot();
    const sleeping = W.heapLen;
    const events = waitingForEvents(W);
    const other = W.frameWaitsLen + W.predicatesLen;
    const awaiting = math.max(0, s.live - s.queued - sleeping - events - other - s.pendingCount);
    const lines = [
        `AsyncAwait ${version}: ${s.live} live tasks: ${s.queued} runnable, ${awaiting} awaiting tasks, ` +
            `${sleeping} sleeping, ${events} waiting for events, ${other} waiting for frames or conditions, ${s.pendingCount} pending`,
        `  worker pool: ${s.poolLen} idle (at most ${s.poolMax})`,
    ];
    let total = 0;
    let peak = 0;
    let frames = 0;
    let budget = 0;
    for (const i of $range(1, RECENT_FRAMES)) {
        const spent = W.recentSpent[i];
        if (spent !== undefined) {
            frames += 1;
            total += spent;
            peak = math.max(peak, spent);
            budget = math.max(budget, W.recentBudget[i]);
        }
    }
    lines.push(
        frames > 0
            ? `  frame budget: ${string.format("%.2f", total / frames)} ms average, ${string.format("%.2f", peak)} ms peak over the last ${frames} frames that ran tasks (budget up to ${string.format("%.2f", budget)} ms)`
            : "  frame budget: no frame has run tasks yet",
    );
    const cpu: string[] = [];
    for (const owner of core.ownerList()) {
        cpu.push(`${owner.name} ${string.format("%.1f", owner.cpu)} ms`);
    }
    lines.push(`  CPU time by addon: ${cpu.join(", ")}`);
    return lines;
}

export function installSlashCommand(this: void, W: WowState, version: string): void {
    SLASH_ASYNCAWAIT1 = "/asyncawait";
    SLASH_ASYNCAWAIT2 = "/aa";
    SlashCmdList.ASYNCAWAIT = () => {
        for (const line of statusLines(W, version)) {
            say(line);
        }
    };
}
