/**
 * Random programs over the whole API, for the model-based spec: tasks (each a script of
 * operations, some event waits with a timeout), spawned from plain code or by other tasks, and
 * frames (what plain code does before each frame: spawn, force-await, cancel, set flags, toggle
 * combat, fire events, change the budget, load a newer copy of the library). A program is plain
 * data, so it can be printed, shrunk and replayed.
 */

export const EVENTS = ["BAG_UPDATE", "UNIT_HEALTH", "CHAT_MSG_ADDON"];
export const OWNERS = ["AddonA", "AddonB", "AddonC"];
export const FLAGS = 3;
export const FRAME_TIME = 0.05;

export type Op =
    | { op: "yield" }
    | { op: "sleep"; seconds: number }
    | { op: "nextFrame" }
    /**
     * Waits for `event`; `filtered`: only a payload of "yes" is accepted; `raises`: the filter
     * raises instead; `timeout`: seconds after which the wait raises TimedOut, which the task
     * catches (never with `raises`).
     */
    | { op: "event"; event: string; filtered: boolean; raises?: ErrorType; timeout?: number }
    /** Waits until `flag` is set; `raises`: the predicate raises then instead of returning true. */
    | { op: "until"; flag: number; raises?: ErrorType }
    | { op: "combat" }
    /**
     * Starts task `child`, then awaits it, joins it, awaits it inside AA.pcall (a failure is
     * caught and the task goes on), or leaves it be.
     */
    | { op: "spawn"; child: number; then: "await" | "join" | "pcallAwait" | "detach" }
    /** Cancels itself: it ends at its next yield, await or wait, if any comes; else its outcome stands. */
    | { op: "selfCancel" }
    /** Cancels every started task of its own addon (its handle's cancelAll), itself included. */
    | { op: "cancelAll" }
    /** Cancels task `target` (whatever it is doing: suspended, woken and queued, dead, not spawned). */
    | { op: "cancelOther"; target: number }
    /** AA.pcall and AA.xpcall of C functions (results, errors and counts as the builtins give them). */
    | { op: "pcallC" }
    /**
     * Starts task `child` and awaits `child:then(cb)` (or `child:andThen(cb)`), where cb returns
     * what `returns` says, all resolving to the same string: a plain value, a future, a
     * TypeScriptToLua-style thenable (`res(nil, v)`), a Lua-style one (`res(v)`), or a Lua-style
     * thenable resolving with a future whose value is a TypeScriptToLua-style thenable.
     */
    | { op: "chain"; child: number; via: "then" | "andThen"; returns: ChainReturn }
    /** Loads a newer copy of the library from inside this task (once per program). */
    | { op: "loadNewer" };

export type ChainReturn = "value" | "future" | "tstlThenable" | "luaThenable" | "nested";
const CHAIN_RETURNS: ChainReturn[] = ["value", "future", "tstlThenable", "luaThenable", "nested"];

export type ErrorType = "string" | "number" | "table" | "boolean" | "function" | "nil";

export interface TaskSpec {
    owner: string;
    ops: Op[];
    /** How the task ends when nothing it awaits fails first: its values, or an error of this type. */
    fails?: ErrorType;
}

export interface FrameSpec {
    /** Root tasks plain code starts before this frame. */
    spawn: number[];
    /** Roots plain code awaits (a forced await) before this frame. */
    force: number[];
    /** Tasks plain code cancels before this frame, after its spawns and forces (one not spawned yet is skipped). */
    cancel: number[];
    flags: number[];
    /** setCombat calls, in order (several in one frame: combat can end and start again). */
    combat: boolean[];
    /** Events fired for this frame, each with its payload. */
    events: [string, string][];
    budget?: number;
    /** Plain code loads a newer copy of the library before this frame. */
    loadNewer?: boolean;
}

export interface Program {
    seed: number;
    /** Task ids are 1-based indexes; a task spawns only tasks with higher ids. */
    tasks: TaskSpec[];
    frames: FrameSpec[];
}

/** A small deterministic PRNG (LCG), independent of math.random. */
export function rng(this: void, seed: number): (this: void, n: number) => number {
    let x = seed % 2147483648;
    return (n: number) => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return (math.floor(x / 65536) % n) + 1;
    };
}

const ERROR_TYPES: ErrorType[] = ["string", "number", "table", "boolean", "function", "nil"];

/**
 * A random program for `seed`. Cancels and timeouts are drawn after everything else, so a seed
 * keeps the rest of the program it had before they existed; `control: false` leaves them out
 * (the program exactly as such a seed made it).
 */
