-- One workload of make bench, once, for bench/instructions.sh to count under callgrind.
--   lua5.1 bench/count.lua <ours|floor|addon dir> <spawn|switch|await|fanout> <scale>
-- The workload runs once at scale 1 as a warm-up, then at `scale`; the collector is stopped.
-- HEAP_PADDING=n allocates n small tables first.
package.path = "simulator/?.lua;" .. package.path
local client = require("client")

local impl, key, scale = arg[1], arg[2], tonumber(arg[3])
local w
if impl == "floor" then
  w = dofile("bench/floor.lua")
else
  local sim = client.newSimulator()
  sim:loadAddon(impl == "ours" and "addon/AsyncAwait" or impl)
  w = dofile("bench/ours.lua")(sim.env.AsyncAwait)
end
-- Small tables allocated first shift the heap's layout: instruction counts move by up to ~1%
-- with it (malloc's paths), so instructions.sh averages over a few layouts.
local padding = {}
for i = 1, tonumber(os.getenv("HEAP_PADDING") or 0) do padding[i] = { i } end
collectgarbage("stop")
-- Each size is 1000 units per scale step.
local args = {
  spawn = function(s) return 1000 * s end,
  switch = function(s) return 100, 10 * s end,
  await = function(s) return 10, 100 * s end,
  fanout = function(s) return 1000 * s end,
}
w[key](args[key](1))
if scale > 0 then w[key](args[key](scale)) end
