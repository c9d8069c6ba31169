-- Runs one case compiled by TypeScriptToLua with the plugin (compare.sh), as an addon's code
-- runs: in the client simulator's environment, next to the built library, then frames until
-- nothing is left to run. Prints what the case logs, then "unhandled: <error>" for each error
-- the library reported as unhandled (as node-preload.js prints node's), anything else the
-- error handler received as "error: ...".
--   lua5.1 spec/plugin/run.lua <case.lua> [--no-start-now | --no-start-new]
-- --no-start-now: the library as a copy without starts inside the caller (startNow) offers it,
-- to which the plugin's async functions fall back by queueing their tasks. --no-start-new: as
-- a copy with startNow but not startNew (a task made and started in one call), completeNew nor
-- awaitTask offers it, to which they fall back by making the task, then starting it, and
-- awaiting futures with await.
package.path = "simulator/?.lua;" .. package.path
local client = require("client")

local file = assert(arg[1], "usage: run.lua <case.lua>")
local dir = file:match("^(.*)/[^/]+$") or "."

local sim = client.newSimulator()
sim:loadAddon("addon/AsyncAwait")
local env = sim.env
if arg[2] == "--no-start-now" then
  env.LibStub("AsyncAwait-1.0")._state.core.startNow = nil
elseif arg[2] == "--no-start-new" then
  local core = env.LibStub("AsyncAwait-1.0")._state.core
  core.startNew, core.completeNew, core.awaitTask = nil, nil, nil
end
env.console = {
  log = function(...)
    local parts = {}
    for i = 1, select("#", ...) do parts[i] = tostring((select(i, ...))) end
    io.write(table.concat(parts, " "), "\n")
  end,
}
-- TypeScriptToLua's lualib (luaLibImport "require"), loaded in the client's environment.
local loaded = {}
env.require = function(name)
  if loaded[name] == nil then
    local chunk = assert(loadfile(dir .. "/" .. name:gsub("%.", "/") .. ".lua"))
    setfenv(chunk, env)
    loaded[name] = chunk() or true
  end
  return loaded[name]
end

local chunk = assert(loadfile(file))
setfenv(chunk, env)
local ok, err = pcall(chunk)
if not ok then io.write("error: ", tostring(err), "\n") end
sim:login()
for _ = 1, 200 do
  sim:runFrame()
end
for _, message in ipairs(sim.errors) do
  local reason = message:match("^AsyncAwait: unhandled error in a task of PluginCases: (.-)\n")
    or message:match("^AsyncAwait: unhandled error in a task of PluginCases: (.-)$")
  io.write(reason and ("unhandled: " .. reason) or ("error: " .. message), "\n")
end