export function generate(this: void, seed: number, control = true): Program {
    const random = rng(seed);
    const count = 3 + random(20);
    const frameCount = 6 + random(24);
    const tasks: TaskSpec[] = [];
    const parentOf: number[] = [];
    let newerLoaded = random(4) === 1; // a newer copy is loaded in about a quarter of the programs
    let newerFromTask = newerLoaded && random(2) === 1;
    for (const id of $range(1, count)) {
        tasks[id - 1] = { owner: OWNERS[random(OWNERS.length) - 1], ops: [] };
        parentOf[id - 1] = id === 1 || random(3) === 1 ? 0 : random(id - 1);
    }
    const frames: FrameSpec[] = [];
    for (const _ of $range(1, frameCount)) {
        frames.push({ spawn: [], force: [], cancel: [], flags: [], combat: [], events: [] });
    }
    for (const id of $range(1, count)) {
        const task = tasks[id - 1];
        const parent = parentOf[id - 1];
        if (parent === 0) {
            frames[random(math.max(1, frameCount - 3)) - 1].spawn.push(id);
        }
        // Its own operations, with its children's spawns placed among them.
        const children: number[] = [];
        for (const other of $range(id + 1, count)) {
            if (parentOf[other - 1] === id) {
                children.push(other);
            }
        }
        const length = random(5) - 1;
        const ops: Op[] = [];
        for (const _ of $range(1, length)) {
            const pick = random(10);
            if (pick === 1) {
                ops.push({ op: "yield" });
            } else if (pick === 2) {
                ops.push({ op: "sleep", seconds: (random(8) - 1) * 0.03 });
            } else if (pick === 3) {
                ops.push({ op: "nextFrame" });
            } else if (pick <= 5) {
                const filtered = random(2) === 1;
                const raises = filtered && random(6) === 1 ? ERROR_TYPES[random(ERROR_TYPES.length) - 1] : undefined;
                ops.push({ op: "event", event: EVENTS[random(EVENTS.length) - 1], filtered, raises });
            } else if (pick === 6) {
                const raises = random(6) === 1 ? ERROR_TYPES[random(ERROR_TYPES.length) - 1] : undefined;
                ops.push({ op: "until", flag: random(FLAGS), raises });
            } else if (pick === 7) {
                ops.push({ op: "combat" });
            } else {
                ops.push({ op: "yield" });
            }
        }
        for (const child of children) {
            const then = random(3);
            ops.splice(random(ops.length + 1) - 1, 0, { op: "spawn", child, then: then === 1 ? "await" : then === 2 ? "join" : "detach" });
        }
        if (newerFromTask && parent === 0) {
            ops.splice(random(ops.length + 1) - 1, 0, { op: "loadNewer" });
            newerFromTask = false;
            newerLoaded = false;
        }
        task.ops = ops;
        if (random(5) === 1) {
            task.fails = ERROR_TYPES[random(ERROR_TYPES.length) - 1];
        }
    }
    for (const frame of frames) {
        const events = random(4) - 1; // 0 to 3 per frame
        for (const _ of $range(1, events)) {
            frame.events.push([EVENTS[random(EVENTS.length) - 1], random(2) === 1 ? "yes" : "no"]);
        }
        if (random(4) === 1) {
            frame.flags.push(random(FLAGS));
        }
        const toggles = random(6);
        if (toggles === 1) {
            frame.combat.push(true);
        } else if (toggles === 2) {
            frame.combat.push(false);
        } else if (toggles === 3) {
            frame.combat.push(false, true); // combat ends and starts again before the frame
        }
        if (random(8) === 1) {
            frame.budget = random(10);
        }
    }
    // Forced awaits from plain code, of roots started by then (plain code starts a frame's roots
    // before it forces any: a root forced at once has not run yet).
    let started: number[] = [];
    for (const frame of frames) {
        started = [...started, ...frame.spawn];
        if (started.length > 0 && random(4) === 1) {
            frame.force.push(started[random(started.length) - 1]);
        }
    }
    if (newerLoaded) {
        frames[random(frameCount) - 1].loadNewer = true;
    }
    if (!control) {
        return { seed, tasks, frames };
    }
    // Timeouts of 0 to 0.2 s (a frame is 0.05 s), so that the event or the timer may come first.
    for (const task of tasks) {
        for (const op of task.ops) {
            if (op.op === "event" && op.raises === undefined && random(3) === 1) {
                op.timeout = (random(6) - 1) * 0.04;
            }
        }
    }
    // Cancels in about one frame of five, mostly of tasks whose root has started by then (they
    // may not exist yet, or be dead already: both harmless), sometimes of any task.
    const rootOf: number[] = [];
    for (const id of $range(1, count)) {
        const parent = parentOf[id - 1];
        rootOf[id - 1] = parent === 0 ? id : rootOf[parent - 1];
    }
    const startedRoots = new LuaTable<number, boolean>();
    for (const frame of frames) {
        for (const id of frame.spawn) {
            startedRoots.set(id, true);
        }
        if (random(5) === 1) {
            const candidates: number[] = [];
            for (const id of $range(1, count)) {
                if (startedRoots.has(rootOf[id - 1])) {
                    candidates.push(id);
                }
            }
            frame.cancel.push(candidates.length > 0 && random(4) !== 1 ? candidates[random(candidates.length) - 1] : random(count));
        }
    }
    controlInTasks(random, tasks, count);
    return { seed, tasks, frames };
}

