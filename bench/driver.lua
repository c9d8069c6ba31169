-- The frame driver in the client simulator: budget adherence and idle cost (part of make bench).
--   adherence: 500 tasks of 20 slices of 0.1 ms each, run by the driver at 60 fps with the
--              default budget; the most task time any frame took, against the budget
--   idle cost: OnUpdate calls over idle frames, and over frames while 100000 tasks sleep
package.path = "simulator/?.lua;" .. package.path
local client = require("client")

local sim = client.newSimulator()
sim:loadAddon("addon/AsyncAwait")
local AA = sim.env.AsyncAwait

local SLICES, TASKS, SLICE_MS = 20, 500, 0.1
local slices = 0
local worker = AA.async(function()
  for _ = 1, SLICES do
    sim:burn(SLICE_MS)
    slices = slices + 1
    AA.yield()
  end
end)
for _ = 1, TASKS do worker() end

local budget = (1000 / 60) * 0.2
local frames, worst = 0, 0
while slices < SLICES * TASKS do
  local before = slices
  sim:runFrame(1 / 60)
  frames = frames + 1
  worst = math.max(worst, (slices - before) * SLICE_MS)
end
print(("driver: %d slices of %.1f ms over %d frames; worst frame %.3f ms of task time for a %.3f ms budget (%+.3f ms)")
  :format(SLICES * TASKS, SLICE_MS, frames, worst, budget, worst - budget))

local calls = sim.stats.onUpdateCalls
sim:runFrames(1000)
print(("driver: %d OnUpdate calls over 1000 idle frames"):format(sim.stats.onUpdateCalls - calls))

local woken = 0
local sleeper = AA.async(function() AA.sleep(60); woken = woken + 1 end)
for _ = 1, 100000 do sleeper() end
sim:runFrame()
calls = sim.stats.onUpdateCalls
sim:runFrames(600)
print(("driver: %d OnUpdate calls over 600 frames while 100000 tasks sleep"):format(sim.stats.onUpdateCalls - calls))
sim:runFrames(60 * 60)
print(("driver: %d of 100000 sleepers woke after their deadline"):format(woken))
