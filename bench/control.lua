-- Control features (part of make bench): combinators, cancellation and pcall, each against the
-- plain mechanism it replaces, measured in the same run in the client simulator. Medians of 7
-- runs (15 alternating pairs for the ratios), garbage collector stopped.
--   all:     await(all(futures)) over 10k futures of tasks that return at once, against a loop
--            awaiting each (both spawn the 10k tasks and run them)
--   cancel:  cancelling n sleepers and n event waiters, for n = 2.5k, 5k, 10k, 20k: time per
--            task should not grow with n (linear), and nothing may stay registered
--   pcall:   AA.pcall(fn) inside a task, against Lua's pcall(fn) plus one coroutine created and
--            resumed (the cost the classic coroutine-wrapping approach cannot avoid)
package.path = "simulator/?.lua;" .. package.path
local client = require("client")

-- --tiny: each workload once at small sizes (a smoke run for make test); figures mean nothing.
local tiny = arg[1] == "--tiny"
local RUNS = tiny and 1 or 7
local ADDON = os.getenv("BENCH_ADDON") or "addon/AsyncAwait"

local function median(list)
  table.sort(list)
  return list[math.floor((#list + 1) / 2)]
end

-- Runs `setup()` then times `work(state)` RUNS times; the median in seconds.
local function timed(setup, work)
  local times = {}
  for i = 1, RUNS do
    local state = setup()
    collectgarbage("collect")
    collectgarbage("stop")
    local t0 = os.clock()
    work(state)
    times[i] = os.clock() - t0
    collectgarbage("restart")
  end
  return median(times)
end

-- Times `a` and `b` alternately (each after its own `setup()`), PAIRS times, so that a slower
-- stretch of the machine weighs on both: the medians of each and of the per-pair ratios a/b.
local PAIRS = tiny and 1 or 15
local function paired(setup, a, b)
  local ta, tb, ratios = {}, {}, {}
  for i = 1, PAIRS do
    for _, side in ipairs({ "a", "b" }) do
      local state = setup()
      collectgarbage("collect")
      collectgarbage("stop")
      local t0 = os.clock()
      if side == "a" then a(state) else b(state) end
      local t = os.clock() - t0
      collectgarbage("restart")
      if side == "a" then ta[i] = t else tb[i] = t end
    end
    ratios[i] = ta[i] / tb[i]
  end
  return median(ta), median(tb), median(ratios)
end

local function game()
  local sim = client.newSimulator()
  sim:loadAddon(ADDON)
  sim:login()
  local AA = sim.env.AsyncAwait
  AA.setBudget({ ms = 1e9 }) -- one frame runs everything: no budget in the measurement
  return { sim = sim, AA = AA }
end

-- all over 10k futures against a loop of awaits
local N = tiny and 100 or 10000
local function collector(useAll)
  return function(g)
    local AA = g.AA
    local leaf = AA.async(function(i) return i end)
    local done
    AA.async(function()
      local futures = {}
      for i = 1, N do futures[i] = leaf(i) end
      if useAll then
        local r = AA.await(AA.all(futures))
        done = r[N]
      else
        local last
        for i = 1, N do last = AA.await(futures[i]) end
        done = last
      end
    end)()
    AA.scheduleAll()
    assert(done == N, "the workload ran")
  end
end
local allTime, loopTime, ratio = paired(game, collector(true), collector(false))
print(("control: all over %d futures %.2f ms, a loop of awaits %.2f ms: %.2fx (median of %d paired runs; target <= 1.2x)")
  :format(N, allTime * 1000, loopTime * 1000, ratio, PAIRS))

-- cancelling n sleepers and n event waiters
local function parked(n, kind)
  return function()
    local g = game()
    local AA = g.AA
    local wait = kind == "sleep" and AA.async(function() AA.sleep(100) end)
      or AA.async(function() AA.waitForEvent("BAG_UPDATE") end)
    local tasks = {}
    for i = 1, n do tasks[i] = wait() end
    g.sim:runFrame()
    g.tasks = tasks
    return g
  end
end
local function cancelEach(g)
  local cancel = g.AA.cancel
  for i = 1, #g.tasks do cancel(g.tasks[i]) end
end
local LEFT = tiny and 100 or 10000
for _, kind in ipairs({ "sleep", "event" }) do
  local parts = {}
  for _, n in ipairs(tiny and { 50, 100 } or { 2500, 5000, 10000, 20000 }) do
    local t = timed(parked(n, kind), cancelEach)
    parts[#parts + 1] = ("%d: %.2f us each"):format(n, t / n * 1e6)
  end
  local g = parked(LEFT, kind)()
  cancelEach(g)
  local wow = g.AA._state.wow
  local left = wow.heapLen + (wow.events.BAG_UPDATE and #wow.events.BAG_UPDATE or 0)
  local registered = g.AA._state.wow.frame:IsEventRegistered("BAG_UPDATE")
  print(("control: cancelling %s waiters, %s; after %d: %d left, BAG_UPDATE %s")
    :format(kind, table.concat(parts, ", "), LEFT, left, registered and "still registered" or "unregistered"))
end

-- AA.pcall inside a task against Lua's pcall plus one coroutine
local CALLS = tiny and 100 or 100000
local function body(x) return x end
local function inTask(g, fn)
  local done = false
  g.AA.async(function() fn(); done = true end)()
  g.AA.scheduleAll()
  assert(done)
end
local builtin = timed(game, function(g)
  inTask(g, function() for i = 1, CALLS do pcall(body, i) end end)
end)
local ours, floor, pcallRatio = paired(game, function(g)
  local pcallAsync = g.AA.pcall
  inTask(g, function() for i = 1, CALLS do pcallAsync(body, i) end end)
end, function(g)
  local create, resume = coroutine.create, coroutine.resume
  inTask(g, function() for i = 1, CALLS do pcall(body, i); resume(create(body), i) end end)
end)
print(("control: AA.pcall in a task %.3f us, Lua's pcall %.3f us, pcall plus a coroutine %.3f us: %.2fx of that (target <= 2x)")
  :format(ours / CALLS * 1e6, builtin / CALLS * 1e6, floor / CALLS * 1e6, pcallRatio))
