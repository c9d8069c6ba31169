-- The TypeScript examples, built from the packed package by spec/package/build.sh, loaded in the
-- client simulator the way the client loads addons: alone, next to the standalone AsyncAwait
-- addon (before and after it), and next to Lua addons that embed other copies of the library.
--   lua5.1 spec/package/consumer.lua <build.sh's out dir>
package.path = "simulator/?.lua;spec/support/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")
local files = require("files")
local read, write = files.read, files.write

local OUT = os.getenv("CONSUMER_OUT") or "build/consumer"
local STANDALONE = "addon/AsyncAwait"
local FROZEN = "spec/fixtures/releases/0.1.0/AsyncAwait"

-- A Lua addon embedding the library copy in `copyDir` (its version patched when given).
local function luaEmbedder(name, copyDir, version)
  local dir = OUT .. "/lua/" .. name
  local bundle = read(copyDir .. "/AsyncAwait.lua")
  if version then bundle = bundle:gsub('VERSION = "%d+%.%d+%.%d+"', 'VERSION = "' .. version .. '"') end
  write(dir .. "/Libs/AsyncAwait/AsyncAwait.lua", bundle)
  write(dir .. "/Libs/AsyncAwait/LibStub/LibStub.lua", read(copyDir .. "/LibStub/LibStub.lua"))
  write(dir .. "/Libs/AsyncAwait/lib.xml", read(copyDir .. "/lib.xml"))
  write(dir .. "/" .. name .. ".toc", "## Interface: 120100\n## Title: " .. name .. "\nLibs\\AsyncAwait\\lib.xml\nmain.lua\n")
  write(dir .. "/main.lua", [[
local AA = LibStub("AsyncAwait-1.0")
AA.async(function() AA.waitForEvent("PLAYER_LOGIN"); AA.sleep(0.05); print("]] .. name .. [[: ran") end)()
]])
  return dir
end

local function example(name, mode)
  return OUT .. "/" .. name .. "-" .. mode .. "/addon/" .. name
end

-- Loads `dirs` in order, logs in, runs frames (firing BAG_UPDATE(0) on the way); returns the sim.
local function run(dirs)
  local sim = client.newSimulator()
  for _, dir in ipairs(dirs) do sim:loadAddon(dir) end
  sim:login()
  sim:runFrames(5)
  sim:fireEvent("BAG_UPDATE", 0)
  sim:runFrames(20)
  return sim
end

local function said(sim, text)
  for _, line in ipairs(sim.chat) do
    if line == text then return true end
  end
  return false
end

local BUNDLED_SAYS = "TsBundled: 42 ready (initial login: true)"
local BUNDLED_CONTROL_SAYS = "TsBundled: false TimedOut 2+4 true"
local LIBSTUB_SAYS = "TsLibStub: bag 0"
-- TsPlugin: 0+2+4+6 from the method's loop, Promise.all of double(5) and triple(5), a
-- TypeScriptToLua promise, a plain value; then the try/catch/finally steps.
local PLUGIN_SAYS = { "TsPlugin: 12 10 15 a promise 7 (initial login: true)", "TsPlugin: t3ffce3ff returned" }

-- The one error report that mentions `text`.
local function errorWith(sim, text)
  local found
  for _, message in ipairs(sim.errors) do
    if message:find(text, 1, true) then
      lu.assertNil(found, "two reports mention " .. text)
      found = message
    end
  end
  lu.assertNotNil(found, "no report mentions " .. text .. ": " .. table.concat(sim.errors, "\n"))
  return found
end

local function checkRuns(sim, ...)
  lu.assertEquals(sim.errors, {})
  for _, text in ipairs({ ... }) do
    lu.assertTrue(said(sim, text), text .. " not in chat: " .. table.concat(sim.chat, " | "))
  end
  -- One scheduler for everyone: the library table LibStub holds runs it.
  lu.assertNotNil(sim.env.LibStub("AsyncAwait-1.0")._state.core)
end

TestConsumers = {}

