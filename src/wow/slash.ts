/** @noSelfInFile */
/**
 * `/asyncawait` (or `/aa`): prints live tasks counted by what they wait for, CPU time per
 * addon, the worker pool and the frame budget used in recent frames. `/asyncawait tasks
 * [addon]` lists the live tasks (of one addon), each with its addon, origin, state and what it
 * waits for. No list of tasks is kept: they are found from where live tasks are (the run
 * queues, the running task, the waits the kinds hold, and the await links between them). Cold
 * code: it runs only when someone types the command.
 */
import { ownedTasks, ownerList, snapshot } from "../core/introspect";
import { isTask } from "../core/kernel";
import { originOf, slowestSlices } from "../core/slices";
import { madeAt } from "../core/trace";
import { Owner, SUSPENDED, Slot, TaskRecord, Wait } from "../core/task";
import { client } from "./client";
import { KINDS, RECENT_FRAMES, eachWait, kindNameOf } from "./driver";
import type { TimedWait } from "./kinds";
import type { WowState } from "./state";

/** The most tasks `/asyncawait tasks` lists (chat is no place for thousands). */
const MAX_LISTED = 40;

const AWAITING = "awaiting a task";
const COMBINING = "waiting in combinators (all, race, timeout...)";
const OTHER = "waiting for something else";

function say(text: string): void {
    const chat = client.DEFAULT_CHAT_FRAME;
    if (chat !== undefined) {
        chat.AddMessage(text);
    } else {
        print(text);
    }
}

/** The started, not dead tasks found from where live tasks are: of `only`, or of every addon. */
function liveTasks(only?: Owner): TaskRecord[] {
    const parked: TaskRecord[] = [];
    eachWait((wait: Wait) => {
        if (wait.task !== undefined) {
            parked.push(wait.task);
        }
    });
    const found: TaskRecord[] = [];
    for (const owner of ownerList()) {
        if (only === undefined || owner === only) {
            for (const task of ownedTasks(owner, parked)) {
                found.push(task);
            }
        }
    }
    return found;
}

/** The label of the wait kind named `name` ("sleeping"...), or undefined. */
function kindLabel(name: string): string | undefined {
    for (const kind of KINDS) {
        if (kind.name === name) {
            return kind.label;
        }
    }
    return undefined;
}

/** Where a task comes from, or undefined when nothing recorded it (traceCreation(true) does). */
function origin(task: TaskRecord): string | undefined {
    return task.created !== undefined || madeAt(task[Slot.Fn]) !== undefined ? originOf(task) : undefined;
}

/** The task `task` awaits, for the list: a combinator's result by its combinator, else its addon and origin. */
function awaited(task: TaskRecord): string {
    const on = task[Slot.Awaiting] as Wait | false;
    if (task[Slot.State] === SUSPENDED && on && !isTask(on) && on.kind === "gate") {
        return `awaiting ${on.what}`;
    }
    const from = origin(task);
    return `awaiting a task of ${(task[Slot.Owner] as Owner).name}${from !== undefined ? ` (${from})` : ""}`;
}

/**
 * What a live task is doing: the category the status line counts it in (its state, or for a
 * suspended one what it waits on: a task, a combinator's gate, a wait kind; a timed wait counts
 * once, as its kind) and, for the list, what exactly it waits for.
 */
function activity(task: TaskRecord): LuaMultiReturn<[string, string]> {
    const state = task[Slot.State] as string;
    if (state !== SUSPENDED) {
        return $multi(state, state);
    }
    const on = task[Slot.Awaiting] as TaskRecord | Wait;
    if (isTask(on)) {
        return $multi(AWAITING, awaited(on));
    }
    const wait = on as Wait;
    if (wait.kind === "gate") {
        return $multi(COMBINING, wait.what);
    }
    const seconds = (wait as TimedWait).seconds;
    const what = wait.timer !== undefined && seconds !== undefined ? `${wait.what}, timing out after ${seconds} s` : wait.what;
    return $multi(kindLabel(kindNameOf(wait)) ?? OTHER, what);
}

