-- A consumer addon's file for scripts/luals-check.js: each line ending in `-- expect: code` must
-- get that diagnostic from the language server, and no other line any (at Warning level).
local addonName = ...
local AA = LibStub("AsyncAwait-1.0")

AA.sleep("soon")                         -- expect: param-type-mismatch
AA:async(function() end)                 -- expect: param-type-mismatch
AA.asyn(function() end)                  -- expect: undefined-field
AA.waitForEvent()                        -- expect: missing-parameter
AA.sleep()                               -- expect: missing-parameter
AA.cancel("task")                        -- expect: param-type-mismatch
local task = AA.createTask(print)
print(task.stat)                         -- expect: undefined-field
local H = AA.forAddon(addonName)
H.sleeep(1)                              -- expect: undefined-field
local double = AA.async(function(x) return x * 2 end)
AA.startTask(double)                     -- expect: param-type-mismatch
AA.all(double(1), double(2))             -- expect: redundant-parameter
AA.timeout(2, double(1))                 -- expect: param-type-mismatch
AA.setBudget(5)                          -- expect: param-type-mismatch
AA.waitForEvent("BAG_UPDATE", nil, "5")  -- expect: param-type-mismatch
LibStub:GetLibrary("AsyncAwait-1.0").asyn(print) -- expect: undefined-field

---@class MyAceAddon : AsyncAwait-1.0
local MyAceAddon = { name = "MyAceAddon" }
LibStub("AsyncAwait-1.0"):Embed(MyAceAddon)
MyAceAddon.sleep("soon")                 -- expect: param-type-mismatch
MyAceAddon.asyn(print)                   -- expect: undefined-field

---@type AsyncAwait
local Old = LibStub("AsyncAwait-1.0")
Old.sleep("soon")                        -- expect: param-type-mismatch

-- Another library, which these annotations must leave alone.
local Other = LibStub("LibOther-1.0")
Other.anything(1)
