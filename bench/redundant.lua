-- A copy of the library that is not newer than the registered one (an addon embedding the same
-- or an older version): what loading it costs, in time and in memory kept after a full collect.
-- Part of make bench.   lua5.1 bench/redundant.lua [addon dir]
package.path = "simulator/?.lua;" .. package.path
local client = require("client")

local dir = arg[1] or "addon/AsyncAwait"
local COPIES = 200

local function read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

local sim = client.newSimulator()
sim:loadAddon(dir)
local bundle = read(dir .. "/AsyncAwait.lua")
local function kb()
  collectgarbage("collect")
  collectgarbage("collect")
  return collectgarbage("count")
end

local before = kb()
local start = os.clock()
for i = 1, COPIES do
  -- What the client does for each embedding addon's file: compile it, run it with (name, private).
  local chunk = assert(sim.env.loadstring(bundle, "@Embedder" .. i .. "/Libs/AsyncAwait/AsyncAwait.lua"))
  chunk("Embedder" .. i, {})
end
local ms = (os.clock() - start) * 1000 / COPIES
local kept = (kb() - before) * 1024 / COPIES
print(("redundant copy: %.2f ms to load, %.0f B kept (mean of %d copies of %s)"):format(ms, kept, COPIES, dir))
