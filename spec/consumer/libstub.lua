-- Consumer tests for our LibStub (build/libstub/LibStub.lua, compiled from src/libstub/libstub.ts):
-- plain Lua, luaunit. Each test loads the file into a fresh client-like environment the way the
-- client runs an addon file, and drives it the way addons do (colon calls, LibStub(major)).
--   lua5.1 spec/consumer/libstub.lua --output tap
package.path = "simulator/?.lua;spec/support/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")
local files = require("files")

local LIBSTUB_PATH = "build/libstub/LibStub.lua"

local OURS = files.read(LIBSTUB_PATH)

-- Runs Lua source in `env` as the client runs an addon file: globals from `env`, called with the
-- addon name and the addon's private table.
local function run(env, source, chunkname)
  local chunk = assert(loadstring(source, chunkname))
  setfenv(chunk, env)
  return chunk("SomeAddon", {})
end

local function loadOurs(env)
  run(env, OURS, "@" .. LIBSTUB_PATH)
  return env.LibStub
end

-- Runs `code` as an addon's chunk named "caller" and returns pcall's results, so that an error
-- raised at level 2 by LibStub starts with "caller:<line>:".
local function callFrom(env, code)
  local chunk = assert(loadstring(code, "=caller"))
  setfenv(chunk, env)
  return pcall(chunk)
end

-- A stand-in for the standard LibStub, written for these tests from its documented behaviour:
-- it installs itself only when no LibStub exists or the existing one has a lower minor; it keeps
-- the existing table (and its libs and minors) when it upgrades; NewLibrary reads the first run
-- of digits of the minor and raises with assert; GetLibrary raises at level 2; the table is
-- callable as GetLibrary. `minor` lets the tests build an older and a newer copy too.
local function standardStandIn(minor)
  return ([[
local wanted = %d
local registry = LibStub
if registry and registry.minor >= wanted then return end
registry = registry or { libs = {}, minors = {} }
LibStub = registry
registry.minor = wanted

registry.NewLibrary = function(self, major, minor)
  assert(type(major) == "string", "Bad argument #2 to `NewLibrary' (string expected)")
  local revision = tonumber(string.match(minor, "%%d+"))
  assert(revision, "Minor version must either be a number or contain a number.")
  local previous = self.minors[major]
  if previous and previous >= revision then return nil end
  self.libs[major] = self.libs[major] or {}
  self.minors[major] = revision
  return self.libs[major], previous
end

registry.GetLibrary = function(self, major, silent)
  local lib = self.libs[major]
  if not lib and not silent then
    error(string.format("Cannot find a library instance of %%q.", tostring(major)), 2)
  end
  return lib, self.minors[major]
end

registry.IterateLibraries = function(self)
  return pairs(self.libs)
end

setmetatable(registry, { __call = registry.GetLibrary })
]]):format(minor)
end

local function loadStandIn(env, minor)
  run(env, standardStandIn(minor), "=StandardLibStub" .. minor)
  return env.LibStub
end

-- The methods of a LibStub table, to compare identities before and after a load.
local function methodsOf(stub)
  return {
    NewLibrary = stub.NewLibrary,
    GetLibrary = stub.GetLibrary,
    IterateLibraries = stub.IterateLibraries,
    call = getmetatable(stub).__call,
  }
end

local function assertSameMethods(actual, expected)
  for name, fn in pairs(expected) do
    lu.assertIs(actual[name], fn, name)
  end
end

---------------------------------------------------------------------------------------------------
TestLibStubFile = {}

