/**
 * The scheduler's deliberate copies, inlined for speed (a call per resume or per spawn is what
 * they save): runTask's yield branch and the async wrapper queue a task as enqueue does, the
 * wrapper builds newTask's record, finish wakes its first waiter as wakeTask does, a worker
 * takes its next task as takeFresh does, the loops of scheduleAll and runBudget take tasks as
 * dequeue does, and scheduleAll's loop runs a task as runTask and endRun do. Each copy
 * is checked against its original in the compiled scheduler of the built addon, statement by
 * statement, so a change to one that misses the other fails here.
 */
import * as files from "../support/files";

const BUNDLE = "addon/AsyncAwait/AsyncAwait.lua";

/** The scheduler module of the built bundle, line by line. */
function schedulerLines(): string[] {
    const lines: string[] = [];
    let inside = false;
    for (const [line] of string.gmatch(files.read(BUNDLE), "([^\n]*)\n")) {
        if (string.find(line, '^%["[%w%.]+"%] = function%(')[0] !== undefined) {
            inside = string.find(line, '^%["core%.scheduler"%]')[0] !== undefined;
        } else if (inside) {
            lines.push(line);
        }
    }
    assert(lines.length > 100, "the bundle has the scheduler module");
    return lines;
}

function indentOf(line: string): number {
    return string.match(line, "^ *")[0]!.length;
}

function trimmed(line: string): string {
    return string.match(line, "^%s*(.-)%s*$")[0]!;
}

/** The index of the first line from `from` (inclusive) that reads `text`, trimmed. */
function find(lines: string[], from: number, text: string): number {
    for (let i = from; i < lines.length; i++) {
        if (trimmed(lines[i]) === text) {
            return i;
        }
    }
    throw `no line "${text}" in the compiled scheduler`;
}

/** The statement starting at line `at` (an if, a while, a call over several lines), trimmed. */
function statementAt(lines: string[], at: number): string[] {
    const indent = indentOf(lines[at]);
    const out = [trimmed(lines[at])];
    const first = out[0];
    if (first.endsWith(" then") || first.endsWith(" do") || first.endsWith("(")) {
        for (let i = at + 1; i < lines.length; i++) {
            const line = trimmed(lines[i]);
            out.push(line);
            if (indentOf(lines[i]) === indent && (line === "end" || line.startsWith(")"))) {
                return out;
            }
        }
    } else {
        return out;
    }
    throw `no end to the statement at "${trimmed(lines[at])}"`;
}

/** The statements inside the block opened at line `at`, up to its end, else or elseif, trimmed. */
function blockAt(lines: string[], at: number): string[] {
    const indent = indentOf(lines[at]);
    const out: string[] = [];
    for (let i = at + 1; i < lines.length && indentOf(lines[i]) > indent; i++) {
        out.push(trimmed(lines[i]));
    }
    return out;
}

/** `code` with each identifier of `names` renamed. */
function renamed(code: string[], names: { [from: string]: string }): string[] {
    return code.map((line) => {
        let out = line;
        for (const [from, to] of pairs(names)) {
            out = string.gsub(out, `%f[%w_]${from}%f[^%w_]`, to)[0];
        }
        return out;
    });
}

