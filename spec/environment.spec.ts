// The specs run in the client's Lua: lua5.1 without the globals busted brings along.
describe("spec environment", () => {
    it("is Lua 5.1 without table.unpack, table.pack, warn or lfs", () => {
        assert.are.equal("Lua 5.1", _VERSION);
        const tbl = table as unknown as Record<string, unknown>;
        const G = _G as unknown as Record<string, unknown>;
        assert.is_nil(tbl.unpack);
        assert.is_nil(tbl.pack);
        assert.is_nil(G.warn);
        assert.is_nil(G.lfs);
    });

    it("cannot yield across pcall, as in the client (so LuaJIT is not in use)", () => {
        const co = coroutine.create(() => {
            const [ok, err] = pcall(() => coroutine.yield());
            return $multi(ok, err);
        });
        const [resumed, ok, err] = coroutine.resume(co);
        assert.is_true(resumed);
        assert.is_false(ok);
        assert.is_truthy(string.find(tostring(err), "yield across", 1, true)[0]);
    });
});
