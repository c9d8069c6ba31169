-- The example addon (examples/SeedDemo, assembled by `make demo-addon` with the built library
-- embedded) run in the client simulator: what a player sees in chat.
package.path = "simulator/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")

local DEMO = "build/demo/SeedDemo"

local function run(frames, loginAt)
  local sim = client.newSimulator()
  sim:loadAddon(DEMO)
  local at = {}
  for frame = 1, frames do
    if frame == loginAt then sim:fireEvent("PLAYER_LOGIN") end
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
  local sim = run(60, 30)
  local numbers, strings = 0, 0
  for _, line in ipairs(sim.chat) do
    if line:match("^Value: %d%d$") then numbers = numbers + 1 end
    if line:match("^Value: %x%x%x%x%x%x%x%x$") then strings = strings + 1 end
  end
  lu.assertEquals(numbers, 6)
  lu.assertEquals(strings, 6)
  lu.assertEquals(#sim.errors, 0)
end

function TestDemo:test_parks_a_task_until_the_event_fires()
  local sim, at = run(60, 30)
  local waiting = indexOf(sim.chat, "Waiting for PLAYER_LOGIN...")
  local fired = indexOf(sim.chat, "PLAYER_LOGIN fired!")
  lu.assertNotNil(waiting)
  lu.assertNotNil(fired)
  lu.assertEquals(at[fired], 30) -- delivered in frame 30, resumed by the driver that frame
  lu.assertTrue(at[waiting] < 30)
end

function TestDemo:test_flag_waiter_resumes_after_the_flag_is_set()
  local sim = run(60, 30)
  local firing = indexOf(sim.chat, "Firing event...")
  local done = indexOf(sim.chat, "Event fired!")
  lu.assertNotNil(firing)
  lu.assertNotNil(done)
  lu.assertTrue(firing < done)
end

function TestDemo:test_goes_idle_once_everything_is_done()
  local sim = run(90, 30)
  sim:runFrame()
  lu.assertEquals(sim.stats.lastFrameOnUpdateCalls, 0)
end

os.exit(lu.LuaUnit.run(...))
