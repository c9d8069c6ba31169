local ____lualib = require("lualib_bundle")
local __TS__New = ____lualib.__TS__New
local ____exports = {}
local ____functions = require("functions")
local exported = ____functions.exported
local ____arrows = require("arrows")
local block = ____arrows.block
local ____methods = require("methods")
local Scanner = ____methods.Scanner
local ____try = require("try")
local steps = ____try.steps
local ____using = require("using")
local withResources = ____using.withResources
local ____promises = require("promises")
local combined = ____promises.combined
local ____plain = require("plain")
local plain = ____plain.plain
____exports.all = {
    exported(nil, "x"),
    block(nil, {1}),
    __TS__New(Scanner, 2):count(),
    steps(nil),
    withResources(nil),
    combined(nil),
    plain(nil)
}
do local ____AA_registry = LibStub and LibStub("AsyncAwait-1.0", true) if ____AA_registry and ____AA_registry.addSourceMap then ____AA_registry.addSourceMap(string.match(select(2, pcall(error, "", 2)), "^(.*):%d+: $"), ",,,src/index.ts:2,2,3,3,4,4,5,5,6,6,7,7,8,8,10,10,10,10,10,10,10,10") end end return ____exports
