-- The seed's usage examples on AsyncAwait, as an addon that embeds the library.
-- Nothing here calls the scheduler: the library's frame driver runs the tasks, a slice of
-- each frame at a time, and `make demo` shows what a player would see in chat.
local addonName = ...
local AA = LibStub("AsyncAwait-1.0").forAddon(addonName)
local async, await, yield = AA.async, AA.await, AA.yield

-- Example 1: batches of numbers and strings, printed in scheduler order. print_values awaits
-- print_value inline (no task) for odd positions and as a task for even ones; the generators
-- yield after each value, so the batches interleave.

local printValue = async(function(value)
  print("Value: " .. tostring(value))
end)

local generateNumbers = async(function(count)
  local numbers = {}
  for i = 1, count do
    numbers[i] = math.random(25, 75)
    yield() -- let other tasks run
  end
  return numbers
end)

local generateStrings = async(function(count)
  local strings = {}
  for i = 1, count do
    strings[i] = string.format("%08x", math.random(2 ^ 8, 2 ^ 24))
    yield()
  end
  return strings
end)

local printValues = async(function(values)
  for i = 1, #values do
    if i % 2 == 1 then
      await(printValue, values[i]) -- run inline, within this task
    else
      await(printValue(values[i])) -- spawn a task and wait for it
    end
  end
end)

for _ = 1, 2 do
  printValues(await(generateNumbers(3)))  -- forced await: runs the generator right here
  local strings = generateStrings(3)      -- a future; its batch prints once it is done
  async(function() await(printValues(await(strings))) end)()
end

-- Example 2: a task parked until an event fires. The seed polled a flag with yields; here
-- one task waits for a real client event and another polls a flag that a third task sets.

local doWorkAfterLogin = async(function()
  print("Waiting for PLAYER_LOGIN...")
  AA.waitForEvent("PLAYER_LOGIN")
  print("PLAYER_LOGIN fired!")
end)
doWorkAfterLogin()

local eventFired = false

local doWorkAfterEvent = async(function()
  print("Waiting for event...")
  AA.waitUntil(function() return eventFired end) -- checked once per frame
  print("Event fired!")
end)

local fireEvent = async(function()
  while not eventFired do
    if math.random(1, 25) < 10 then
      print("Firing event...")
      eventFired = true
    else
      AA.sleep(0.1) -- the seed's os.execute("sleep 0.1"), without freezing the game
    end
  end
end)

doWorkAfterEvent()
fireEvent()
