/**
 * The public typings, as a TypeScript addon uses them: this file must type-check (the spec
 * build fails otherwise) and the values it reads must be what the types say.
 */
import { freshLibrary } from "../support/fresh";
import type * as AA from "../../src/index";

describe("public typings", () => {
    const api = (): typeof AA => freshLibrary().api as unknown as typeof AA;

    it("carry argument and result types through async and await", () => {
        const A = api();
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
        })();
        A.scheduleAll();
        assert.are.same(["x", 42], got);
    });

    it("type tasks' public fields and error kinds", () => {
        const A = api();
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
    });
});
