-- Consumer-view tests: plain Lua, luaunit. They load the built addon/AsyncAwait exactly as the
-- client does and use only the public API, as an addon author's code would.
package.path = "simulator/?.lua;spec/support/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")
local files = require("files")

local ADDON_DIR = "addon/AsyncAwait"

-- A fresh simulated client with the addon loaded the way the game loads it.
local function loadFresh()
  local sim = client.newSimulator()
  local before = client.globalNames(sim.env)
  sim:loadAddon(ADDON_DIR)
  return sim.env, before, sim
end

TestLoading = {}

function TestLoading:test_toc_lists_the_bundle_and_names_the_addon()
  local meta, files = client.readToc(ADDON_DIR .. "/AsyncAwait.toc")
  lu.assertEquals(files, { "LibStub\\LibStub.lua", "AsyncAwait.lua" })
  lu.assertEquals(meta.Title, "AsyncAwait")
  lu.assertStrMatches(meta.Version, "%d+%.%d+%.%d+")
  lu.assertNotNil(meta.Interface)
end

function TestLoading:test_defines_only_the_library_globals()
  local env, before = loadFresh()
  local added = {}
  for name in pairs(env) do
    if not before[name] then added[#added + 1] = name end
  end
  table.sort(added)
  -- The library, LibStub, and the /asyncawait and /aa slash command names.
  lu.assertEquals(added, { "AsyncAwait", "LibStub", "SLASH_ASYNCAWAIT1", "SLASH_ASYNCAWAIT2" })
end

function TestLoading:test_toc_version_matches_the_library_version()
  local env = loadFresh()
  local meta = client.readToc(ADDON_DIR .. "/AsyncAwait.toc")
  lu.assertEquals(env.AsyncAwait.version, meta.Version)
end

function TestLoading:test_registers_with_libstub_as_the_global_library()
  local env = loadFresh()
  local lib, minor = env.LibStub:GetLibrary("AsyncAwait-1.0")
  lu.assertIs(lib, env.AsyncAwait)
  local major, middle, patch = env.AsyncAwait.version:match("^(%d+)%.(%d+)%.(%d+)$")
  lu.assertEquals(minor, major * 10000 + middle * 100 + patch)
end

-- The function names in the first column of the README's API table: the documented surface
-- (a busted spec checks it against src/api/surface.ts, the one list the library derives from).
local function documentedApi()
  local section = files.read("README.md"):match("\n## API\n(.-)\n## ")
  local names, seen = {}, {}
  for row in section:gmatch("\n| ([^|]+) |") do
    for name in row:gmatch("`(%a+)%(") do
      if not seen[name] then seen[name] = true; names[#names + 1] = name end
    end
  end
  table.sort(names)
  return names
end

local function functionNames(t)
  local names = {}
  for name, value in pairs(t) do
    if type(value) == "function" then names[#names + 1] = name end
  end
  table.sort(names)
  return names
end

function TestLoading:test_publishes_exactly_the_documented_api()
  local env = loadFresh()
  local documented = documentedApi()
  lu.assertTrue(#documented >= 15)
  lu.assertEquals(functionNames(env.AsyncAwait), documented)
  lu.assertEquals(functionNames(env.AsyncAwait.forAddon("MyAddon")), documented)
  -- Besides the functions: the version string and the state kept for upgrades.
  for name, value in pairs(env.AsyncAwait) do
    if type(value) ~= "function" then lu.assertTrue(name == "version" or name == "_state", name) end
  end
end

TestUsage = {}

function TestUsage:setUp()
  self.A = loadFresh().AsyncAwait
end

function TestUsage:test_functions_work_as_plain_locals()
  local async, await, yield = self.A.async, self.A.await, self.A.yield
  local order = {}
  local worker = async(function(name, n)
    for i = 1, n do
      order[#order + 1] = name .. i
      yield()
    end
    return name, n
  end)
  local a, b = worker("a", 2), worker("b", 2)
  self.A.scheduleAll()
  lu.assertEquals(order, { "a1", "b1", "a2", "b2" })
  lu.assertEquals({ await(a) }, { "a", 2 })
  lu.assertEquals({ await(b) }, { "b", 2 })
end

function TestUsage:test_seed_batches_example()
  -- The seed's example: batches of numbers and strings printed by awaited tasks.
  local A, printed = self.A, {}
  local printValue = A.async(function(value) printed[#printed + 1] = tostring(value) end)
  local generateNumbers = A.async(function(count)
    local numbers = {}
    for i = 1, count do
      numbers[i] = i * 10
      A.yield()
    end
    return numbers
  end)
  local printValues = A.async(function(values)
    for i = 1, #values do
      if i % 2 == 1 then
        A.await(printValue, values[i]) -- inline, no task
      else
        A.await(printValue(values[i])) -- a task, awaited
      end
    end
  end)
  local main = A.async(function()
    for _ = 1, 2 do
      A.await(printValues(A.await(generateNumbers(3))))
    end
  end)
  local done = main()
  while A.schedule() do end
  lu.assertEquals(done.state, "dead")
  lu.assertEquals(printed, { "10", "20", "30", "10", "20", "30" })
end

function TestUsage:test_errors_reach_the_awaiter_unchanged()
  local A = self.A
  local payload = { reason = "no mana" }
  local failing = A.async(function() error(payload) end)
  local ok, err = pcall(A.await, failing())
  lu.assertFalse(ok)
  lu.assertIs(err, payload)
end

function TestUsage:test_bad_input_error_points_at_the_caller()
  local A = self.A
  local ok, err = pcall(function() A.await(nil) end)
  lu.assertFalse(ok)
  lu.assertStrMatches(err, ".-run%.lua:%d+: AsyncAwait: await%(future%): expected a future or an async function, got nil")
end

function TestUsage:test_two_loads_do_not_share_state()
  local other = loadFresh().AsyncAwait
  self.A.async(function() end)()
  lu.assertFalse(other.schedule())
  lu.assertTrue(self.A.schedule())
end

os.exit(lu.LuaUnit.run(...))
