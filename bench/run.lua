-- make bench: measures our scheduler against the floor (bench/floor.lua) and TSTL's native
-- async/await (bench/native/workloads.ts) on the same workloads, in one lua5.1 run; and the
-- same TypeScript compiled with our plugin (tstl-plugin: its async functions run as our tasks).
-- Prints a table and writes bench/results.json. `--tiny` runs every workload on small sizes
-- once (a smoke run for make test); figures from it mean nothing.
package.path = "simulator/?.lua;" .. package.path
local client = require("client")

local tiny = arg[1] == "--tiny"
local REPS = tiny and 1 or 7
local scale = tiny and 0.01 or 1
local function size(n) return math.max(2, math.floor(n * scale)) end

-- The three implementations, each a table of the same workload functions.
-- BENCH_ADDON=dir measures another build as "ours" (an earlier release, for before/after figures).
local function loadOurs()
  local sim = client.newSimulator()
  sim:loadAddon(os.getenv("BENCH_ADDON") or "addon/AsyncAwait")
  return dofile("bench/ours.lua")(sim.env.AsyncAwait)
end
-- The workloads' TypeScript compiled with the plugin, loaded as an addon's code is: in the
-- client's environment, next to the library (its live workload waits on a TSTL Promise, a
-- case the plugin does not speed up: not measured).
local function loadPlugin()
  local sim = client.newSimulator()
  sim:loadAddon(os.getenv("BENCH_ADDON") or "addon/AsyncAwait")
  local chunk = assert(loadfile("build/bench/plugin.lua"))
  setfenv(chunk, sim.env)
  local m = chunk()
  local AA = sim.env.AsyncAwait
  m.useRuntime(AA.yield, AA.scheduleAll)
  return { spawn = m.spawn, switch = m.switchTasks, await = m.awaitChildren, fanout = m.fanout }
end
local native = dofile("build/bench/native.lua")
local impls = {
  { name = "ours", w = loadOurs() },
  { name = "floor", w = dofile("bench/floor.lua") },
  { name = "tstl-native", w = {
    spawn = native.spawn, switch = native.switchTasks, await = native.awaitChildren,
    fanout = native.fanout, live = native.live,
  } },
  { name = "tstl-plugin", w = loadPlugin() },
}

local function median(list)
  table.sort(list)
  local n = #list
  if n % 2 == 1 then return list[(n + 1) / 2] end
  return (list[n / 2] + list[n / 2 + 1]) / 2
end

local clock = os.clock
local function kb() return collectgarbage("count") end

-- Runs `phase` with the collector stopped; returns elapsed seconds, bytes allocated and its value.
local function timed(phase, ...)
  local m0, t0 = kb(), clock()
  local value = phase(...)
  local t1, m1 = clock(), kb()
  return t1 - t0, (m1 - m0) * 1024, value
end

local function settle()
  collectgarbage("restart")
  collectgarbage("collect")
  collectgarbage("collect")
  collectgarbage("stop")
end

