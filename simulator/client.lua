-- A WoW-like client for consumer tests: builds a global environment with only what the game
-- client's Lua 5.1 offers (no require, io, package, dofile, loadfile, table.unpack, no debug
-- library, and os limited to time/clock/date), reads an addon folder's TOC and runs each listed Lua file the
-- way the client does: the file's chunk is called with the addon name and the addon's private
-- table, with the shared environment as its globals.
--
-- This module assembles the simulator from its parts, each a function of one world table
-- (simulator/world.lua): errors, frames, timers, clock, flavor, globals, chat, addons, loop.
local environment = require("environment")
local toc = require("toc")
local world = require("world")

-- In the order they are called: a part may use what an earlier one published on the world.
local PARTS = {
  require("errors"), require("frames"), require("timers"), require("clock"), require("flavor"),
  require("globals"), require("chat"), require("addons"), require("loop"),
}

local client = {}

-- A fresh global environment shaped like the client's.
client.newEnvironment = environment.new

-- The names of an environment's globals, as a set.
client.globalNames = environment.globalNames

-- Parses a TOC file: returns its metadata (## Key: value) and the list of files it loads.
client.readToc = toc.read

-- Loads the addon in `dir` (its TOC named after the folder) into `env`. Returns the addon's
-- private table and its TOC metadata.
function client.loadAddon(env, dir, name)
  name = name or dir:match("([^/]+)/*$")
  local meta, files = toc.read(dir .. "/" .. name .. ".toc")
  local private = {}
  for _, file in ipairs(files) do
    local path = dir .. "/" .. file:gsub("\\", "/")
    local chunk = assert(loadstring(toc.readFile(path), "@" .. path))
    setfenv(chunk, env)
    chunk(name, private)
  end
  return private, meta
end

--------------------------------------------------------------------------------------------------
-- The simulator: a deterministic, offline stand-in for the game client. One shared environment
-- (client.newEnvironment plus the WoW API the parts add) that addons are loaded into, and a frame loop
-- driven by the test: sim:runFrame() delivers queued events, fires due C_Timer callbacks, then
-- calls OnUpdate of visible frames. Time is virtual: GetTime() advances once per frame, and
-- debugprofilestop() advances with frames and with sim:burn(ms). Nothing reads the real clock.
--------------------------------------------------------------------------------------------------

-- options: frameTime (seconds, default 1/60), startTime (GetTime() before the first frame,
-- default 1000), epoch (os.time() before the first frame, default 1700000000), seed (math.random,
-- default 1), profileStep (ms each debugprofilestop() call burns, default 0), buildInfo (the
-- four GetBuildInfo() values; an interface number below 100000 makes a Classic flavor, which
-- does not know retail-only events), unknownEvents (event names RegisterEvent raises for, in
-- place of the flavor's list), restrictions (whether the client has addon restrictions,
-- C_RestrictedActions and ADDON_RESTRICTION_STATE_CHANGED; default true: every flavor has them,
-- false makes a client from before them).
function client.newSimulator(options)
  options = options or {}
  if type(options) ~= "table" then
    error("client.newSimulator(options): options must be a table or nil, got " .. type(options), 2)
  end
  local w = world.new(options, environment.new())
  for _, part in ipairs(PARTS) do part(w) end
  return w.sim
end

return client
