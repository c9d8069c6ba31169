-- The global environment of a simulated client, before the WoW API (simulator/client.lua adds
-- it): only what the game client's Lua 5.1 offers (no require, io, package, dofile, loadfile,
-- table.unpack, no debug library, and os limited to time/clock/date).
local environment = {}

local SAFE_GLOBALS = {
  "assert", "collectgarbage", "error", "getfenv", "getmetatable", "ipairs", "loadstring",
  "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawset", "select", "setfenv",
  "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "gcinfo", "newproxy",
  "_VERSION",
}
-- No `debug`: the client has no debug library (debugstack stands in for debug.traceback).
local SAFE_LIBRARIES = { "coroutine", "math", "string", "table" }

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local function packAll(...)
  return { n = select("#", ...), ... }
end

-- Whether `f` can be called (a function, or a table or userdata whose metatable has __call).
local function callable(f)
  if type(f) == "function" then return true end
  local meta = (type(f) == "table" or type(f) == "userdata") and getmetatable(f)
  return type(meta) == "table" and rawget(meta, "__call") ~= nil
end

-- The client's xpcall(f, handler, ...) passes the arguments after the handler to f (stock Lua
-- 5.1's drops them), their count kept. A Lua function is called by a closure (a tail call: its
-- errors read as they would); a C function is called by pcall, as by C in the client (no caller
-- line in its errors), its error then given to the handler; what cannot be called gets the
-- builtin's error.
local function clientXpcall(f, handler, ...)
  local n = select("#", ...)
  if n == 0 or not callable(f) then return xpcall(f, handler) end
  if type(f) == "function" and debug.getinfo(f, "S").what == "C" then
    local results = packAll(pcall(f, ...))
    if results[1] then return unpack(results, 1, results.n) end
    return false, (handler(results[2]))
  end
  local args = { ... }
  return xpcall(function() return f(unpack(args, 1, n)) end, handler)
end

-- A fresh global environment shaped like the client's.
function environment.new()
  local env = {}
  for _, name in ipairs(SAFE_GLOBALS) do env[name] = _G[name] end
  env.xpcall = clientXpcall
  for _, name in ipairs(SAFE_LIBRARIES) do env[name] = copy(_G[name]) end
  env.table.unpack, env.table.pack = nil, nil
  env.os = { time = os.time, clock = os.clock, date = os.date }
  env._G = env
  return env
end

-- The names of an environment's globals, as a set.
function environment.globalNames(env)
  local names = {}
  for k in pairs(env) do names[k] = true end
  return names
end

return environment
