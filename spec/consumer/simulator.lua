-- Tests of the offline WoW client simulator (simulator/client.lua) itself: plain Lua,
-- luaunit. Run from the repository root: lua5.1 spec/consumer/simulator.lua --output tap
package.path = "simulator/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")

local FIXTURE = "spec/fixtures/SimFixture"
local BROKEN = "spec/fixtures/SimBroken"
local FRAME = 1 / 60

-- Calls fn and returns its error message (fails the test when fn does not raise).
local function errorOf(fn, ...)
  local ok, err = pcall(fn, ...)
  lu.assertFalse(ok, "expected an error")
  return tostring(err)
end

TestSandbox = {}

function TestSandbox:test_lacks_what_the_client_lacks()
  local env = client.newSimulator().env
  for _, name in ipairs({ "require", "io", "package", "dofile", "loadfile", "module" }) do
    lu.assertNil(env[name], name)
  end
  lu.assertNil(env.table.unpack)
  lu.assertNil(env.table.pack)
  local osNames = {}
  for k in pairs(env.os) do osNames[#osNames + 1] = k end
  table.sort(osNames)
  lu.assertEquals(osNames, { "clock", "date", "time" })
  lu.assertIs(env._G, env)
end

function TestSandbox:test_provides_the_wow_api()
  local env = client.newSimulator().env
  for _, name in ipairs({
    "CreateFrame", "GetTime", "debugprofilestop", "GetFramerate", "InCombatLockdown",
    "geterrorhandler", "seterrorhandler", "debugstack", "strmatch", "strfind", "strsub", "strlen",
    "strlower", "strupper", "format", "gsub", "strsplit", "strjoin", "strtrim", "wipe", "tinsert",
    "tremove", "GetBuildInfo", "print", "hooksecurefunc",
  }) do
    lu.assertIsFunction(env[name], name)
  end
  lu.assertIsFunction(env.C_Timer.After)
  lu.assertIsFunction(env.C_Timer.NewTimer)
  lu.assertIsFunction(env.C_Timer.NewTicker)
  lu.assertIsTable(env.SlashCmdList)
  lu.assertIsFunction(env.DEFAULT_CHAT_FRAME.AddMessage)
end

function TestSandbox:test_loadstring_and_getfenv0_see_the_sandbox()
  local env = client.newSimulator().env
  local chunk = assert(env.loadstring("return require, GetTime ~= nil, getfenv(0) == _G"))
  local req, hasGetTime, sameG = chunk()
  lu.assertNil(req)
  lu.assertTrue(hasGetTime)
  lu.assertTrue(sameG)
end

function TestSandbox:test_simulators_are_independent()
  local a, b = client.newSimulator(), client.newSimulator()
  a.env.CreateFrame("Frame", "OnlyInA")
  a:runFrames(3)
  lu.assertNotNil(a.env.OnlyInA)
  lu.assertNil(b.env.OnlyInA)
  lu.assertEquals(b.env.GetTime(), 1000)
  lu.assertIsNil(rawget(_G, "OnlyInA"))
end

function TestSandbox:test_random_is_seeded_deterministically()
  local a, b = client.newSimulator(), client.newSimulator()
  local c = client.newSimulator({ seed = 7 })
  local xs, ys, zs = {}, {}, {}
  for i = 1, 5 do
    xs[i], ys[i], zs[i] = a.env.math.random(1, 100), b.env.random(1, 100), c.env.math.random(1, 100)
    lu.assertTrue(xs[i] >= 1 and xs[i] <= 100)
  end
  lu.assertEquals(xs, ys)
  lu.assertNotEquals(xs, zs)
  local r = a.env.math.random()
  lu.assertTrue(r >= 0 and r < 1)
end

TestClock = {}

function TestClock:test_gettime_starts_positive_and_advances_once_per_frame()
  local sim = client.newSimulator()
  local env = sim.env
  lu.assertEquals(env.GetTime(), 1000)
  local seen = {}
  local f = env.CreateFrame("Frame")
  f:SetScript("OnUpdate", function()
    local t = env.GetTime()
    sim:burn(5) -- slow code does not move GetTime() within the frame
    seen[#seen + 1] = { t, env.GetTime() }
  end)
  sim:runFrame()
  lu.assertAlmostEquals(seen[1][1], 1000 + FRAME, 1e-9)
  lu.assertEquals(seen[1][2], seen[1][1])
  sim:runFrame(0.5)
  lu.assertAlmostEquals(seen[2][1], 1000 + FRAME + 0.5, 1e-9)
end

function TestClock:test_burn_advances_debugprofilestop_and_lengthens_the_frame()
  local sim = client.newSimulator()
  local env = sim.env
  local elapsedSeen = {}
  local f = env.CreateFrame("Frame")
  f:SetScript("OnUpdate", function(_, elapsed) elapsedSeen[#elapsedSeen + 1] = elapsed end)
  sim:runFrame()
  local t0, p0 = env.GetTime(), env.debugprofilestop()
  lu.assertAlmostEquals(p0, t0 * 1000, 1e-6)
  lu.assertEquals(env.debugprofilestop(), p0) -- no burn, no movement
  sim:burn(40)
  lu.assertAlmostEquals(env.debugprofilestop(), p0 + 40, 1e-9)
  lu.assertEquals(env.GetTime(), t0)
  sim:runFrame()
  lu.assertAlmostEquals(elapsedSeen[2], FRAME + 0.040, 1e-9)
  lu.assertAlmostEquals(env.GetTime(), t0 + FRAME + 0.040, 1e-9)
  lu.assertAlmostEquals(env.debugprofilestop(), env.GetTime() * 1000, 1e-6)
  lu.assertAlmostEquals(env.GetFramerate(), 1 / (FRAME + 0.040), 1e-6)
  sim:runFrame()
  lu.assertAlmostEquals(elapsedSeen[3], FRAME, 1e-9) -- the burn counted once
end

function TestClock:test_burn_inside_a_frame_counts_toward_the_next_one()
  local sim = client.newSimulator({ frameTime = 0.01 })
  local env = sim.env
  local elapsedSeen = {}
  local f = env.CreateFrame("Frame")
  f:SetScript("OnUpdate", function(_, elapsed)
    elapsedSeen[#elapsedSeen + 1] = elapsed
    if #elapsedSeen == 1 then
      local before = env.debugprofilestop()
      sim:burn(25)
      lu.assertAlmostEquals(env.debugprofilestop() - before, 25, 1e-9)
    end
  end)
  sim:runFrames(3)
  lu.assertAlmostEquals(elapsedSeen[1], 0.01, 1e-12)
  lu.assertAlmostEquals(elapsedSeen[2], 0.035, 1e-12)
  lu.assertAlmostEquals(elapsedSeen[3], 0.01, 1e-12)
end

function TestClock:test_profile_step_option_burns_per_call()
  local sim = client.newSimulator({ profileStep = 0.5 })
  local a = sim.env.debugprofilestop()
  local b = sim.env.debugprofilestop()
  lu.assertAlmostEquals(b - a, 0.5, 1e-9)
end

function TestClock:test_os_time_and_clock_are_virtual()
  local sim = client.newSimulator({ epoch = 1234567890 })
  lu.assertEquals(sim.env.os.time(), 1234567890)
  lu.assertEquals(sim.env.os.clock(), 0)
  sim:runFrame(2.5)
  lu.assertEquals(sim.env.time(), 1234567892)
  lu.assertAlmostEquals(sim.env.os.clock(), 2.5, 1e-9)
  lu.assertIsString(sim.env.date("%Y"))
end

TestFrameOrder = {}

function TestFrameOrder:test_events_then_timers_then_onupdate()
  local sim = client.newSimulator()
  local env, order = sim.env, {}
  local updater = env.CreateFrame("Frame")
  updater:SetScript("OnUpdate", function() order[#order + 1] = "update" end)
  local listener = env.CreateFrame("Frame")
  listener:RegisterEvent("SOME_EVENT")
  listener:SetScript("OnEvent", function(_, event) order[#order + 1] = event end)
  env.C_Timer.After(0, function() order[#order + 1] = "timer" end)
  sim:fireEvent("SOME_EVENT")
  sim:runFrame()
  lu.assertEquals(order, { "SOME_EVENT", "timer", "update" })
end

function TestFrameOrder:test_onupdate_in_creation_order_with_elapsed_and_stats()
  local sim = client.newSimulator()
  local env, calls = sim.env, {}
  for i = 1, 3 do
    local f = env.CreateFrame("Frame")
    f:SetScript("OnUpdate", function(self, elapsed)
      lu.assertIs(self, f)
      calls[#calls + 1] = { i, elapsed }
    end)
  end
  env.CreateFrame("Frame") -- no OnUpdate: not called, not counted
  sim:runFrame(0.25)
  lu.assertEquals(calls, { { 1, 0.25 }, { 2, 0.25 }, { 3, 0.25 } })
  lu.assertEquals(sim.stats.frames, 1)
  lu.assertEquals(sim.stats.lastFrameOnUpdateCalls, 3)
  sim:runFrames(2)
  lu.assertEquals(sim.stats.frames, 3)
  lu.assertEquals(sim.stats.onUpdateCalls, 9)
end

function TestFrameOrder:test_runframe_cannot_nest()
  local sim = client.newSimulator()
  local f = sim.env.CreateFrame("Frame")
  f:SetScript("OnUpdate", function() sim:runFrame() end)
  sim:runFrame()
  lu.assertEquals(#sim.errors, 1)
  lu.assertStrContains(tostring(sim.errors[1]), "called from inside a frame")
end

function TestFrameOrder:test_methods_need_a_colon()
  local sim = client.newSimulator()
  lu.assertStrContains(errorOf(sim.runFrame), "sim:runFrame(...)")
  lu.assertStrContains(errorOf(sim.runFrame, sim, -1), "non-negative")
  lu.assertStrContains(errorOf(sim.runFrames, sim, 1.5), "integer")
  lu.assertStrContains(errorOf(sim.burn, sim, "x"), "sim:burn(ms)")
end

TestFrames = {}

function TestFrames:test_frames_start_shown_and_hide_stops_onupdate()
  local sim = client.newSimulator()
  local f = sim.env.CreateFrame("Frame")
  local n = 0
  f:SetScript("OnUpdate", function() n = n + 1 end)
  lu.assertTrue(f:IsShown())
  lu.assertTrue(f:IsVisible())
  sim:runFrames(2)
  f:Hide()
  lu.assertFalse(f:IsShown())
  sim:runFrames(2)
  lu.assertEquals(n, 2)
  lu.assertEquals(sim.stats.lastFrameOnUpdateCalls, 0)
  f:Show()
  sim:runFrame()
  lu.assertEquals(n, 3)
end

function TestFrames:test_hidden_parent_hides_children()
  local sim = client.newSimulator()
  local env = sim.env
  local parent = env.CreateFrame("Frame")
  local child = env.CreateFrame("Frame", nil, parent)
  local n = 0
  child:SetScript("OnUpdate", function() n = n + 1 end)
  lu.assertIs(child:GetParent(), parent)
  parent:Hide()
  lu.assertTrue(child:IsShown())
  lu.assertFalse(child:IsVisible())
  sim:runFrame()
  lu.assertEquals(n, 0)
  child:SetParent(nil)
  lu.assertNil(child:GetParent())
  sim:runFrame()
  lu.assertEquals(n, 1)
end

function TestFrames:test_hide_during_the_pass_skips_a_later_frame()
  local sim = client.newSimulator()
  local env, calls = sim.env, {}
  local second
  local first = env.CreateFrame("Frame")
  first:SetScript("OnUpdate", function(self)
    calls[#calls + 1] = "first"
    second:Hide()
    self:SetScript("OnUpdate", nil)
  end)
  second = env.CreateFrame("Frame")
  second:SetScript("OnUpdate", function() calls[#calls + 1] = "second" end)
  sim:runFrames(2)
  lu.assertEquals(calls, { "first" })
end

function TestFrames:test_setscript_nil_clears_and_getscript_returns_handler()
  local sim = client.newSimulator()
  local f = sim.env.CreateFrame("Frame")
  local n = 0
  local function handler() n = n + 1 end
  f:SetScript("OnUpdate", handler)
  lu.assertIs(f:GetScript("OnUpdate"), handler)
  sim:runFrame()
  f:SetScript("OnUpdate", nil)
  lu.assertNil(f:GetScript("OnUpdate"))
  sim:runFrames(3)
  lu.assertEquals(n, 1)
end

function TestFrames:test_hookscript_runs_after_the_handler_and_setscript_drops_hooks()
  local sim = client.newSimulator()
  local f, order = sim.env.CreateFrame("Frame"), {}
  f:HookScript("OnUpdate", function() order[#order + 1] = "hook-as-handler" end)
  f:HookScript("OnUpdate", function() order[#order + 1] = "hook" end)
  sim:runFrame()
  lu.assertEquals(order, { "hook-as-handler", "hook" })
  f:SetScript("OnUpdate", function() order[#order + 1] = "new" end)
  sim:runFrame()
  lu.assertEquals(order, { "hook-as-handler", "hook", "new" })
end

function TestFrames:test_onshow_and_onhide()
  local sim = client.newSimulator()
  local f, log = sim.env.CreateFrame("Frame"), {}
  f:SetScript("OnShow", function() log[#log + 1] = "show" end)
  f:SetScript("OnHide", function() log[#log + 1] = "hide" end)
  f:Show() -- already shown: nothing
  f:Hide()
  f:Hide()
  f:SetShown(true)
  lu.assertEquals(log, { "hide", "show" })
end

function TestFrames:test_named_frames_are_globals()
  local sim = client.newSimulator()
  local env = sim.env
  local f = env.CreateFrame("Button", "MyButton", env.UIParent)
  lu.assertIs(env.MyButton, f)
  lu.assertEquals(f:GetName(), "MyButton")
  lu.assertEquals(f:GetObjectType(), "Button")
  lu.assertTrue(f:IsObjectType("Frame"))
  lu.assertNil(env.CreateFrame("Frame"):GetName())
  local child = env.CreateFrame("Frame", "$parentChild", "MyButton")
  lu.assertEquals(child:GetName(), "MyButtonChild")
  lu.assertIs(child:GetParent(), f)
  f.custom = 42 -- frames are tables addons may annotate
  lu.assertEquals(f.custom, 42)
  lu.assertEquals(type(f[0]), "userdata")
end

function TestFrames:test_misuse_raises_clear_errors()
  local sim = client.newSimulator()
  local env = sim.env
  local f = env.CreateFrame("Frame")
  lu.assertStrContains(errorOf(env.CreateFrame, "Nope"), 'Unknown frame type "Nope"')
  lu.assertStrContains(errorOf(env.CreateFrame), "frameType must be a string")
  lu.assertStrContains(errorOf(env.CreateFrame, "Frame", 5), "name must be a string")
  lu.assertStrContains(errorOf(env.CreateFrame, "Frame", nil, {}), "parent must be a frame")
  lu.assertStrContains(errorOf(f.Show), "use frame:Show(...) with a colon")
  lu.assertStrContains(errorOf(f.SetScript, f, "OnClick", print), 'Frame doesn\'t have a "OnClick" script')
  lu.assertStrContains(errorOf(f.SetScript, f, "OnUpdate", 42), "must be a function or nil")
  lu.assertStrContains(errorOf(f.RegisterEvent, f, "lowercase"), "unknown event")
  lu.assertStrContains(errorOf(f.SetParent, f, f), "own ancestor")
  -- The position points at the caller.
  local chunk = assert(env.loadstring("CreateFrame('Bogus')", "=addon.lua"))
  lu.assertStrContains(errorOf(chunk), "addon.lua:1:")
end

function TestFrames:test_a_frame_created_during_the_pass_updates_from_the_next_frame()
  local sim = client.newSimulator()
  local env, calls = sim.env, {}
  local creator = env.CreateFrame("Frame")
  creator:SetScript("OnUpdate", function(self)
    self:SetScript("OnUpdate", nil)
    env.CreateFrame("Frame"):SetScript("OnUpdate", function() calls[#calls + 1] = sim.stats.frames end)
  end)
  sim:runFrames(2)
  lu.assertEquals(calls, { 2 })
end

TestEvents = {}

function TestEvents:test_delivery_in_registration_order_with_arguments()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local a, b = env.CreateFrame("Frame", "A"), env.CreateFrame("Frame", "B")
  local function onEvent(self, event, ...)
    got[#got + 1] = { self:GetName(), event, select("#", ...), ... }
  end
  a:SetScript("OnEvent", onEvent)
  b:SetScript("OnEvent", onEvent)
  b:RegisterEvent("UNIT_HEALTH")
  a:RegisterEvent("UNIT_HEALTH")
  lu.assertTrue(a:IsEventRegistered("UNIT_HEALTH"))
  sim:fireEvent("UNIT_HEALTH", "player", nil)
  lu.assertEquals(got, {}) -- queued until the next frame
  sim:runFrame()
  lu.assertEquals(got, { { "B", "UNIT_HEALTH", 2, "player" }, { "A", "UNIT_HEALTH", 2, "player" } })
  lu.assertEquals(sim.stats.eventsDelivered, 2)
end

function TestEvents:test_unregister_and_hidden_frames()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local f = env.CreateFrame("Frame")
  f:SetScript("OnEvent", function(_, event) got[#got + 1] = event end)
  f:RegisterEvent("E_ONE")
  f:RegisterEvent("E_TWO")
  f:Hide() -- hidden frames still get events
  sim:fireEvent("E_ONE")
  sim:fireEvent("E_TWO")
  sim:fireEvent("E_THREE")
  sim:runFrame()
  lu.assertEquals(got, { "E_ONE", "E_TWO" })
  f:UnregisterEvent("E_ONE")
  lu.assertFalse(f:IsEventRegistered("E_ONE"))
  sim:fireEvent("E_ONE")
  sim:fireEvent("E_TWO")
  sim:runFrame()
  lu.assertEquals(got, { "E_ONE", "E_TWO", "E_TWO" })
  f:UnregisterAllEvents()
  sim:fireEvent("E_TWO")
  sim:runFrame()
  lu.assertEquals(#got, 3)
end

function TestEvents:test_unregistering_during_delivery_skips_the_later_frame()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local second
  local first = env.CreateFrame("Frame")
  first:RegisterEvent("PING")
  first:SetScript("OnEvent", function() got[#got + 1] = "first"; second:UnregisterEvent("PING") end)
  second = env.CreateFrame("Frame")
  second:RegisterEvent("PING")
  second:SetScript("OnEvent", function() got[#got + 1] = "second" end)
  sim:fireEvent("PING")
  sim:runFrame()
  lu.assertEquals(got, { "first" })
end

function TestEvents:test_events_fired_during_a_frame_arrive_next_frame()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local f = env.CreateFrame("Frame")
  f:RegisterEvent("PING")
  f:RegisterEvent("PONG")
  f:SetScript("OnEvent", function(_, event)
    got[#got + 1] = event .. "@" .. sim.stats.frames
    if event == "PING" then sim:fireEvent("PONG") end
  end)
  sim:fireEvent("PING")
  sim:runFrames(3)
  lu.assertEquals(got, { "PING@1", "PONG@2" })
end

function TestEvents:test_combat_state_and_regen_events()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local f = env.CreateFrame("Frame")
  f:RegisterEvent("PLAYER_REGEN_DISABLED")
  f:RegisterEvent("PLAYER_REGEN_ENABLED")
  f:SetScript("OnEvent", function(_, event) got[#got + 1] = event end)
  lu.assertFalse(env.InCombatLockdown())
  sim:setCombat(true)
  sim:setCombat(true) -- no change, no event
  lu.assertTrue(env.InCombatLockdown())
  sim:runFrame()
  sim:setCombat(false)
  lu.assertFalse(env.InCombatLockdown())
  sim:runFrame()
  lu.assertEquals(got, { "PLAYER_REGEN_DISABLED", "PLAYER_REGEN_ENABLED" })
end

function TestEvents:test_bad_event_names()
  local sim = client.newSimulator()
  lu.assertStrContains(errorOf(sim.fireEvent, sim, nil), "bad event name")
  lu.assertStrContains(errorOf(sim.setCombat, sim, 1), "boolean")
end

TestTimers = {}

function TestTimers:test_after_fires_in_the_frame_that_reaches_its_deadline()
  local sim = client.newSimulator({ frameTime = 0.1 })
  local env, firedAt = sim.env, nil
  env.C_Timer.After(0.25, function() firedAt = env.GetTime() end)
  sim:runFrames(2)
  lu.assertNil(firedAt)
  sim:runFrame()
  lu.assertAlmostEquals(firedAt, 1000.3, 1e-9)
  lu.assertEquals(sim.stats.timersFired, 1)
end

function TestTimers:test_exact_deadline_fires_despite_float_sums()
  local sim = client.newSimulator()
  local fired = false
  sim.env.C_Timer.After(0.1, function() fired = true end) -- six frames of 1/60
  sim:runFrames(5)
  lu.assertFalse(fired)
  sim:runFrame()
  lu.assertTrue(fired)
end

function TestTimers:test_deadline_order_then_creation_order()
  local sim = client.newSimulator()
  local env, order = sim.env, {}
  env.C_Timer.After(0.010, function() order[#order + 1] = "b" end)
  env.C_Timer.After(0.005, function() order[#order + 1] = "a" end)
  env.C_Timer.After(0.010, function() order[#order + 1] = "c" end)
  env.C_Timer.NewTimer(0.010, function() order[#order + 1] = "d" end)
  sim:runFrame()
  lu.assertEquals(order, { "a", "b", "c", "d" })
end

function TestTimers:test_newtimer_cancel_and_handle_argument()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local kept = env.C_Timer.NewTimer(0, function(handle) got[#got + 1] = handle end)
  local cancelled = env.C_Timer.NewTimer(0, function() got[#got + 1] = "cancelled ran" end)
  lu.assertFalse(cancelled:IsCancelled())
  cancelled:Cancel()
  lu.assertTrue(cancelled:IsCancelled())
  sim:runFrames(3)
  lu.assertEquals(#got, 1)
  lu.assertIs(got[1], kept)
  lu.assertFalse(kept:IsCancelled())
end

function TestTimers:test_cancel_from_an_earlier_callback_in_the_same_pass()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local second
  env.C_Timer.After(0, function() got[#got + 1] = "first"; second:Cancel() end)
  second = env.C_Timer.NewTimer(0, function() got[#got + 1] = "second" end)
  sim:runFrame()
  lu.assertEquals(got, { "first" })
end

function TestTimers:test_ticker_iterations()
  local sim = client.newSimulator({ frameTime = 0.1 })
  local env, times = sim.env, {}
  local ticker = env.C_Timer.NewTicker(0.2, function(handle)
    lu.assertIsTable(handle)
    times[#times + 1] = env.GetTime()
  end, 3)
  sim:runFrames(10)
  lu.assertEquals(#times, 3)
  lu.assertAlmostEquals(times[1], 1000.2, 1e-9)
  lu.assertAlmostEquals(times[2], 1000.4, 1e-9)
  lu.assertAlmostEquals(times[3], 1000.6, 1e-9)
  lu.assertFalse(ticker:IsCancelled())
end

function TestTimers:test_ticker_until_cancelled()
  local sim = client.newSimulator()
  local n = 0
  sim.env.C_Timer.NewTicker(0, function(handle)
    n = n + 1
    if n == 4 then handle:Cancel() end
  end)
  sim:runFrames(10)
  lu.assertEquals(n, 4) -- a zero-second ticker fires once per frame
end

function TestTimers:test_timers_created_during_a_frame_wait_for_the_next()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  local f = env.CreateFrame("Frame")
  f:RegisterEvent("GO")
  f:SetScript("OnEvent", function()
    env.C_Timer.After(0, function()
      got[#got + 1] = "from event@" .. sim.stats.frames
      env.C_Timer.After(0, function() got[#got + 1] = "from timer@" .. sim.stats.frames end)
    end)
  end)
  f:SetScript("OnUpdate", function(self)
    self:SetScript("OnUpdate", nil)
    env.C_Timer.After(0, function() got[#got + 1] = "from update@" .. sim.stats.frames end)
  end)
  sim:fireEvent("GO")
  sim:runFrames(4)
  lu.assertEquals(got, { "from event@2", "from update@2", "from timer@3" })
end

function TestTimers:test_bad_arguments()
  local C = client.newSimulator().env.C_Timer
  lu.assertStrContains(errorOf(C.After, "1", print), "Usage: C_Timer.After(seconds, callback)")
  lu.assertStrContains(errorOf(C.After, 1), "callback must be a function")
  lu.assertStrContains(errorOf(C.NewTicker, 1, print, 0), "iterations")
  local t = C.NewTimer(1, print)
  lu.assertStrContains(errorOf(t.Cancel), "handle:Cancel()")
end

function TestTimers:test_durations_of_2_32_ms_or_more_are_refused()
  local sim = client.newSimulator()
  local C = sim.env.C_Timer
  C.After(4294967.5, print) -- just under 2^32 ms
  lu.assertStrContains(errorOf(C.After, 4294968, print), "After(): C_Timer.After duration is too large")
  lu.assertStrContains(errorOf(C.After, 1e7, print), "C_Timer.After duration is too large")
  lu.assertStrContains(errorOf(C.NewTimer, 1e7, print), "NewTimer(): C_Timer.NewTimer duration is too large")
  lu.assertStrContains(errorOf(C.NewTicker, 1e7, print), "NewTicker(): C_Timer.NewTicker duration is too large")
  lu.assertStrContains(errorOf(C.After, math.huge, print), "duration is too large")
end

TestErrors = {}

function TestErrors:test_script_errors_reach_the_handler_and_the_loop_goes_on()
  local sim = client.newSimulator()
  local env, ran = sim.env, {}
  local bad = env.CreateFrame("Frame")
  bad:SetScript("OnUpdate", function() error("update failed") end)
  local good = env.CreateFrame("Frame")
  good:SetScript("OnUpdate", function() ran[#ran + 1] = "good" end)
  good:RegisterEvent("BOOM")
  good:SetScript("OnEvent", function() error({ code = 7 }) end)
  env.C_Timer.After(0, function() error("timer failed") end)
  sim:fireEvent("BOOM")
  sim:runFrame()
  sim:runFrame()
  lu.assertEquals(ran, { "good", "good" })
  lu.assertEquals(#sim.errors, 4)
  lu.assertEquals(sim.errors[1], { code = 7 }) -- error values arrive unchanged
  lu.assertStrContains(sim.errors[2], "timer failed")
  lu.assertStrMatches(sim.errors[3], ".-simulator%.lua:%d+: update failed")
  lu.assertStrContains(sim.errors[4], "update failed")
end

function TestErrors:test_seterrorhandler_replaces_the_default()
  local sim = client.newSimulator()
  local env, mine = sim.env, {}
  local default = env.geterrorhandler()
  lu.assertIsFunction(default)
  local function handler(err)
    mine[#mine + 1] = { err = err, stack = env.debugstack() }
  end
  env.seterrorhandler(handler)
  lu.assertIs(env.geterrorhandler(), handler)
  env.C_Timer.After(0, function() error("x", 0) end)
  sim:runFrame()
  lu.assertEquals(#sim.errors, 0)
  lu.assertEquals(mine[1].err, "x")
  lu.assertIsString(mine[1].stack)
  env.seterrorhandler(default)
  default("direct")
  lu.assertEquals(sim.errors, { "direct" })
  lu.assertStrContains(errorOf(env.seterrorhandler, nil), "Usage: seterrorhandler")
end

function TestErrors:test_a_failing_error_handler_is_recorded()
  local sim = client.newSimulator()
  sim.env.seterrorhandler(function() error("handler broke", 0) end)
  sim.env.C_Timer.After(0, function() error("x") end)
  sim:runFrame()
  lu.assertEquals(sim.errors, { "error in error handler: handler broke" })
end

function TestErrors:test_debugstack_shape()
  local sim = client.newSimulator()
  local env = sim.env
  local chunk = assert(env.loadstring([[
    local function inner() local stack = debugstack(); return stack end
    local function outer() return inner() .. "" end
    return outer(), debugstack(1, 1, 0), debugstack(coroutine.create(function() end))
  ]], "@Interface/AddOns/Demo/demo.lua"))
  local full, short, thread = chunk()
  lu.assertStrMatches(full, "^Interface/AddOns/Demo/demo%.lua:1: in function 'inner'\nInterface/AddOns/Demo/demo%.lua:2: in function 'outer'\n.*\n$")
  lu.assertEquals(select(2, short:gsub("\n", "")), 2) -- one line, then "..."
  lu.assertIsString(thread)
end

TestChat = {}

function TestChat:test_print_and_addmessage_go_to_chat()
  local sim = client.newSimulator()
  local env = sim.env
  env.print("a", 1, nil, true)
  env.print()
  env.DEFAULT_CHAT_FRAME:AddMessage("hello", 1, 0, 0)
  lu.assertEquals(sim.chat, { "a 1 nil true", "", "hello" })
  lu.assertStrContains(errorOf(env.DEFAULT_CHAT_FRAME.AddMessage, env.DEFAULT_CHAT_FRAME, {}), "AddMessage")
end

function TestChat:test_slash_dispatch()
  local sim = client.newSimulator()
  local env, got = sim.env, {}
  env.SLASH_MYCMD1 = "/mycmd"
  env.SLASH_MYCMD2 = "/mc"
  env.SlashCmdList.MYCMD = function(msg, editBox) got[#got + 1] = { msg, editBox } end
  lu.assertTrue(sim:slash("/MyCmd  run now  "))
  lu.assertTrue(sim:slash("/mc"))
  lu.assertEquals(got[1][1], "run now")
  lu.assertIs(got[1][2], env.ChatFrame1EditBox)
  lu.assertEquals(got[2][1], "")
  lu.assertFalse(sim:slash("/other x"))
  lu.assertEquals(sim.chat, { "Type '/help' for a listing of a few commands." })
  env.SlashCmdList.MYCMD = function() error("slash failed") end
  lu.assertTrue(sim:slash("/mc"))
  lu.assertStrContains(sim.errors[1], "slash failed")
  lu.assertStrContains(errorOf(sim.slash, sim, "no slash"), "sim:slash(text)")
end

TestAddonLoading = {}

function TestAddonLoading:test_toc_lua_and_xml_in_order_then_addon_loaded()
  local sim = client.newSimulator()
  local private, meta = sim:loadAddon(FIXTURE)
  lu.assertEquals(meta.Title, "SimFixture")
  lu.assertEquals(private.name, "SimFixture")
  lu.assertIs(private.log, sim.env.SimFixtureLog)
  lu.assertEquals(sim.env.SimFixtureLog, {
    "first.lua:SimFixture",
    "xml/main.lua:SimFixture:true",
    "xml/sub/sub.lua:SimFixture",
    "inline",
    "last.lua",
    "ADDON_LOADED:SimFixture:true",
  })
  lu.assertEquals(sim.errors, {})
  lu.assertEquals(sim.stats.eventsDelivered, 1)
end

function TestAddonLoading:test_addon_loaded_reaches_earlier_addons_too()
  local sim = client.newSimulator()
  sim:loadAddon(FIXTURE)
  sim:loadAddon(BROKEN)
  local log = sim.env.SimFixtureLog
  lu.assertEquals(log[#log], "ADDON_LOADED:SimBroken:true")
end

function TestAddonLoading:test_fixture_slash_command()
  local sim = client.newSimulator()
  local private = sim:loadAddon(FIXTURE .. "/")
  lu.assertTrue(sim:slash("/SF hello there"))
  lu.assertEquals(private.slash.msg, "hello there")
  lu.assertEquals(sim.chat, { "SimFixture: hello there" })
end

function TestAddonLoading:test_load_errors_go_to_the_handler_and_loading_continues()
  local sim = client.newSimulator()
  sim:loadAddon(BROKEN)
  lu.assertEquals(sim.env.SimBrokenReached, { "fails.lua", "after.lua" })
  lu.assertEquals(#sim.errors, 2)
  lu.assertStrContains(sim.errors[1], "fails.lua:2: SimBroken: fails on purpose")
  lu.assertStrContains(sim.errors[2], "syntax.lua:2:")
end

function TestAddonLoading:test_missing_toc_is_a_clear_error()
  local sim = client.newSimulator()
  local err = errorOf(sim.loadAddon, sim, "spec/fixtures/Nope")
  lu.assertStrContains(err, "no TOC at spec/fixtures/Nope/Nope.toc")
end

TestHelpers = {}

function TestHelpers:test_string_helpers()
  local env = client.newSimulator().env
  lu.assertEquals({ env.strsplit(",", "a,b,,c") }, { "a", "b", "", "c" })
  lu.assertEquals({ env.strsplit(" ,", "a b,c") }, { "a", "b", "c" })
  lu.assertEquals({ env.strsplit(",", "a,b,c", 2) }, { "a", "b,c" })
  lu.assertEquals({ env.strsplit(",", "") }, { "" })
  lu.assertEquals({ env.strsplit("%", "50%off") }, { "50", "off" })
  lu.assertStrContains(errorOf(env.strsplit, ",", nil), "bad argument #2 to 'strsplit'")
  lu.assertEquals(env.strjoin(", ", "a", 1, "b"), "a, 1, b")
  lu.assertEquals(env.strjoin("-"), "")
  lu.assertStrContains(errorOf(env.strjoin, "-", "a", nil), "bad argument #3")
  lu.assertEquals(env.strtrim("  x y \t\n"), "x y")
  lu.assertEquals(env.strtrim("--x--", "-"), "x")
  lu.assertEquals(env.strmatch("key=value", "(%w+)=(%w+)"), "key")
  lu.assertEquals(env.format("%d-%s", 1, "a"), "1-a")
  lu.assertEquals(env.strupper("a") .. env.strlower("B") .. env.strsub("xyz", 2), "Abyz")
end

function TestHelpers:test_wipe_tinsert_tremove()
  local env = client.newSimulator().env
  local t = { 1, 2, x = 3 }
  lu.assertIs(env.wipe(t), t)
  lu.assertNil(next(t))
  env.tinsert(t, "a")
  env.tinsert(t, 1, "b")
  lu.assertEquals(env.tremove(t), "a")
  lu.assertEquals(t, { "b" })
end

function TestHelpers:test_build_info_and_hooksecurefunc()
  local env = client.newSimulator().env
  local version, build, date, toc = env.GetBuildInfo()
  lu.assertStrMatches(version, "%d+%.%d+%.%d+")
  lu.assertIsString(build)
  lu.assertIsString(date)
  lu.assertIsNumber(toc)
  local order = {}
  env.Target = function(x) order[#order + 1] = "orig" .. x; return x * 2 end
  env.hooksecurefunc("Target", function(x) order[#order + 1] = "hook" .. x end)
  lu.assertEquals(env.Target(3), 6)
  lu.assertEquals(order, { "orig3", "hook3" })
  local f = env.CreateFrame("Frame")
  local shown = 0
  env.hooksecurefunc(getmetatable(f).__index, "Show", function() shown = shown + 1 end)
  f:Show()
  lu.assertEquals(shown, 1)
end

TestClientFacts = {}

local FLAVORS = {
  { "12.1.0", "1", "x", 120100 }, { "5.5.4", "1", "x", 50504 }, { "2.5.6", "1", "x", 20506 },
  { "1.15.9", "1", "x", 11509 },
}

function TestClientFacts:test_addon_restrictions_exist_on_every_flavor()
  for _, buildInfo in ipairs(FLAVORS) do
    local env = client.newSimulator({ buildInfo = buildInfo }).env
    local R = env.C_RestrictedActions
    lu.assertIsFunction(R.IsAddOnRestrictionActive, buildInfo[1])
    lu.assertIsFunction(R.GetAddOnRestrictionState, buildInfo[1])
    lu.assertEquals(env.Enum.AddOnRestrictionType.Chat, 5)
    lu.assertEquals(R.GetAddOnRestrictionState(env.Enum.AddOnRestrictionType.Combat), 0)
    lu.assertTrue(env.CreateFrame("Frame"):RegisterEvent("ADDON_RESTRICTION_STATE_CHANGED"))
  end
  local before = client.newSimulator({ restrictions = false }).env
  lu.assertNil(before.C_RestrictedActions)
  lu.assertStrContains(errorOf(before.CreateFrame("Frame").RegisterEvent, before.CreateFrame("Frame"), "ADDON_RESTRICTION_STATE_CHANGED"),
    'Attempt to register unknown event "ADDON_RESTRICTION_STATE_CHANGED"')
end

function TestClientFacts:test_login_fires_the_clients_sequence_before_the_first_frame()
  local sim = client.newSimulator()
  local log = {}
  local frame = sim.env.CreateFrame("Frame")
  for _, event in ipairs({
    "ADDON_LOADED", "PLAYER_LOGIN", "UPDATE_CHAT_WINDOWS", "VARIABLES_LOADED", "PLAYER_ENTERING_WORLD",
    "TRIAL_STATUS_UPDATE", "DISPLAY_SIZE_CHANGED", "SPELLS_CHANGED",
  }) do
    frame:RegisterEvent(event)
  end
  frame:SetScript("OnEvent", function(_, event, ...)
    local parts = { event }
    for i = 1, select("#", ...) do parts[#parts + 1] = tostring((select(i, ...))) end
    log[#log + 1] = table.concat(parts, " ")
  end)
  frame:SetScript("OnUpdate", function() log[#log + 1] = "OnUpdate" end)
  sim:loadAddon(FIXTURE)
  sim:runFrame()
  lu.assertEquals(log, {
    "ADDON_LOADED SimFixture false", "PLAYER_LOGIN", "UPDATE_CHAT_WINDOWS", "VARIABLES_LOADED",
    "PLAYER_ENTERING_WORLD true false", "TRIAL_STATUS_UPDATE", "DISPLAY_SIZE_CHANGED", "SPELLS_CHANGED",
    "OnUpdate",
  })
end

function TestClientFacts:test_xpcall_passes_its_extra_arguments_to_the_function()
  local env = client.newSimulator().env
  local function mark(err) return "handled: " .. tostring(err) end
  local function count(...) return select("#", ...), ... end
  local function packed(...) return { n = select("#", ...), ... } end
  lu.assertEquals(packed(env.xpcall(count, mark, "P", nil, "Q", nil)), { n = 6, true, 4, "P", nil, "Q", nil })
  lu.assertEquals(packed(env.xpcall(count, mark)), { n = 2, true, 0 })
  lu.assertEquals(packed(env.xpcall(tonumber, mark, "ff", 16)), { n = 2, true, 255 })
  lu.assertEquals(packed(env.xpcall(error, mark, "boom")), { n = 2, false, "handled: boom" })
  lu.assertEquals(packed(env.xpcall(nil, mark, 1)), { n = 2, false, "handled: attempt to call a nil value" })
  local callable = setmetatable({}, { __call = function(_, ...) return count(...) end })
  lu.assertEquals(packed(env.xpcall(callable, mark, 1, nil)), { n = 4, true, 2, 1, nil })
  local where
  env.xpcall(function(x) error("x=" .. x) end, function(err) where = env.debugstack(3, 1, 0) return err end, 7)
  lu.assertStrContains(where, "simulator.lua", "the handler runs where the error was raised")
end

os.exit(lu.LuaUnit.run(...))