describe("the scheduler's inlined copies (compiled Lua, statement by statement)", () => {
    const lines = schedulerLines();
    const enqueueAt = find(lines, 0, "local function enqueue(task)");
    // enqueue's queueing, once it knows the task is not queued yet.
    const enqueueQueues = blockAt(lines, find(lines, enqueueAt, "if not task[4] then"));
    const enqueueAppends = statementAt(lines, find(lines, enqueueAt, "if owner == serving then"));

    it("enqueue has the shape these copies are checked against", () => {
        assert.are.same(["task[4] = true", "local owner = task[8]", ...enqueueAppends], enqueueQueues);
        assert.is_true(enqueueAppends.length >= 6);
    });

    it("runTask's yield branch queues the task as enqueue does (a yielding task runs: never queued, the driver awake)", () => {
        const runTaskAt = find(lines, 0, "local function runTask(task)");
        const branch = blockAt(lines, find(lines, runTaskAt, "if signal == yieldMatch and ok then"));
        assert.are.same(['last[1] = "runnable"', ...renamed(enqueueQueues, { task: "last" })], branch);
    });

    it("scheduleAll runs a task as runTask does: resumed or started, a yield queued, a worker pooled and an await recorded as endRun does, any other end to endRun", () => {
        const runTaskAt = find(lines, 0, "local function runTask(task)");
        const resumes = blockAt(lines, find(lines, runTaskAt, "if thread then"));
        assert.are.same("ok, signal, target = resume(thread)", resumes[resumes.length - 1]);
        const lastAt = find(lines, runTaskAt, "local last = current");
        const ends = [trimmed(lines[lastAt]), trimmed(lines[lastAt + 1]), ...statementAt(lines, lastAt + 2)];
        assert.are.same(["local last = current", "current = previous", "if signal == yieldMatch and ok then"], ends.slice(0, 3));
        // endRun's branches for the end of a worker's run and for an await of a task no one awaits yet.
        const endRunAt = find(lines, 0, "local function endRun(last, thread, ok, signal, target)");
        const pools = blockAt(lines, find(lines, endRunAt, "elseif signal == idleMatch then"));
        const waiterAt = find(lines, endRunAt, "if awaited[5] then");
        const elseAt = waiterAt + 1 + blockAt(lines, waiterAt).length;
        assert.are.same("else", trimmed(lines[elseAt]));
        const suspends = renamed(blockAt(lines, elseAt), { awaited: "target" });
        let elseOfEnds = ends.length - 1; // the if-statement's own else: its last one
        while (ends[elseOfEnds] !== "else") {
            elseOfEnds -= 1;
        }
        const expected = [
            ...resumes.slice(0, resumes.length - 1),
            "local ok, signal, target = resume(thread)",
            ...ends.slice(0, elseOfEnds),
            "elseif signal == idleMatch and ok then",
            ...pools,
            "elseif signal == suspendMatch and ok and not target[5] then",
            ...suspends,
            ...ends.slice(elseOfEnds),
        ];
        const copyAt = find(lines, find(lines, 0, "function ____exports.scheduleAll()"), "if thread then");
        assert.are.same(expected, blockAt(lines, copyAt));

        // A fresh task: started on a pooled worker as runTask does, a yield queued, any other end to endRun.
        const freshAt = find(lines, runTaskAt, "if thread then") + 1 + resumes.length;
        assert.are.same("else", trimmed(lines[freshAt]));
        const starts = blockAt(lines, freshAt);
        assert.are.same("ok, signal, target = resume(thread, task)", starts[starts.length - 1]);
        const copyElseAt = copyAt + 1 + blockAt(lines, copyAt).length;
        assert.are.same("else", trimmed(lines[copyElseAt]));
        const startsCopied = [...starts.slice(0, starts.length - 1), "local ok, signal, target = resume(thread, task)", ...ends];
        assert.are.same(startsCopied, blockAt(lines, copyElseAt));
    });

    it("finish wakes a task awaiting it as wakeTask does, and queues it as enqueue does", () => {
        const enqueueBody = blockAt(lines, enqueueAt);
        const wakeBody = blockAt(lines, find(lines, 0, "local function wakeTask(waiter)"));
        assert.are.same("enqueue(waiter)", wakeBody[wakeBody.length - 1]);
        const expected = [
            ...renamed(wakeBody.slice(0, wakeBody.length - 1), { waiter: "first" }),
            ...renamed(enqueueBody, { task: "first" }),
        ];
        const finishAt = find(lines, 0, "local function finish(task, ...)");
        assert.are.same(expected, blockAt(lines, find(lines, finishAt, "if first[6] == task then")));
    });

    it("a worker takes its next fresh task as takeFresh does", () => {
        const loop = "while drainPos <= drainLen or refill() do";
        const takes = statementAt(lines, find(lines, find(lines, 0, "local function takeFresh()"), loop));
        const expected: string[] = [];
        for (const line of renamed(takes, { task: "next" })) {
            if (line === "return nil") {
                expected.push("break"); // the task at the head has started: none to take
            } else if (line === "return next") {
                expected.push("task = next", "break");
            } else {
                expected.push(line);
            }
        }
        assert.is_true(expected.length >= 12);
        const workerAt = find(lines, 0, "local function workerMain(me)");
        assert.are.same(expected, statementAt(lines, find(lines, find(lines, workerAt, "if workerRunsNext then"), loop)));
    });

    it("the async wrapper queues its new task as enqueue does, and builds newTask's record", () => {
        const wrapAsyncAt = find(lines, 0, "function ____exports.wrapAsync(fn, owner, madeAt)");
        const wrapperAt = find(lines, wrapAsyncAt, "local function wrapper(...)");
        assert.are.same(renamed(enqueueAppends, { owner: "o" }), statementAt(lines, find(lines, wrapperAt, "if o == serving then")));

        const newTaskAt = find(lines, 0, "local function newTask(state, owner, fn, ...)");
        // The same owner (find throws when a line is missing).
        const ownerLine = "local o = owner ~= nil and owner or (current and current[8] or defaultOwner)";
        assert.is_true(find(lines, newTaskAt, ownerLine) < wrapAsyncAt && find(lines, wrapperAt, ownerLine) > wrapperAt);
        // The record: its argument count, then a constructor for one argument, one for none, another for more.
        const countLine = 'local n = select("#", ...)';
        const recordOf = (at: number): string[] => {
            const countAt = find(lines, at, countLine);
            assert.are.same(["local task", "if n == 1 then"], [trimmed(lines[countAt + 1]), trimmed(lines[countAt + 2])]);
            return statementAt(lines, countAt + 2);
        };
        const record = recordOf(newTaskAt);
        // The wrapper's record is runnable and, queued at once, has its Queued slot (4) true.
        const expected = renamed(record, { state: '"runnable"' });
        let constructors = 0;
        expected.forEach((line, i) => {
            if (line.endsWith("setmeta({")) {
                constructors += 1;
                assert.are.equal("false,", expected[i + 4]);
                expected[i + 4] = "true,";
            }
        });
        assert.are.equal(3, constructors);
        assert.are.same(expected, recordOf(wrapperAt));
    });

    it("the loops of scheduleAll and runBudget take tasks as dequeue does", () => {
        const loop = "while drainPos <= drainLen or refill() do";
        const dequeueLoop = statementAt(lines, find(lines, find(lines, 0, "local function dequeue()"), loop));
        // Up to the runnable test; then dequeue returns the task where the loops run it.
        const takes = dequeueLoop.slice(0, dequeueLoop.indexOf('if task[1] == "runnable" then') + 1);
        assert.is_true(takes.length >= 6);
        for (const fn of ["function ____exports.scheduleAll()", "function ____exports.runBudget(budgetMs, now)"]) {
            const copy = statementAt(lines, find(lines, find(lines, 0, fn), loop));
            assert.are.same(takes, copy.slice(0, takes.length));
        }
    });
});
