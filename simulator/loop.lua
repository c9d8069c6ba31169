-- The frame loop: sim:fireEvent() queues an event; sim:runFrame() advances the clocks, then
-- delivers the queued events, fires the due C_Timer callbacks and calls OnUpdate of the visible
-- frames; sim:login() fires what the client fires once every addon has loaded (the first frame
-- does it when no one did).
local packn, describe = require("world").packn, require("world").describe

-- What the client fires once every addon has loaded, before the first frame (identical on the
-- four flavors; the client fires a few more that are not simulated).
-- Each: the event, then its payload (n values).
local LOGIN_EVENTS = {
  { "PLAYER_LOGIN", n = 0 }, { "UPDATE_CHAT_WINDOWS", n = 0 }, { "VARIABLES_LOADED", n = 0 },
  { "PLAYER_ENTERING_WORLD", true, false, n = 2 }, { "TRIAL_STATUS_UPDATE", n = 0 },
  { "DISPLAY_SIZE_CHANGED", n = 0 }, { "SPELLS_CHANGED", n = 0 },
}

return function(w)
  local sim, stats, checkSim, frameTime = w.sim, w.stats, w.checkSim, w.frameTime
  local frames, state = w.frames, w.frameState
  local deliver, timerPass = w.deliver, w.timerPass
  local hasScript, isVisible, callScript = w.hasScript, w.isVisible, w.callScript

  local function checkEvent(event, method)
    if type(event) ~= "string" or not event:match("^[A-Z][A-Z0-9_]*$") then
      error(("sim:%s(): bad event name %s"):format(method, describe(event)), 3)
    end
  end

  function sim.fireEvent(self, event, ...)
    checkSim(self, "fireEvent")
    checkEvent(event, "fireEvent")
    local queue = w.eventQueue
    queue[#queue + 1] = { event = event, args = packn(...) }
  end

  local function frameBody(elapsed)
    local queue = w.eventQueue
    w.eventQueue = {}
    for _, item in ipairs(queue) do
      if item.before then item.before() end
      deliver(item.event, item.args)
      if item.after then item.after() end
    end

    timerPass()

    local snapshot = {}
    for i = 1, #frames do snapshot[i] = frames[i] end
    local calls = 0
    for _, frame in ipairs(snapshot) do
      local st = state[frame]
      if hasScript(st, "OnUpdate") and isVisible(st) then
        calls = calls + 1
        callScript(frame, st, "OnUpdate", elapsed)
      end
    end
    stats.onUpdateCalls = stats.onUpdateCalls + calls
    stats.lastFrameOnUpdateCalls = calls
  end

  -- The end of loading, as the client has it once every addon's files ran and its ADDON_LOADED
  -- fired: PLAYER_LOGIN, UPDATE_CHAT_WINDOWS, VARIABLES_LOADED,
  -- PLAYER_ENTERING_WORLD(isInitialLogin, isReloadingUi), TRIAL_STATUS_UPDATE,
  -- DISPLAY_SIZE_CHANGED and SPELLS_CHANGED, all before the first frame. The first
  -- sim:runFrame() does this itself when no one did.
  function sim.login(self)
    checkSim(self, "login")
    if w.loggedIn then error("sim:login(): the player is already logged in", 2) end
    w.loggedIn = true
    for _, item in ipairs(LOGIN_EVENTS) do
      deliver(item[1], packn(unpack(item, 2, item.n + 1)))
    end
  end

  function sim.runFrame(self, seconds)
    checkSim(self, "runFrame")
    if w.inFrame then error("sim:runFrame(): called from inside a frame", 2) end
    if not w.loggedIn then sim.login(sim) end
    if seconds ~= nil and (type(seconds) ~= "number" or seconds < 0) then
      error("sim:runFrame([seconds]): seconds must be a non-negative number", 2)
    end
    local elapsed = seconds or (frameTime + w.pendingBurnMs / 1000)
    w.pendingBurnMs = 0
    w.now = w.now + elapsed
    local frameStartMs = math.max(w.profileMs, w.frameStartMs + elapsed * 1000)
    w.frameStartMs = frameStartMs
    w.profileMs = frameStartMs
    w.lastElapsed = elapsed
    local frameIndex = w.frameIndex + 1
    w.frameIndex = frameIndex
    stats.frames = frameIndex
    w.inFrame = true
    local ok, err = pcall(frameBody, elapsed)
    w.inFrame = false
    if not ok then error(err, 0) end
  end

  function sim.runFrames(self, n, seconds)
    checkSim(self, "runFrames")
    if type(n) ~= "number" or n < 0 or n % 1 ~= 0 then
      error("sim:runFrames(n [, seconds]): n must be a non-negative integer", 2)
    end
    for _ = 1, n do sim.runFrame(sim, seconds) end
  end
end
