-- Time and chance, deterministic: GetTime() (w.now, moved once per frame by the frame loop),
-- debugprofilestop() (w.profileMs, moved by frames, by sim:burn(ms) and by options.profileStep
-- per call), GetFramerate(), os.time/clock/date and the client's time/date/GetServerTime from
-- the virtual clock, and a seeded math.random. Nothing reads the real clock.
local RANDOM_MODULUS = 2147483647 -- Park-Miller generator: exact in doubles

return function(w)
  local env, sim, checkSim = w.env, w.sim, w.checkSim
  local frameTime, profileStep, startTime, epoch = w.frameTime, w.profileStep, w.startTime, w.epoch

  function env.GetTime() return w.now end

  function env.debugprofilestop()
    if profileStep > 0 then
      w.profileMs = w.profileMs + profileStep
      w.pendingBurnMs = w.pendingBurnMs + profileStep
    end
    return w.profileMs
  end

  function env.GetFramerate()
    local e = w.lastElapsed or frameTime
    if e <= 0 then e = frameTime end
    return e > 0 and 1 / e or 60
  end

  function sim.burn(self, ms)
    checkSim(self, "burn")
    if type(ms) ~= "number" or ms < 0 then
      error("sim:burn(ms): ms must be a non-negative number", 2)
    end
    w.profileMs = w.profileMs + ms
    w.pendingBurnMs = w.pendingBurnMs + ms
  end

  -- Deterministic replacements for what would read the real clock or a random seed.
  local function osTime(t)
    if t ~= nil then return os.time(t) end
    return epoch + math.floor(w.now - startTime)
  end
  env.os.time = osTime
  env.os.clock = function() return (w.profileMs - startTime * 1000) / 1000 end
  env.os.date = function(fmt, t) return os.date(fmt, t or osTime()) end
  env.time, env.date, env.GetServerTime = env.os.time, env.os.date, osTime

  local function randomseed(x)
    w.seed = math.floor(tonumber(x) or 0) % (RANDOM_MODULUS - 1) + 1
  end
  randomseed(w.initialSeed)
  local function random(m, n)
    local seed = w.seed * 16807 % RANDOM_MODULUS
    w.seed = seed
    local r = (seed - 1) / (RANDOM_MODULUS - 1)
    if m == nil then return r end
    if n == nil then m, n = 1, m end
    m, n = math.floor(m), math.floor(n)
    if m > n then error("bad argument to 'random' (interval is empty)", 2) end
    return m + math.floor(r * (n - m + 1))
  end
  env.math.random, env.math.randomseed = random, randomseed
  env.random, env.fastrandom = random, random
end
