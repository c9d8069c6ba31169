-- The compiled bundle against Lua 5.1's limits: a function holds at most 200 active locals and
-- 60 upvalues, and the compiler refuses more. TSTL compiles each module to one function whose
-- locals are the module's top-level names and imports, so a growing module (the scheduler above
-- all: its state lives in locals on purpose) creeps toward the limit. This test prints each
-- module's counts from `luac5.1 -l` and fails well before the limits.
package.path = "simulator/?.lua;" .. package.path
local lu = require("luaunit")

local BUNDLE = "addon/AsyncAwait/AsyncAwait.lua"
local MAX_LOCALS = 120   -- of Lua's 200, for a module's top-level function
-- The scheduler holds only the per-resume path, its state in locals: its ceiling keeps room for
-- that path to grow (what is not on it belongs in a cold module: see scheduler.ts).
local MAX_LOCALS_OF = { ["core.scheduler"] = 100 }
local MAX_UPVALUES = 40  -- of Lua's 60, for any function

-- { name, first, last } for each module of the bundle, from its `["name"] = function(...)` line.
local function modules()
  local list, n = {}, 0
  for line in io.lines(BUNDLE) do
    n = n + 1
    local name = line:match('^%["([%w%.]+)"%] = function%(%.%.%.%)')
    if name then
      if #list > 0 then list[#list].last = n - 1 end
      list[#list + 1] = { name = name, first = n, last = math.huge }
    end
  end
  return list
end

-- Every function luac lists: { first, upvalues, locals }.
local function functions()
  local pipe = assert(io.popen("luac5.1 -p -l " .. BUNDLE))
  local list, pending = {}, nil
  for line in pipe:lines() do
    local first = line:match("^%a+ <[^:]+:(%d+),%d+>")
    if first then
      pending = tonumber(first)
    elseif pending then
      local upvalues = tonumber(line:match("(%d+) upvalues?"))
      local locals = tonumber(line:match("(%d+) locals?"))
      list[#list + 1] = { first = pending, upvalues = upvalues, locals = locals }
      pending = nil
    end
  end
  pipe:close()
  return list
end

TestLimits = {}

function TestLimits:test_modules_stay_well_below_lua_limits()
  local fns = functions()
  lu.assertTrue(#fns > 50, "luac listed the bundle's functions")
  local problems = {}
  print(("\n  %-24s %8s %14s"):format("module", "locals", "max upvalues"))
  local seen = {}
  for _, m in ipairs(modules()) do
    seen[m.name] = true
    local locals, upvalues = 0, 0
    for _, f in ipairs(fns) do
      if f.first == m.first then locals = f.locals end
      if f.first >= m.first and f.first <= m.last then upvalues = math.max(upvalues, f.upvalues) end
    end
    print(("  %-24s %8d %14d"):format(m.name, locals, upvalues))
    if locals > (MAX_LOCALS_OF[m.name] or MAX_LOCALS) then problems[#problems + 1] = ("%s: %d locals"):format(m.name, locals) end
    if upvalues > MAX_UPVALUES then problems[#problems + 1] = ("%s: %d upvalues"):format(m.name, upvalues) end
  end
  for name in pairs(MAX_LOCALS_OF) do
    if not seen[name] then problems[#problems + 1] = name .. ": not in the bundle (renamed? update MAX_LOCALS_OF)" end
  end
  lu.assertEquals(problems, {})
end

os.exit(lu.LuaUnit.run(...))
