-- A WoW-like client for consumer tests: builds a global environment with only what the game
-- client's Lua 5.1 offers (no require, io, package, dofile, loadfile, table.unpack, and os
-- limited to time/clock/date), reads an addon folder's TOC and runs each listed Lua file the
-- way the client does: the file's chunk is called with the addon name and the addon's private
-- table, with the shared environment as its globals.
local client = {}

local SAFE_GLOBALS = {
  "assert", "collectgarbage", "error", "getfenv", "getmetatable", "ipairs", "loadstring",
  "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawset", "select", "setfenv",
  "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "gcinfo", "newproxy",
  "_VERSION",
}
local SAFE_LIBRARIES = { "coroutine", "math", "string", "table", "debug" }

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- A fresh global environment shaped like the client's.
function client.newEnvironment()
  local env = {}
  for _, name in ipairs(SAFE_GLOBALS) do env[name] = _G[name] end
  for _, name in ipairs(SAFE_LIBRARIES) do env[name] = copy(_G[name]) end
  env.table.unpack, env.table.pack = nil, nil
  env.os = { time = os.time, clock = os.clock, date = os.date }
  env._G = env
  return env
end

-- The names of an environment's globals, as a set.
function client.globalNames(env)
  local names = {}
  for k in pairs(env) do names[k] = true end
  return names
end

local function readFile(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

-- Parses a TOC file: returns its metadata (## Key: value) and the list of files it loads.
function client.readToc(path)
  local meta, files = {}, {}
  for line in readFile(path):gmatch("[^\r\n]+") do
    local key, value = line:match("^##%s*([^:]+):%s*(.-)%s*$")
    if key then
      meta[key] = value
    elseif not line:match("^%s*#") and line:match("%S") then
      files[#files + 1] = (line:gsub("%s+$", ""))
    end
  end
  return meta, files
end

-- Loads the addon in `dir` (its TOC named after the folder) into `env`. Returns the addon's
-- private table and its TOC metadata.
function client.loadAddon(env, dir, name)
  name = name or dir:match("([^/]+)/*$")
  local meta, files = client.readToc(dir .. "/" .. name .. ".toc")
  local private = {}
  for _, file in ipairs(files) do
    local path = dir .. "/" .. file:gsub("\\", "/")
    local chunk = assert(loadstring(readFile(path), "@" .. path))
    setfenv(chunk, env)
    chunk(name, private)
  end
  return private, meta
end

return client
