/** Runtime errors: recognisable by kind, printable like their message; user errors untouched. */
import { Library, freshLibrary } from "../support/fresh";
import { attempt, chunk, contains } from "../support/lua";

let L: Library;
let A: Library["api"];

before_each(() => {
    L = freshLibrary();
    A = L.api;
});

describe("errorKind", () => {
    it("names the kind of errors the library raised at run time", () => {
        const err = L.errors.runtimeError("WouldBlock", "cannot complete");
        assert.are.equal("WouldBlock", A.errorKind(err));
        assert.are.equal("WouldBlock", err.kind);
    });

    it("is nil for any value users raise, tables with a kind field included", () => {
        assert.is_nil(A.errorKind(undefined));
        for (const value of [42, "AwaitCycle", { kind: "AwaitCycle" }, () => 1, true]) {
            assert.is_nil(A.errorKind(value));
        }
        const t = A.async(() => error({ kind: "AwaitCycle" }))();
        A.joinTask(t);
        assert.is_nil(A.errorKind(t.error));
    });

    it("leaves error values users raise untouched", () => {
        const payload = { code: 7 };
        const [ok, err] = attempt(A.await, A.async(() => error(payload))());
        assert.is_false(ok);
        assert.are.equal(payload, err);
    });
});

describe("runtime errors", () => {
    it("print and concatenate like their message", () => {
        const err = L.errors.runtimeError("AwaitCycle", "await cycle: test");
        assert.are.equal("await cycle: test", tostring(err));
        const [joined] = chunkConcat(err);
        assert.are.equal("before: await cycle: test :after", joined);
    });

    it("carry the position of the call that raised them, as error(msg, 2) would", () => {
        const raiseHere = chunk("local raise = ...\nreturn function() raise('WouldBlock', 'blocked', 2) end", "lib");
        const api = raiseHere(L.errors.raise) as () => void;
        const caller = chunk("local api = ...\n\napi()");
        const [ok, err] = attempt(caller, api);
        assert.is_false(ok);
        assert.are.equal("caller:3: blocked", tostring(err));
        assert.is_true(contains(err, "caller:3:"));
    });
});

/** `"before: " .. err .. " :after"` in Lua. */
function chunkConcat(this: void, err: unknown): [string] {
    return [chunk("local e = ...; return 'before: ' .. e .. ' :after'")(err) as string];
}
