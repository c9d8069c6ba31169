-- The example addon (examples/SeedDemo, assembled by `make demo-addon` with the built library
-- embedded) run in the client simulator: what a player sees in chat.
package.path = "simulator/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")

local DEMO = "build/demo/SeedDemo"

-- Loads the demo and runs it in the client's order: its files and ADDON_LOADED (chat lines
-- marked "loading"), PLAYER_LOGIN and PLAYER_ENTERING_WORLD ("login"), then `frames` frames
-- (each line marked with its frame number).
local function run(frames)
  local sim = client.newSimulator()
  sim:loadAddon(DEMO)
  local at = {}
  for i = #at + 1, #sim.chat do at[i] = "loading" end
  sim:login()
  for i = #at + 1, #sim.chat do at[i] = "login" end
  for frame = 1, frames do
    sim:runFrame()
    for i = #at + 1, #sim.chat do at[i] = frame end
  end
  return sim, at
end

local function indexOf(list, line)
  for i, v in ipairs(list) do
    if v == line then return i end
  end
end

TestDemo = {}

function TestDemo:test_prints_both_batches_of_numbers_and_strings()
  local sim = run(60)
  local numbers, strings = 0, 0
  for _, line in ipairs(sim.chat) do
    if line:match("^Value: %d%d$") then numbers = numbers + 1 end
    if line:match("^Value: %x%x%x%x%x%x%x%x$") then strings = strings + 1 end
  end
  lu.assertEquals(numbers, 6)
  lu.assertEquals(strings, 6)
  lu.assertEquals(#sim.errors, 0)
end

function TestDemo:test_a_task_started_at_load_catches_player_login()
  -- The client fires PLAYER_LOGIN before the first frame: the task started while the addon
  -- loaded must already wait for it (the driver runs a pass on ADDON_LOADED).
  local sim, at = run(10)
  local waiting = indexOf(sim.chat, "Waiting for PLAYER_LOGIN...")
  local fired = indexOf(sim.chat, "PLAYER_LOGIN fired!")
  lu.assertNotNil(waiting)
  lu.assertNotNil(fired)
  lu.assertEquals(at[waiting], "loading")
  lu.assertEquals(at[fired], "login")
end

function TestDemo:test_flag_waiter_resumes_after_the_flag_is_set()
  local sim = run(60)
  local firing = indexOf(sim.chat, "Firing event...")
  local done = indexOf(sim.chat, "Event fired!")
  lu.assertNotNil(firing)
  lu.assertNotNil(done)
  lu.assertTrue(firing < done)
end

function TestDemo:test_goes_idle_once_everything_is_done()
  local sim = run(90)
  sim:runFrame()
  lu.assertEquals(sim.stats.lastFrameOnUpdateCalls, 0)
end

os.exit(lu.LuaUnit.run(...))