-- Runs `sample(impl)` REPS times for each implementation, interleaved across implementations
-- so that drift of the machine's speed affects all three alike; each sample returns ns and
-- bytes per unit, measured with the collector stopped. Returns the medians by implementation.
local function interleaved(sample, key)
  local ns, bytes = {}, {}
  local takers = {}
  for _, impl in ipairs(impls) do
    if impl.w[key] then
      takers[#takers + 1] = impl
      ns[impl.name], bytes[impl.name] = {}, {}
    end
  end
  for r = 1, REPS do
    for _, impl in ipairs(takers) do
      settle()
      ns[impl.name][r], bytes[impl.name][r] = sample(impl)
    end
  end
  collectgarbage("restart")
  local row = {}
  for _, impl in ipairs(takers) do
    row[impl.name] = { ns = median(ns[impl.name]), bytes = median(bytes[impl.name]) }
  end
  return row
end

-- A workload: ns and bytes per unit, after one checked warm-up run of each implementation.
local function measure(key, units, expected, args)
  for _, impl in ipairs(impls) do
    local got = impl.w[key] and impl.w[key](unpack(args))
    assert(not impl.w[key] or got == expected, ("%s %s: wrong result %s, expected %s"):format(impl.name, key, tostring(got), tostring(expected)))
  end
  return interleaved(function(impl)
    local dt, db, value = timed(impl.w[key], unpack(args))
    assert(value == expected, "wrong result")
    return dt * 1e9 / units, db / units
  end, key)
end

-- Live tasks: bytes per suspended task (setup) and ns per resume (release).
local function measureLive(n)
  for _, impl in ipairs(impls) do
    if impl.w.live then impl.w.live(n)() end -- warm-up
  end
  local row = interleaved(function(impl)
    local _, db, release = timed(impl.w.live, n)
    local dt, _, released = timed(release)
    assert(released == n, impl.name .. ": not every live task was released")
    return dt * 1e9 / n, db / n
  end, "live")
  row.n = n
  return row
end

local workloads = {
  { key = "spawn", unit = "task", args = { size(200000) },
    units = function(n) return n end, expect = function(n) return n * (n + 1) / 2 end },
  { key = "switch", unit = "yield", args = { size(1000), 200 },
    units = function(t, y) return t * y end, expect = function(t, y) return t * y end },
  { key = "await", unit = "await", args = { size(100), size(1000) },
    units = function(p, c) return p * c end, expect = function(p, c) return p * c * (c + 1) / 2 end },
  { key = "fanout", unit = "child", args = { size(10000) },
    units = function(n) return n end, expect = function(n) return n * (n + 1) / 2 end },
}
local liveSizes = { size(1000), size(10000), size(100000) }

local results = { workloads = {}, live = {}, reps = REPS, tiny = tiny }
local started = clock()
for _, w in ipairs(workloads) do
  local row = measure(w.key, w.units(unpack(w.args)), w.expect(unpack(w.args)), w.args)
  row.unit, row.args = w.unit, w.args
  results.workloads[w.key] = row
end
for _, n in ipairs(liveSizes) do
  results.live[#results.live + 1] = measureLive(n)
end
results.seconds = clock() - started

-- Report ----------------------------------------------------------------------------------
local lines = {}
local function out(fmt, ...) lines[#lines + 1] = fmt:format(...) end
out("%-8s %-6s %10s %10s %12s %10s %10s %10s %10s %12s",
  "workload", "unit", "ours ns", "floor ns", "native ns", "ours/flr", "ours/nat", "ours B", "floor B", "native B")
local order = { "spawn", "switch", "await", "fanout" }
for _, key in ipairs(order) do
  local r = results.workloads[key]
  r.ratioFloor = r.ours.ns / r.floor.ns
  r.ratioNative = r.ours.ns / r["tstl-native"].ns
  out("%-8s %-6s %10.0f %10.0f %12.0f %10.2f %10.2f %10.0f %10.0f %12.0f", key, r.unit,
    r.ours.ns, r.floor.ns, r["tstl-native"].ns, r.ratioFloor, r.ratioNative,
    r.ours.bytes, r.floor.bytes, r["tstl-native"].bytes)
end
out("")
out("%-12s %14s %14s %14s %12s %12s %12s", "live tasks", "ours ns/resume", "floor ns/res", "native ns/res",
  "ours B/task", "floor B/task", "native B/task")
for _, r in ipairs(results.live) do
  out("%-12d %14.0f %14.0f %14.0f %12.0f %12.0f %12.0f", r.n, r.ours.ns, r.floor.ns, r["tstl-native"].ns,
    r.ours.bytes, r.floor.bytes, r["tstl-native"].bytes)
end
out("")
out("%-8s %-6s %12s %12s %14s %10s %12s", "workload", "unit", "native ns", "plugin ns", "plugin/native", "native B", "plugin B")
for _, key in ipairs(order) do
  local r = results.workloads[key]
  r.ratioPlugin = r["tstl-plugin"].ns / r["tstl-native"].ns
  out("%-8s %-6s %12.0f %12.0f %14.2f %10.0f %12.0f", key, r.unit, r["tstl-native"].ns, r["tstl-plugin"].ns,
    r.ratioPlugin, r["tstl-native"].bytes, r["tstl-plugin"].bytes)
end

local W, L = results.workloads, results.live
-- The performance targets (time and memory; bench/instructions.sh prints the instruction ones).
results.targets = {
  { name = "spawn <= 0.8 x floor", value = W.spawn.ratioFloor, limit = 0.8 },
  { name = "switch <= 1.2 x floor", value = W.switch.ratioFloor, limit = 1.2 },
  { name = "await <= 0.9 x floor", value = W.await.ratioFloor, limit = 0.9 },
  { name = "fanout <= 0.9 x floor", value = W.fanout.ratioFloor, limit = 0.9 },
}
for _, r in ipairs(L) do
  local t = { name = ("resume at %d live <= 1.5 x floor's"):format(r.n), value = r.ours.ns / r.floor.ns, limit = 1.5 }
  results.targets[#results.targets + 1] = t
end
for _, key in ipairs(order) do
  local t = { name = ("plugin %s <= 0.25 x tstl-native"):format(key), value = W[key].ratioPlugin, limit = 0.25 }
  results.targets[#results.targets + 1] = t
end
local worstLive = 0
for _, r in ipairs(L) do worstLive = math.max(worstLive, r.ours.bytes) end
results.targets[#results.targets + 1] = { name = "garbage per spawned task <= 250 B", value = W.spawn.ours.bytes, limit = 250 }
results.targets[#results.targets + 1] = { name = "plugin garbage per spawned task <= 250 B", value = W.spawn["tstl-plugin"].bytes, limit = 250 }
results.targets[#results.targets + 1] = { name = "bytes per live suspended task <= 1200 B", value = worstLive, limit = 1200 }
out("")
for _, t in ipairs(results.targets) do
  t.met = t.value <= t.limit
  out("%-44s %9.2f  (limit %.2f)  %s", t.name, t.value, t.limit, t.met and "met" or "MISSED")
end
out("")
out("%d repetitions per figure (median), GC stopped while measuring; %.0f s in all%s", REPS, results.seconds,
  tiny and " (tiny smoke run: figures are meaningless)" or "")
print(table.concat(lines, "\n"))

-- JSON ------------------------------------------------------------------------------------
local function json(v, indent)
  indent = indent or ""
  local t = type(v)
  if t == "table" then
    local inner = indent .. "  "
    local parts = {}
    if #v > 0 or next(v) == nil then
      for i = 1, #v do parts[i] = inner .. json(v[i], inner) end
      return "[\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for i, k in ipairs(keys) do parts[i] = ("%s%q: %s"):format(inner, k, json(v[k], inner)) end
    return "{\n" .. table.concat(parts, ",\n") .. "\n" .. indent .. "}"
  elseif t == "number" then
    return v == math.floor(v) and ("%d"):format(v) or ("%.4f"):format(v)
  elseif t == "string" then
    return ("%q"):format(v)
  end
  return tostring(v)
end
local path = os.getenv("BENCH_OUT") or "bench/results.json"
local f = assert(io.open(path, "w"))
f:write(json(results), "\n")
f:close()
print("wrote " .. path)