/** The status line's counts, in a fixed order, zero ones left out. */
function countLine(live: number, pending: number, tasks: TaskRecord[]): string {
    const counts = new LuaTable<string, number>();
    for (const task of tasks) {
        const [category] = activity(task);
        counts.set(category, (counts.get(category) ?? 0) + 1);
    }
    const order = ["runnable", "running", AWAITING];
    for (const kind of KINDS) {
        order.push(kind.label);
    }
    order.push(COMBINING);
    order.push(OTHER);
    const parts: string[] = [];
    for (const category of order) {
        const n = counts.get(category);
        if (n !== undefined) {
            parts.push(`${n} ${category}`);
        }
    }
    if (pending > 0) {
        parts.push(`${pending} pending`);
    }
    // Started tasks the walk cannot reach: suspended on something nothing holds (they never wake).
    const unreached = live - pending - tasks.length;
    if (unreached > 0) {
        parts.push(`${unreached} suspended where nothing can wake them`);
    }
    return parts.length > 0 ? `${live} live tasks: ${parts.join(", ")}` : `${live} live tasks`;
}

/** The report's lines. */
function statusLines(glue: WowState, version: string): string[] {
    const s = snapshot();
    const lines = [
        `AsyncAwait ${version}: ${countLine(s.live, s.pendingCount, liveTasks())}`,
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

/** `/asyncawait tasks [addon]`: the live tasks, each with its addon, state, what it waits for and origin. */
function taskLines(addon: string): string[] {
    let only: Owner | undefined;
    if (addon !== "") {
        const names: string[] = [];
        for (const owner of ownerList()) {
            names.push(owner.name);
            if (string.lower(owner.name) === string.lower(addon)) {
                only = owner;
            }
        }
        if (only === undefined) {
            return [`AsyncAwait: no addon named ${addon} has made tasks (addons: ${names.join(", ")})`];
        }
    }
    const tasks = liveTasks(only);
    const lines = [`AsyncAwait: ${tasks.length} live tasks${only !== undefined ? ` of ${only.name}` : ""}${tasks.length > 0 ? ":" : ""}`];
    let unknown = false;
    for (const i of $range(1, math.min(tasks.length, MAX_LISTED))) {
        const task = tasks[i - 1];
        const [, what] = activity(task);
        const state = task[Slot.State] as string;
        const from = origin(task);
        unknown ||= from === undefined;
        lines.push(`  ${(task[Slot.Owner] as Owner).name}: ${state === what ? state : `${state}, ${what}`} - ${from ?? "origin unknown"}`);
    }
    if (tasks.length > MAX_LISTED) {
        lines.push(`  ... and ${tasks.length - MAX_LISTED} more (/asyncawait tasks <addon> lists one addon's)`);
    }
    const pending = only === undefined ? snapshot().pendingCount : 0;
    if (pending > 0) {
        lines.push(`  and ${pending} pending (created, never started)`);
    }
    if (unknown) {
        lines.push("  (origins: where the async function was made; AsyncAwait.traceCreation(true) records where every task is created)");
    }
    return lines;
}

/** The lines for the command's input: "" (the report), "tasks [addon]", or else its usage. */
function commandLines(glue: WowState, version: string, input: string): string[] {
    const [command, rest] = string.match(input, "^%s*(%S*)%s*(.-)%s*$");
    const word = string.lower(command ?? "");
    if (word === "") {
        return statusLines(glue, version);
    }
    if (word === "tasks") {
        return taskLines(rest ?? "");
    }
    return ["AsyncAwait: /asyncawait (or /aa) prints live tasks, CPU time and budgets; /asyncawait tasks [addon] lists live tasks"];
}

export function installSlashCommand(glue: WowState, version: string): void {
    const commands = client.SlashCmdList;
    if (commands === undefined || type(commands) !== "table") {
        return; // a client (or test harness) without slash commands: nothing else depends on it
    }
    client.SLASH_ASYNCAWAIT1 = "/asyncawait";
    client.SLASH_ASYNCAWAIT2 = "/aa";
    commands.ASYNCAWAIT = (input: string) => {
        for (const line of commandLines(glue, version, type(input) === "string" ? input : "")) {
            say(line);
        }
    };
}
