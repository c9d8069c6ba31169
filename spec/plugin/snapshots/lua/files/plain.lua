local ____exports = {}
function ____exports.plain(self)
    return 1
end
do local ____AA_registry = LibStub and LibStub("AsyncAwait-1.0", true) if ____AA_registry and ____AA_registry.addSourceMap then ____AA_registry.addSourceMap(string.match(select(2, pcall(error, "", 2)), "^(.*):%d+: $"), ",src/plain.ts:2,3,2") end end return ____exports
