/**
 * The public typings, as a TypeScript addon uses them: this file must type-check (the spec
 * build fails otherwise) and the values it reads must be what the types say.
 */
// src/api is what src/index re-exports (index also registers with LibStub: see spec/wow/).
import * as AA from "../src/api";

describe("public typings", () => {
    it("carry argument and result types through async and await", () => {
        const double = AA.async((x: number) => x * 2);
        const future: AA.Future<number> = double(21);
        const pair = AA.async((a: string, b: number) => $multi(a, b));
        let got: [string, number] | undefined;
        AA.async(() => {
            const n: number = AA.await(future);
            const [s, m] = AA.await(pair("x", n));
            got = [s, m];
            const inline: number = AA.await(double, 1);
            assert.are.equal(2, inline);
        })();
        AA.scheduleAll();
        assert.are.same(["x", 42], got);
    });

    it("type tasks' public fields", () => {
        const task: AA.Task<string> = AA.createTask((s: string) => s.toUpperCase(), "abc");
        const state: AA.TaskState = task.state;
        assert.are.equal("pending", state);
        AA.startTask(task);
        AA.joinTask(task);
        const result: AA.Packed | undefined = task.result;
        assert.are.equal("ABC", result![1]);
        assert.are.equal("AsyncAwait", task.owner);
    });
});
