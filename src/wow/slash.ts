/** @noSelfInFile */
/**
 * `/asyncawait` (or `/aa`): prints live tasks by state, CPU time per addon, the worker pool and
 * the frame budget used in recent frames.
 */
import { ownerList, snapshot } from "../core/introspect";
import { slowestSlices } from "../core/slices";
import { client } from "./client";
import { KINDS } from "./driver";
import { RECENT_FRAMES, WowState } from "./state";

function say(text: string): void {
    const chat = client.DEFAULT_CHAT_FRAME;
    if (chat !== undefined) {
        chat.AddMessage(text);
    } else {
        print(text);
    }
}

/** The report's lines. */
function statusLines(glue: WowState, version: string): string[] {
    const s = snapshot();
    let waiting = 0;
    const perKind: string[] = [];
    for (const kind of KINDS) {
        const n = kind.count();
        waiting += n;
        perKind.push(`${n} ${kind.label}`);
    }
    const awaiting = math.max(0, s.live - s.queued - waiting - s.pendingCount);
    const lines = [
        `AsyncAwait ${version}: ${s.live} live tasks: ${s.queued} runnable, ${awaiting} awaiting tasks, ` +
            `${perKind.join(", ")}, ${s.pendingCount} pending`,
        `  worker pool: ${s.poolLen} idle (at most ${s.poolMax})`,
    ];
    let total = 0;
    let peak = 0;
    let frames = 0;
    let budget = 0;
    for (const i of $range(1, RECENT_FRAMES)) {
        const spent = glue.recentSpent[i];
        if (spent !== undefined) {
            frames += 1;
            total += spent;
            peak = math.max(peak, spent);
            budget = math.max(budget, glue.recentBudget[i]);
        }
    }
    lines.push(
        frames > 0
            ? `  frame budget: ${string.format("%.2f", total / frames)} ms average, ${string.format("%.2f", peak)} ms peak over the last ${frames} frames that ran tasks (budget up to ${string.format("%.2f", budget)} ms)`
            : "  frame budget: no frame has run tasks yet",
    );
    const cpu: string[] = [];
    for (const owner of ownerList()) {
        cpu.push(`${owner.name} ${string.format("%.1f", owner.cpu)} ms`);
    }
    lines.push(`  CPU time by addon: ${cpu.join(", ")}`);
    const slices: string[] = [];
    for (const slice of slowestSlices()) {
        slices.push(`${string.format("%.1f", slice.ms)} ms (${slice.owner}, ${slice.where})`);
    }
    lines.push(slices.length > 0 ? `  slowest slices: ${slices.join("; ")}` : "  slowest slices: none of 1 ms or more");
    return lines;
}

export function installSlashCommand(glue: WowState, version: string): void {
    const commands = client.SlashCmdList;
    if (commands === undefined || type(commands) !== "table") {
        return; // a client (or test harness) without slash commands: nothing else depends on it
    }
    client.SLASH_ASYNCAWAIT1 = "/asyncawait";
    client.SLASH_ASYNCAWAIT2 = "/aa";
    commands.ASYNCAWAIT = () => {
        for (const line of statusLines(glue, version)) {
            say(line);
        }
    };
}
