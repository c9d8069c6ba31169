-- Ordinary use of the whole API: the language server must report nothing here.
local addonName = ...
local AA = LibStub("AsyncAwait-1.0").forAddon(addonName)
print(AA.version)
local double = AA.async(function(x) return x * 2 end)
local latest = AA.latest(function(text) AA.sleep(0.3); return text end)
local job = AA.async(function()
    AA.defer(function(task) print(task.state, task.owner) end)
    AA.sleep(1.5)
    AA.nextFrame()
    AA.outOfCombat()
    AA.unrestricted("Encounter")
    local unit = AA.waitForEvent("UNIT_HEALTH", function(u) return u == "player" end, 5)
    local ready = AA.waitUntil(function() return unit end, 10)
    local n = AA.await(double(21)) + AA.await(double, 1)
    local r = AA.await(AA.all({ double(1), double(2) }))
    print(r.n, r[1])
    for _, t in ipairs(AA.await(AA.allSettled({ double(3) }))) do print(t.error, t.cancelled, t.result) end
    local first = AA.await(AA.any({ double(4) }))
    local won = AA.await(AA.race({ double(5) }))
    local data = AA.await(AA.timeout(double(6), 2))
    local ok, err = AA.pcall(AA.await, double(7))
    if not ok and not AA.isCancelled(err) and AA.errorKind(err) == "TimedOut" then print(err) end
    local ok2 = AA.xpcall(function() AA.yield() end, function(e) return e end)
    return n, ready, first, won, data, ok2, AA.awaitAny(42), latest("x")
end)
local task = job()
task:andThen(function(a) print(a) end, function(e) print(e) end)
task:catch(function(_, e) print(e) end)
task:finally(function() end)
local t = AA.createTask(print, "hi"); AA.startTask(t); AA.joinTask(t)
AA.cancel(t, "closed"); AA.cancelAll("disabled")
AA.delay(5, print, "five seconds later")
AA.delay(1)
AA.setBudget({ ms = 4 }); AA.setBudget({ fraction = 0.1, max = 5, instanceCombatMs = 2 })
AA.traceCreation(true); AA.reportLongSlices(20); AA.reportLongSlices(false)
if AA.isFuture(task) then print(AA.schedule()) end
AA.scheduleAll()
print(AA.fromPromise(AA.toPromise(task)).state)
local loaded = AA.fromCallback(function(resolve, reject, onCancel)
  onCancel(function(reason) print("cancelled", reason) end)
  if AA.isFuture(task) then resolve(1, 2) else reject("not a future") end
end)
print(loaded.state)
local event, bag = AA.waitForAnyEvent({ "BAG_UPDATE", "BAG_UPDATE_DELAYED" }, function(name, b) return name ~= "BAG_UPDATE" or b == 0 end, 5)
print(event, bag)
local two = AA.limit(2)
print(two(print, "limited").state)
local later = AA.sleep(2)
if later then later:andThen(print) end
---@class MyEmbedder : AsyncAwait-1.0
local MyEmbedder = LibStub("AsyncAwait-1.0"):Embed({ name = "MyEmbedder" })
MyEmbedder.async(print)()
-- The class's earlier name, as a type and as a parent.
---@type AsyncAwait
local Old = LibStub("AsyncAwait-1.0").forAddon("Old")
---@class OldStyle : AsyncAwait
local OldStyle = { name = "OldStyle" }
Old.async(print)(OldStyle)
AA.addSourceMap("Interface/AddOns/Correct/Correct.lua", "main.ts:1,2,,4")