/**
 * Control from inside tasks, drawn after everything else (so a seed keeps the program it had
 * before these existed): some awaits inside AA.pcall, self-cancels, cancelAll of the task's own
 * addon, cancels of another task, pcall of C functions.
 */
function controlInTasks(this: void, random: (this: void, n: number) => number, tasks: TaskSpec[], count: number): void {
    for (const task of tasks) {
        for (const [j, op] of ipairs(task.ops)) {
            if (op.op === "spawn" && op.then === "await") {
                const pick = random(8);
                if (pick <= 2) {
                    task.ops[j - 1] = { ...op, then: "pcallAwait" };
                } else if (pick <= 4) {
                    const returns = CHAIN_RETURNS[random(CHAIN_RETURNS.length) - 1];
                    task.ops[j - 1] = { op: "chain", child: op.child, via: random(2) === 1 ? "then" : "andThen", returns };
                }
            }
        }
        const insert = (op: Op) => task.ops.splice(random(task.ops.length + 1) - 1, 0, op);
        if (random(8) === 1) {
            insert({ op: "selfCancel" });
        }
        if (random(16) === 1) {
            insert({ op: "cancelAll" });
        }
        if (random(10) === 1) {
            insert({ op: "cancelOther", target: random(count) });
        }
        if (random(10) === 1) {
            insert({ op: "pcallC" });
        }
    }
}

/** The program as Lua-like text, for failure reports and replays. */
export function describeProgram(this: void, p: Program): string {
    const lines: string[] = [`program (seed ${p.seed}):`];
    p.tasks.forEach((t, i) => {
        const ops = t.ops.map((o) => {
            switch (o.op) {
                case "sleep":
                    return `sleep(${o.seconds})`;
                case "event":
                    return `event(${o.event}${o.filtered ? ", yes only" : ""}${o.raises !== undefined ? `, filter raises ${o.raises}` : ""}${
                        o.timeout !== undefined ? `, timeout ${o.timeout}` : ""
                    })`;
                case "until":
                    return `until(flag ${o.flag}${o.raises !== undefined ? `, raises ${o.raises}` : ""})`;
                case "spawn":
                    return `spawn(${o.child}, ${o.then})`;
                case "cancelOther":
                    return `cancel(${o.target})`;
                case "chain":
                    return `chain(${o.child}, ${o.via}, ${o.returns})`;
                default:
                    return o.op;
            }
        });
        lines.push(`  task ${i + 1} [${t.owner}]: ${ops.join(", ")}${t.fails !== undefined ? ` -> error(${t.fails})` : ""}`);
    });
    p.frames.forEach((f, i) => {
        const parts: string[] = [];
        if (f.spawn.length > 0) parts.push(`spawn ${f.spawn.join(",")}`);
        if (f.force.length > 0) parts.push(`force ${f.force.join(",")}`);
        if (f.cancel.length > 0) parts.push(`cancel ${f.cancel.join(",")}`);
        if (f.flags.length > 0) parts.push(`flags ${f.flags.join(",")}`);
        if (f.combat.length > 0) parts.push(`combat ${f.combat.join(",")}`);
        if (f.events.length > 0) parts.push(`events ${f.events.map(([e, v]) => `${e}=${v}`).join(",")}`);
        if (f.budget !== undefined) parts.push(`budget ${f.budget} ms`);
        if (f.loadNewer) parts.push("load newer copy");
        if (parts.length > 0) lines.push(`  before frame ${i + 1}: ${parts.join("; ")}`);
    });
    return lines.join("\n");
}
