/**
 * The public typings, as a TypeScript addon uses them. This file must type-check (the spec build
 * fails otherwise, and each `@ts-expect-error` line must be an error), and at run time the
 * values are what the types say.
 */
import { startGame } from "../support/game";
import type * as AA from "../../src/index";
import { VERSION } from "../../src/version";

/** Whether A and B are the same type (not merely assignable): `const x: Equal<A, B> = true`. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe("public typings", () => {
    it("carry argument and result types through async and await", () => {
        const { sim, AA: A } = startGame();
        const double = A.async((x: number) => x * 2);
        const future: AA.Future<number> = double(21);
        const pair = A.async((a: string, b: number) => $multi(a, b));
        let got: [string, number] | undefined;
        A.async(() => {
            const n: number = A.await(future);
            const [s, m] = A.await(pair("x", n));
            got = [s, m];
            const direct: number = A.await(double, 1);
            assert.are.equal(2, direct);
            // @ts-expect-error a number's future does not await to a string
            const wrong: string = A.await(future);
            void wrong;
        })();
        sim.runFrame();
        assert.are.same(["x", 42], got);
    });

    it("type waits: nothing from sleep, nextFrame and outOfCombat in a task, a future outside", () => {
        const { sim, AA: A } = startGame();
        const sleepType: Equal<ReturnType<typeof A.sleep>, AA.Future<void> | undefined> = true;
        const frameType: Equal<ReturnType<typeof A.nextFrame>, AA.Future<void> | undefined> = true;
        const combatType: Equal<ReturnType<typeof A.outOfCombat>, AA.Future<void> | undefined> = true;
        assert.is_true(sleepType && frameType && combatType);
        let inTask: unknown = "unset";
        A.async(() => {
            inTask = A.sleep(0.01);
            A.nextFrame();
            A.outOfCombat();
            // @ts-expect-error sleep returns no number
            const n: number = A.sleep(0);
            void n;
        })();
        const outside = A.sleep(0.01);
        sim.runFrames(5);
        assert.is_nil(inTask, "in a task: nothing");
        assert.are.equal("dead", outside!.state, "outside: a future");
    });

    it("type waitUntil as the predicate's truthy type", () => {
        const { sim, AA: A } = startGame();
        let ready: string | undefined;
        let got: string | undefined;
        A.async(() => {
            const value = A.waitUntil(() => ready);
            const valueType: Equal<typeof value, string> = true;
            assert.is_true(valueType);
            got = value;
            // @ts-expect-error a string predicate does not give a number
            const n: number = A.waitUntil(() => "x");
            void n;
        })();
        sim.runFrame();
        ready = "go";
        sim.runFrame();
        assert.are.equal("go", got);
    });

    it("type waitForEvent payloads by event, unknown values for events it does not know", () => {
        const { sim, AA: A } = startGame();
        let bagId: number | undefined;
        let other: unknown[] | undefined;
        A.async(() => {
            const [bag] = A.waitForEvent("BAG_UPDATE", (b) => b >= 0);
            const bagType: Equal<typeof bag, number> = true;
            assert.is_true(bagType);
            bagId = bag;
            other = [...A.waitForEvent("SOME_ADDON_EVENT")];
            // @ts-expect-error BAG_UPDATE's payload is a number, not a string
            A.waitForEvent("BAG_UPDATE", (b: string) => b === "x");
        })();
        sim.runFrame();
        sim.fireEvent("BAG_UPDATE", 3);
        sim.runFrame();
        sim.fireEvent("SOME_ADDON_EVENT", "a", 2);
        sim.runFrame();
        assert.are.equal(3, bagId);
        assert.are.same(["a", 2], other);
    });

    it("type tasks' public fields, error kinds and the library table", () => {
        const { sim, AA: A } = startGame();
        const task: AA.Task<string> = A.createTask((s: string) => s.toUpperCase(), "abc");
        const state: AA.TaskState = task.state;
        assert.are.equal("pending", state);
        A.startTask(task);
        A.joinTask(task);
        const result: AA.Packed | undefined = task.result;
        assert.are.equal("ABC", result![1]);
        assert.are.equal("AsyncAwait", task.owner);
        const kind: AA.ErrorKind | undefined = A.errorKind(task.error);
        assert.is_nil(kind);
        const lib: AA.Library = (sim.env.LibStub as unknown as (major: string) => AA.Library)("AsyncAwait-1.0");
        assert.are.equal(A.async, lib.async);
        assert.are.equal(VERSION, lib.version);
    });

    it("type the LibStub global a types-only addon declares with the exported LibStubGlobal type", () => {
        const { sim, AA: A } = startGame();
        const LibStub = sim.env.LibStub as unknown as AA.LibStubGlobal;
        const lib = LibStub("AsyncAwait-1.0");
        const libType: Equal<typeof lib, AA.Library> = true;
        assert.is_true(libType);
        assert.are.equal(A.async, lib.async);
        // eslint-disable-next-line @typescript-eslint/no-unused-vars -- its type is what is tested
        const maybe = LibStub("AsyncAwait-1.0", true);
        const maybeType: Equal<typeof maybe, AA.Library | undefined> = true;
        assert.is_true(maybeType);
        // Another major is a table of unknown shape, or nil when absent and silent.
        assert.is_nil(LibStub("NoSuchLib-1.0", true));
        // @ts-expect-error the library has no such function
        void lib.asyn;
        assert.are.equal(2, LibStub.minor);
    });
});