function TestLibStubFile:test_defines_exactly_one_global()
  local env = client.newEnvironment()
  local before = client.globalNames(env)
  loadOurs(env)
  local added = {}
  for name in pairs(env) do
    if not before[name] then added[#added + 1] = name end
  end
  lu.assertEquals(added, { "LibStub" })
end

function TestLibStubFile:test_publishes_the_standard_shape()
  local LibStub = loadOurs(client.newEnvironment())
  lu.assertIsTable(LibStub)
  lu.assertEquals(LibStub.minor, 2)
  lu.assertIsTable(LibStub.libs)
  lu.assertIsTable(LibStub.minors)
  lu.assertIsFunction(LibStub.NewLibrary)
  lu.assertIsFunction(LibStub.GetLibrary)
  lu.assertIsFunction(LibStub.IterateLibraries)
  lu.assertIs(getmetatable(LibStub).__call, LibStub.GetLibrary)
end

function TestLibStubFile:test_methods_take_self_as_colon_calls_pass_it()
  lu.assertStrContains(OURS, "NewLibrary = function(self, major, minor)")
  lu.assertStrContains(OURS, "GetLibrary = function(self, major, silent)")
  lu.assertStrContains(OURS, "IterateLibraries = function(self)")
end

function TestLibStubFile:test_needs_no_lualib_helper()
  lu.assertNil(OURS:find("__TS__", 1, true))
end

function TestLibStubFile:test_loading_it_again_changes_nothing()
  local env = client.newEnvironment()
  local LibStub = loadOurs(env)
  local lib = LibStub:NewLibrary("Kept-1.0", 1)
  local methods = methodsOf(LibStub)
  loadOurs(env)
  lu.assertIs(env.LibStub, LibStub)
  assertSameMethods(methodsOf(env.LibStub), methods)
  lu.assertIs(LibStub:GetLibrary("Kept-1.0"), lib)
end

---------------------------------------------------------------------------------------------------
TestNewLibrary = {}

function TestNewLibrary:setUp()
  self.env = client.newEnvironment()
  self.LibStub = loadOurs(self.env)
end

function TestNewLibrary:test_a_new_major_gets_a_new_table_and_no_old_minor()
  local LibStub = self.LibStub
  local lib, oldMinor = LibStub:NewLibrary("Fresh-1.0", 1)
  lu.assertIsTable(lib)
  lu.assertNil(oldMinor)
  lu.assertIs(LibStub.libs["Fresh-1.0"], lib)
  lu.assertEquals(LibStub.minors["Fresh-1.0"], 1)
end

function TestNewLibrary:test_the_same_minor_again_returns_nil()
  local LibStub = self.LibStub
  LibStub:NewLibrary("Same-1.0", 3)
  lu.assertEquals(select("#", LibStub:NewLibrary("Same-1.0", 3)), 1)
  lu.assertNil((LibStub:NewLibrary("Same-1.0", 3)))
  lu.assertEquals(LibStub.minors["Same-1.0"], 3)
end

function TestNewLibrary:test_an_older_minor_returns_nil_and_changes_nothing()
  local LibStub = self.LibStub
  local lib = LibStub:NewLibrary("Older-1.0", 5)
  lu.assertNil((LibStub:NewLibrary("Older-1.0", 4)))
  lu.assertEquals(LibStub.minors["Older-1.0"], 5)
  lu.assertIs(LibStub.libs["Older-1.0"], lib)
end

function TestNewLibrary:test_a_newer_minor_upgrades_the_same_table_in_place()
  local LibStub = self.LibStub
  local lib = LibStub:NewLibrary("Up-1.0", 1)
  lib.state = { live = true }
  local upgraded, oldMinor = LibStub:NewLibrary("Up-1.0", 2)
  lu.assertIs(upgraded, lib)
  lu.assertEquals(oldMinor, 1)
  lu.assertEquals(upgraded.state, { live = true })
  lu.assertEquals(LibStub.minors["Up-1.0"], 2)
end

function TestNewLibrary:test_a_library_file_loads_once_per_revision()
  -- The usual library file: bail out when an equal or newer copy is registered.
  local env = self.env
  local function libraryFile(minor)
    return ([[
local lib, oldMinor = LibStub:NewLibrary("Counter-1.0", %d)
if not lib then return end
lib.loads = (lib.loads or 0) + 1
lib.minor, lib.upgradedFrom = %d, oldMinor
]]):format(minor, minor)
  end
  run(env, libraryFile(1), "=Counter1")
  run(env, libraryFile(3), "=Counter3")
  run(env, libraryFile(2), "=Counter2")
  run(env, libraryFile(3), "=Counter3again")
  local lib, minor = env.LibStub("Counter-1.0")
  lu.assertEquals(minor, 3)
  lu.assertEquals(lib.loads, 2)
  lu.assertEquals(lib.minor, 3)
  lu.assertEquals(lib.upgradedFrom, 1)
end

function TestNewLibrary:test_a_revision_string_counts_by_its_first_digits()
  local LibStub = self.LibStub
  local lib = LibStub:NewLibrary("Rev-1.0", "$Revision: 42 $")
  lu.assertIsTable(lib)
  lu.assertEquals(LibStub.minors["Rev-1.0"], 42)
  lu.assertNil((LibStub:NewLibrary("Rev-1.0", "$Revision: 41 $")))
  lu.assertNil((LibStub:NewLibrary("Rev-1.0", 42)))
  local again, oldMinor = LibStub:NewLibrary("Rev-1.0", "r43 build 9000")
  lu.assertIs(again, lib)
  lu.assertEquals(oldMinor, 42)
  lu.assertEquals(LibStub.minors["Rev-1.0"], 43)
end

function TestNewLibrary:test_a_number_minor_counts_by_its_digits_as_the_standard_does()
  local LibStub = self.LibStub
  LibStub:NewLibrary("Frac-1.0", 2.5)
  lu.assertEquals(LibStub.minors["Frac-1.0"], 2)
end

function TestNewLibrary:test_a_major_that_is_not_a_string_raises_at_the_caller()
  for _, bad in ipairs({ "nil", "42", "{}", "true" }) do
    local ok, err = callFrom(self.env, "local x = 1\nLibStub:NewLibrary(" .. bad .. ", 1)")
    lu.assertFalse(ok)
    lu.assertStrMatches(err, "caller:2: LibStub: NewLibrary%(major, minor%): major must be a string, got .*")
  end
  local _, err = callFrom(self.env, "LibStub:NewLibrary(42, 1)")
  lu.assertEquals(err, "caller:1: LibStub: NewLibrary(major, minor): major must be a string, got number (42)")
  lu.assertNil(next(self.LibStub.libs))
end

function TestNewLibrary:test_a_minor_without_digits_raises_at_the_caller()
  for _, bad in ipairs({ '"abc"', '"$Revision$"', "nil", "{}", "true" }) do
    local ok, err = callFrom(self.env, "LibStub:NewLibrary(\"Bad-1.0\", " .. bad .. ")")
    lu.assertFalse(ok)
    lu.assertStrMatches(err,
      "caller:1: LibStub: NewLibrary%(major, minor%): minor must be a number or a string containing one, got .*")
  end
  local _, err = callFrom(self.env, 'LibStub:NewLibrary("Bad-1.0", "abc")')
  lu.assertStrContains(err, 'got string ("abc")')
  lu.assertNil(self.LibStub.libs["Bad-1.0"])
  lu.assertNil(self.LibStub.minors["Bad-1.0"])
end

---------------------------------------------------------------------------------------------------
TestGetLibrary = {}

function TestGetLibrary:setUp()
  self.env = client.newEnvironment()
  self.LibStub = loadOurs(self.env)
  self.lib = self.LibStub:NewLibrary("Found-1.0", 7)
end

function TestGetLibrary:test_returns_the_library_and_its_minor()
  local lib, minor = self.LibStub:GetLibrary("Found-1.0")
  lu.assertIs(lib, self.lib)
  lu.assertEquals(minor, 7)
end

function TestGetLibrary:test_calling_the_table_is_GetLibrary()
  local lib, minor = self.LibStub("Found-1.0")
  lu.assertIs(lib, self.lib)
  lu.assertEquals(minor, 7)
end

function TestGetLibrary:test_a_missing_library_raises_at_the_caller()
  local ok, err = callFrom(self.env, 'LibStub:GetLibrary("Nope-1.0")')
  lu.assertFalse(ok)
  lu.assertEquals(err, 'caller:1: Cannot find a library instance of "Nope-1.0".')
end

function TestGetLibrary:test_a_missing_library_raises_at_the_caller_through_the_call_too()
  local ok, err = callFrom(self.env, 'local a = 1\n\nlocal lib = LibStub("Nope-1.0")')
  lu.assertFalse(ok)
  lu.assertEquals(err, 'caller:3: Cannot find a library instance of "Nope-1.0".')
  local _, nilErr = callFrom(self.env, "LibStub(nil)")
  lu.assertEquals(nilErr, 'caller:1: Cannot find a library instance of "nil".')
end

function TestGetLibrary:test_silent_returns_nil_for_a_missing_library()
  local ok, lib, minor = callFrom(self.env, 'return LibStub:GetLibrary("Nope-1.0", true)')
  lu.assertTrue(ok)
  lu.assertNil(lib)
  lu.assertNil(minor)
  lu.assertNil(self.LibStub("Nope-1.0", true))
end

function TestGetLibrary:test_IterateLibraries_visits_every_library()
  local LibStub = self.LibStub
  local other = LibStub:NewLibrary("Other-2.0", "$Revision: 3 $")
  local seen = {}
  for major, lib in LibStub:IterateLibraries() do seen[major] = lib end
  lu.assertEquals(seen, { ["Found-1.0"] = self.lib, ["Other-2.0"] = other })
  lu.assertIs(seen["Other-2.0"], other)
end

---------------------------------------------------------------------------------------------------
-- Interoperation with the standard LibStub and with older and newer copies.
TestInterop = {}

function TestInterop:test_standard_first_then_ours_keeps_the_standard()
  local env = client.newEnvironment()
  local standard = loadStandIn(env, 2)
  local a = standard:NewLibrary("A-1.0", 1)
  local methods = methodsOf(standard)
  loadOurs(env)
  lu.assertIs(env.LibStub, standard)
  lu.assertEquals(env.LibStub.minor, 2)
  assertSameMethods(methodsOf(env.LibStub), methods)
  local b = env.LibStub:NewLibrary("B-1.0", 1)
  lu.assertIs(env.LibStub("A-1.0"), a)
  lu.assertIs(env.LibStub("B-1.0"), b)
  lu.assertNil((env.LibStub:NewLibrary("A-1.0", 1)))
end

function TestInterop:test_ours_first_then_standard_keeps_ours()
  local env = client.newEnvironment()
  local ours = loadOurs(env)
  local a = ours:NewLibrary("A-1.0", 1)
  local methods = methodsOf(ours)
  loadStandIn(env, 2)
  lu.assertIs(env.LibStub, ours)
  assertSameMethods(methodsOf(env.LibStub), methods)
  local b = env.LibStub:NewLibrary("B-1.0", 1)
  lu.assertIs(env.LibStub:GetLibrary("A-1.0"), a)
  lu.assertIs(env.LibStub("B-1.0"), b)
  local seen = {}
  for major in env.LibStub:IterateLibraries() do seen[#seen + 1] = major end
  table.sort(seen)
  lu.assertEquals(seen, { "A-1.0", "B-1.0" })
end

function TestInterop:test_both_orders_interleaved_with_libraries_keep_one_registry()
  -- Addon 1 embeds the standard LibStub and a library; addon 2 embeds ours and a newer
  -- revision of the same library; addon 3 embeds the standard one again.
  for _, order in ipairs({ { "standard", "ours", "standard" }, { "ours", "standard", "ours" } }) do
    local env = client.newEnvironment()
    local loaders = { standard = function() loadStandIn(env, 2) end, ours = function() loadOurs(env) end }
    loaders[order[1]]()
    local stub = env.LibStub
    local v1 = stub:NewLibrary("Shared-1.0", 1)
    loaders[order[2]]()
    local v2, old = env.LibStub:NewLibrary("Shared-1.0", 2)
    loaders[order[3]]()
    lu.assertIs(env.LibStub, stub)
    lu.assertIs(v2, v1)
    lu.assertEquals(old, 1)
    lu.assertEquals({ env.LibStub("Shared-1.0") }, { v1, 2 })
  end
end

function TestInterop:test_ours_upgrades_an_older_stub_in_place()
  local env = client.newEnvironment()
  local old = loadStandIn(env, 1)
  local a = old:NewLibrary("A-1.0", "$Revision: 10 $")
  local oldNewLibrary = old.NewLibrary
  loadOurs(env)
  lu.assertIs(env.LibStub, old)
  lu.assertEquals(old.minor, 2)
  lu.assertNotIs(old.NewLibrary, oldNewLibrary)
  lu.assertStrContains(select(2, callFrom(env, "LibStub:NewLibrary(42, 1)")), "LibStub: NewLibrary(major, minor)")
  lu.assertEquals({ old:GetLibrary("A-1.0") }, { a, 10 })
  lu.assertIs(old("A-1.0"), a)
  local upgraded, oldMinor = old:NewLibrary("A-1.0", 11)
  lu.assertIs(upgraded, a)
  lu.assertEquals(oldMinor, 10)
  -- A standard minor 2 loaded afterwards leaves the upgraded table alone.
  local methods = methodsOf(old)
  loadStandIn(env, 2)
  lu.assertIs(env.LibStub, old)
  assertSameMethods(methodsOf(env.LibStub), methods)
end

function TestInterop:test_ours_upgrades_a_stub_without_a_minor_keeping_its_libraries()
  local env = client.newEnvironment()
  local lib = {}
  env.LibStub = { libs = { ["Ancient-1.0"] = lib }, minors = { ["Ancient-1.0"] = 1 } }
  local ancient = env.LibStub
  loadOurs(env)
  lu.assertIs(env.LibStub, ancient)
  lu.assertEquals(ancient.minor, 2)
  lu.assertIs(env.LibStub("Ancient-1.0"), lib)
end

function TestInterop:test_ours_leaves_a_newer_stub_alone()
  local env = client.newEnvironment()
  local newer = loadStandIn(env, 3)
  local a = newer:NewLibrary("A-1.0", 1)
  local methods = methodsOf(newer)
  loadOurs(env)
  lu.assertIs(env.LibStub, newer)
  lu.assertEquals(newer.minor, 3)
  assertSameMethods(methodsOf(env.LibStub), methods)
  lu.assertIs(env.LibStub("A-1.0"), a)
end

os.exit(lu.LuaUnit.run(...))
