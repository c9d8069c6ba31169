-- The one world table of a simulated client: every piece of state the simulator's parts share
-- (clocks, frames, the event queue, timers, the flavor, combat and restrictions, the error
-- handler, the random seed), and the environment and `sim` they fill. Each part
-- (simulator/<part>.lua) is a function of this table, called once per simulator by
-- client.newSimulator; a part publishes what another part calls as a field (w.protect,
-- w.deliver, ...). Fields that a part reassigns are read through the table; the ones fixed at
-- creation may be cached as locals.
local world = {}

local DEFAULT_BUILD_INFO = { "12.0.5", "64000", "Apr 1 2026", 120105 }
-- Events of the retail client that Classic flavors do not know: their RegisterEvent raises.
-- (ADDON_RESTRICTION_STATE_CHANGED is not one: every flavor has it, Classic Era included.)
local RETAIL_ONLY_EVENTS = {
  "CHALLENGE_MODE_START", "CHALLENGE_MODE_COMPLETED", "TRAIT_CONFIG_UPDATED", "PLAYER_SOFT_INTERACT_CHANGED",
}

--- All the values of a call, their count in `n` (nils included).
function world.packn(...)
  return { n = select("#", ...), ... }
end

--- A value as an error message shows it: strings quoted.
function world.describe(value)
  if type(value) == "string" then return ("%q"):format(value) end
  return tostring(value)
end

--- The world of a new simulator, from its options (client.newSimulator documents them), with
--- `env` as its global environment. Raises for bad options at the caller of newSimulator.
function world.new(options, env)
  local frameTime = options.frameTime or 1 / 60
  local startTime = options.startTime or 1000
  local buildInfo = options.buildInfo or DEFAULT_BUILD_INFO
  local hasRestrictions = options.restrictions ~= false
  local unknownEvents = {}
  for _, event in ipairs(options.unknownEvents or (buildInfo[4] < 100000 and RETAIL_ONLY_EVENTS or {})) do
    unknownEvents[event] = true
  end
  if not hasRestrictions and not options.unknownEvents then
    unknownEvents.ADDON_RESTRICTION_STATE_CHANGED = true
  end
  for _, key in ipairs({ "frameTime", "startTime", "epoch", "profileStep" }) do
    local v = options[key]
    if v ~= nil and (type(v) ~= "number" or v < 0) then
      error("client.newSimulator(options): options." .. key .. " must be a non-negative number", 3)
    end
  end

  local sim = {
    env = env,
    chat = {},
    errors = {},
    stats = {
      frames = 0, onUpdateCalls = 0, lastFrameOnUpdateCalls = 0, eventsDelivered = 0,
      timersFired = 0,
    },
  }
  return {
    env = env,
    sim = sim,
    stats = sim.stats,

    -- The flavor, fixed at creation.
    frameTime = frameTime,
    startTime = startTime,
    epoch = options.epoch or 1700000000,
    profileStep = options.profileStep or 0,
    buildInfo = buildInfo,
    hasRestrictions = hasRestrictions,
    unknownEvents = unknownEvents, -- event -> true: RegisterEvent raises for it

    -- Clocks. `now` is GetTime(): it moves only at the start of a frame. `profileMs` is
    -- debugprofilestop(): set to the frame's start at the start of each frame and moved by burns.
    now = startTime,
    profileMs = startTime * 1000,
    frameStartMs = startTime * 1000,
    pendingBurnMs = 0, -- burned since the last frame started: lengthens the next frame
    lastElapsed = nil,
    frameIndex = 0, -- the frame running or last run
    inFrame = false,
    loggedIn = false,

    -- The player's situation.
    combat = false,
    instanceType = "none",
    -- Addon restrictions: Enum.AddOnRestrictionType value -> Enum.AddOnRestrictionState value.
    restrictionState = {},
    dispatchingRestriction = false,

    -- Frames and events.
    frames = {}, -- every frame, in creation order
    frameState = {}, -- frame -> its internal state
    eventFrames = {}, -- event -> frames registered for it, in registration order
    eventQueue = {}, -- { event, args [, before, after] } to deliver at the start of the next frame

    -- C_Timer.
    timers = {}, -- pending timers, unordered
    timerSeq = 0,
    timerOf = {}, -- handle -> timer

    errorHandler = nil, -- set by simulator/errors.lua
    initialSeed = options.seed or 1,
    seed = 1, -- math.random's state (simulator/clock.lua)

    -- Raises unless a sim method was called as one (sim:method(...)), at its caller's line.
    checkSim = function(self, method)
      if self ~= sim then
        error(("sim:%s(): call it as a method, sim:%s(...)"):format(method, method), 3)
      end
    end,
  }
end

return world
