-- C_Timer: After, NewTimer and NewTicker, and the frame's timer pass that fires the due ones.
-- A timer never fires in the timer pass of the frame that created it. Publishes w.timerPass().
local describe = require("world").describe

-- C_Timer asserts its duration is under 2^32 ms.
local MAX_TIMER_SECONDS = 4294968
local TIME_EPSILON = 1e-6 -- seconds: sums of frame times that should reach a deadline do

return function(w)
  local env, stats, protect, timerOf = w.env, w.stats, w.protect, w.timerOf

  local handleMethods = {}

  function handleMethods.Cancel(handle)
    local t = type(handle) == "table" and timerOf[handle]
    if not t then error("Cancel(): not called on a timer handle (use handle:Cancel())", 2) end
    t.cancelled = true
  end

  function handleMethods.IsCancelled(handle)
    local t = type(handle) == "table" and timerOf[handle]
    if not t then error("IsCancelled(): not called on a timer handle (use handle:IsCancelled())", 2) end
    return t.cancelled == true
  end

  local handleMeta = { __index = handleMethods }

  local function arm(t)
    t.deadline = w.now + t.seconds
    t.minFrame = w.frameIndex + 1 -- never in the timer pass of the frame that created it
    local timers = w.timers
    timers[#timers + 1] = t
  end

  local function newTimer(usage, seconds, callback, iterations, withHandle)
    if type(seconds) ~= "number" or seconds ~= seconds then
      error(("Usage: %s: seconds must be a number, got %s"):format(usage, type(seconds)), 3)
    end
    if seconds >= MAX_TIMER_SECONDS then
      local name = usage:match("^C_Timer%.(%a+)")
      error(("%s(): C_Timer.%s duration is too large"):format(name, name), 3)
    end
    if type(callback) ~= "function" then
      error(("Usage: %s: callback must be a function, got %s"):format(usage, type(callback)), 3)
    end
    if iterations ~= nil and (type(iterations) ~= "number" or iterations < 1) then
      error(("Usage: %s: iterations must be a number >= 1 or nil, got %s"):format(usage, describe(iterations)), 3)
    end
    local seq = w.timerSeq + 1
    w.timerSeq = seq
    local t = {
      seconds = math.max(seconds, 0), callback = callback, remaining = iterations and math.floor(iterations),
      seq = seq,
    }
    if withHandle then
      t.handle = setmetatable({}, handleMeta)
      timerOf[t.handle] = t
    end
    arm(t)
    return t.handle
  end

  -- Fires the timers due in this frame (w.frameIndex, w.now), in deadline order.
  function w.timerPass()
    local due, keep = {}, {}
    local now, frameIndex = w.now, w.frameIndex
    for _, t in ipairs(w.timers) do
      if not t.cancelled then -- cancelled timers are dropped
        if t.minFrame <= frameIndex and now + TIME_EPSILON >= t.deadline then
          due[#due + 1] = t
        else
          keep[#keep + 1] = t
        end
      end
    end
    w.timers = keep
    table.sort(due, function(a, b)
      if a.deadline ~= b.deadline then return a.deadline < b.deadline end
      return a.seq < b.seq
    end)
    for _, t in ipairs(due) do
      if not t.cancelled then
        stats.timersFired = stats.timersFired + 1
        if t.handle then protect(t.callback, t.handle) else protect(t.callback) end
        if t.handle and not t.cancelled then
          if t.remaining then t.remaining = t.remaining - 1 end
          if t.remaining == nil or t.remaining > 0 then arm(t) end
        end
      end
    end
  end

  env.C_Timer = {
    After = function(seconds, callback)
      newTimer("C_Timer.After(seconds, callback)", seconds, callback, 1, false)
    end,
    NewTimer = function(seconds, callback)
      return newTimer("C_Timer.NewTimer(seconds, callback)", seconds, callback, 1, true)
    end,
    NewTicker = function(seconds, callback, iterations)
      return newTimer("C_Timer.NewTicker(seconds, callback [, iterations])", seconds, callback, iterations, true)
    end,
  }
end