-- The files a TOC loads, in order.
local function tocFiles(dir, name)
  local files = {}
  for line in read(dir .. "/" .. name .. ".toc"):gmatch("[^\r\n]+") do
    if not line:match("^#") and line:match("%S") then files[#files + 1] = line end
  end
  return files
end

-- default and strict: build.sh's two tsconfig modes; floor: the lowest typescript-to-lua the
-- package's peer range accepts.
for _, mode in ipairs({ "default", "strict", "floor" }) do
  local bundled, libstub = example("TsBundled", mode), example("TsLibStub", mode)
  local suffix = "_" .. mode

  TestConsumers["test_bundled_alone" .. suffix] = function()
    checkRuns(run({ bundled }), BUNDLED_SAYS, BUNDLED_CONTROL_SAYS)
  end
  TestConsumers["test_bundled_brings_its_own_libstub" .. suffix] = function()
    -- Import and go: the TOC loads the bundle alone, and the bundle installs LibStub.
    lu.assertEquals(tocFiles(bundled, "TsBundled"), { "TsBundled.lua" })
    lu.assertEquals(tocFiles(example("TsPlugin", mode), "TsPlugin"), { "TsPlugin.lua" })
    local sim = client.newSimulator()
    lu.assertNil(sim.env.LibStub)
    sim:loadAddon(bundled)
    lu.assertEquals(sim.env.LibStub.minor, 2)
    lu.assertNotNil(sim.env.LibStub("AsyncAwait-1.0")._state.core)
  end
  TestConsumers["test_bundled_after_the_standalone_addon" .. suffix] = function()
    local sim = run({ STANDALONE, bundled })
    checkRuns(sim, BUNDLED_SAYS, BUNDLED_CONTROL_SAYS)
    lu.assertIs(sim.env.AsyncAwait, sim.env.LibStub("AsyncAwait-1.0"))
  end
  TestConsumers["test_bundled_before_the_standalone_addon" .. suffix] = function()
    local sim = run({ bundled, STANDALONE })
    checkRuns(sim, BUNDLED_SAYS, BUNDLED_CONTROL_SAYS)
    lu.assertIs(sim.env.AsyncAwait, sim.env.LibStub("AsyncAwait-1.0"))
  end
  TestConsumers["test_bundled_next_to_lua_addons_embedding_older_and_newer_copies" .. suffix] = function()
    local sim = run({ luaEmbedder("OldLua", FROZEN), bundled, luaEmbedder("NewerLua", STANDALONE, "0.9.0") })
    checkRuns(sim, BUNDLED_SAYS, BUNDLED_CONTROL_SAYS, "OldLua: ran", "NewerLua: ran")
    lu.assertEquals(sim.env.LibStub("AsyncAwait-1.0").version, "0.9.0")
  end
  TestConsumers["test_types_only_with_its_embedded_copy" .. suffix] = function()
    checkRuns(run({ libstub }), LIBSTUB_SAYS)
  end
  TestConsumers["test_types_only_after_the_standalone_addon" .. suffix] = function()
    checkRuns(run({ STANDALONE, libstub }), LIBSTUB_SAYS)
  end
  TestConsumers["test_both_examples_and_the_standalone_addon_share_one_driver" .. suffix] = function()
    local sim = run({ bundled, STANDALONE, libstub })
    checkRuns(sim, BUNDLED_SAYS, BUNDLED_CONTROL_SAYS, LIBSTUB_SAYS)
    local AA = sim.env.LibStub("AsyncAwait-1.0")
    AA.async(function() AA.nextFrame(); AA.nextFrame() end)()
    sim:runFrame()
    lu.assertEquals(sim.stats.lastFrameOnUpdateCalls, 1)
  end

  local plugin = example("TsPlugin", mode)
  TestConsumers["test_plugin_async_functions_run_as_tasks" .. suffix] = function()
    local sim = run({ plugin })
    lu.assertEquals(#sim.errors, 2, table.concat(sim.errors, "\n"))
    -- The errors are the rejection nobody awaits, reported with the .ts file and line of its
    -- async function and of the failing statement, and a plain function's failure, at its line.
    local rejection, plain = errorWith(sim, "TsPlugin: an unhandled rejection"), errorWith(sim, "a plain function failed")
    lu.assertStrContains(rejection, "unhandled error in a task of TsPlugin: TsPlugin: an unhandled rejection")
    lu.assertStrContains(rejection, "made at main.ts:61")
    lu.assertStrContains(rejection, "\nmain.ts:63: in function")
    lu.assertStrContains(plain, ": main.ts:70: TsPlugin: a plain function failed\n")
    lu.assertStrContains(plain, "made at main.ts:69")
    for _, text in ipairs(PLUGIN_SAYS) do
      lu.assertTrue(said(sim, text), text .. " not in chat: " .. table.concat(sim.chat, " | "))
    end
  end
  TestConsumers["test_plugin_after_the_standalone_addon" .. suffix] = function()
    local sim = run({ STANDALONE, plugin })
    lu.assertEquals(#sim.errors, 2, table.concat(sim.errors, "\n"))
    -- The library that reports is the standalone addon's: the line map reached it too.
    lu.assertStrContains(errorWith(sim, "an unhandled rejection"), "\nmain.ts:63: in function")
    lu.assertStrContains(errorWith(sim, "a plain function failed"), ": main.ts:70: TsPlugin: a plain function failed\n")
    -- Where each async function was made reaches the copy that runs, though the bundled copy's
    -- async() made it; and the task is the addon's.
    lu.assertStrContains(errorWith(sim, "a plain function failed"), "made at main.ts:69")
    lu.assertStrContains(errorWith(sim, "a plain function failed"), "unhandled error in a task of TsPlugin:")
    lu.assertStrContains(errorWith(sim, "an unhandled rejection"), "made at main.ts:61")
    for _, text in ipairs(PLUGIN_SAYS) do
      lu.assertTrue(said(sim, text), text .. " not in chat: " .. table.concat(sim.chat, " | "))
    end
    lu.assertIs(sim.env.AsyncAwait, sim.env.LibStub("AsyncAwait-1.0"))
  end
end

os.exit(lu.LuaUnit.run(...))
