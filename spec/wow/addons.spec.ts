import { startGame } from "../support/game";
import { attempt, chunk } from "../support/lua";

function find(this: void, text: unknown, part: string): boolean {
    return string.find(tostring(text), part, 1, true)[0] !== undefined;
}

describe("per-addon accounting", () => {
    it("attributes tasks to the addon whose handle made them, and their children too", () => {
        const { sim, AA } = startGame();
        const alpha = AA.forAddon("Alpha");
        let child: ReturnType<typeof AA.createTask> | undefined;
        const parent = alpha.async(() => {
            child = AA.async(() => 1)();
        })();
        const plain = AA.async(() => 2)();
        sim.runFrame();
        assert.are.equal("Alpha", (parent as unknown as { owner: string }).owner);
        assert.are.equal("Alpha", (child as unknown as { owner: string }).owner);
        assert.are.equal("AsyncAwait", (plain as unknown as { owner: string }).owner);
        assert.are.equal(alpha, AA.forAddon("Alpha"), "one handle per addon");
    });

    it("rejects bad input at the caller's line, through a handle too", () => {
        const { AA } = startGame();
        const cases: [string, string][] = [
            ["AA.forAddon(42)", "caller:1: AsyncAwait: forAddon(name): expected an addon name, got number (42)"],
            ["AA.forAddon('X').async(1)", "caller:1: AsyncAwait: async(fn): expected a function, got number (1)"],
            ["AA.forAddon('X').createTask(nil)", "caller:1: AsyncAwait: createTask(fn, ...): expected a function, got nil"],
        ];
        for (const [code, message] of cases) {
            const [ok, err] = attempt(chunk(`local AA = ...; ${code}`), AA);
            assert.is_false(ok);
            assert.are.equal(message, err);
        }
    });

    it("counts the driver's CPU time per addon", () => {
        const { sim, AA } = startGame();
        const work = (ms: number) => () => sim.burn(ms);
        AA.forAddon("Alpha").async(work(1.5))();
        AA.forAddon("Beta").async(work(0.5))();
        sim.runFrame();
        const cpu = new LuaTable<string, number>();
        for (const owner of AA._state.wow === undefined ? [] : ownerList(AA)) {
            cpu.set(owner.name, owner.cpu);
        }
        assert.is_true(math.abs(cpu.get("Alpha")! - 1.5) < 0.05);
        assert.is_true(math.abs(cpu.get("Beta")! - 0.5) < 0.05);
    });

    it("shares each frame's budget: one addon's backlog does not starve another's tasks", () => {
        const { sim, AA } = startGame();
        AA.setBudget({ ms: 4 });
        let alphaDone = 0;
        let betaDone = 0;
        const alpha = AA.forAddon("Alpha").async(() => {
            sim.burn(0.1);
            alphaDone += 1;
        });
        const beta = AA.forAddon("Beta").async(() => {
            sim.burn(0.1);
            betaDone += 1;
        });
        for (const _ of $range(1, 300)) {
            alpha();
        }
        for (const _ of $range(1, 5)) {
            beta();
        }
        sim.runFrame();
        assert.are.equal(5, betaDone, "Beta's five tasks ran in the first frame");
        assert.is_true(alphaDone >= 20 && alphaDone <= 36, `Alpha ran ${alphaDone}`);
        sim.runFrames(20);
        assert.are.equal(300, alphaDone);
    });
});

describe("/asyncawait and /aa", () => {
    it("print live tasks by state, CPU per addon, the pool and recent budget use", () => {
        const { sim, AA } = startGame();
        AA.forAddon("Alpha").async(() => {
            sim.burn(0.3);
            AA.sleep(30);
        })();
        AA.async(() => AA.waitForEvent("NEVER_FIRED"))();
        sim.runFrames(2);
        assert.is_true(sim.slash("/aa"));
        const text = sim.chat.join("\n");
        assert.is_true(find(text, "2 live tasks"), text);
        assert.is_true(find(text, "1 sleeping"), text);
        assert.is_true(find(text, "1 waiting for events"), text);
        assert.is_true(find(text, "worker pool"), text);
        assert.is_true(find(text, "frame budget"), text);
        assert.is_true(find(text, "Alpha 0.3 ms"), text);
        const lines = sim.chat.length;
        assert.is_true(sim.slash("/asyncawait"));
        assert.are.equal(lines * 2, sim.chat.length);
    });
});

/** The core's owner records, as the slash command lists them. */
function ownerList(this: void, AA: ReturnType<typeof startGame>["AA"]): { name: string; cpu: number }[] {
    const core = AA._state.core as { ownerList(this: void): { name: string; cpu: number }[] };
    return core.ownerList();
}
