-- A WoW-like client for consumer tests: builds a global environment with only what the game
-- client's Lua 5.1 offers (no require, io, package, dofile, loadfile, table.unpack, no debug
-- library, and os limited to time/clock/date), reads an addon folder's TOC and runs each listed Lua file the
-- way the client does: the file's chunk is called with the addon name and the addon's private
-- table, with the shared environment as its globals.
local client = {}

local SAFE_GLOBALS = {
  "assert", "collectgarbage", "error", "getfenv", "getmetatable", "ipairs", "loadstring",
  "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawset", "select", "setfenv",
  "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall", "gcinfo", "newproxy",
  "_VERSION",
}
-- No `debug`: the client has no debug library (debugstack stands in for debug.traceback).
local SAFE_LIBRARIES = { "coroutine", "math", "string", "table" }

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

local function packAll(...)
  return { n = select("#", ...), ... }
end

-- Whether `f` can be called (a function, or a table or userdata whose metatable has __call).
local function callable(f)
  if type(f) == "function" then return true end
  local meta = (type(f) == "table" or type(f) == "userdata") and getmetatable(f)
  return type(meta) == "table" and rawget(meta, "__call") ~= nil
end

-- The client's xpcall(f, handler, ...) passes the arguments after the handler to f (stock Lua
-- 5.1's drops them), their count kept. A Lua function is called by a closure (a tail call: its
-- errors read as they would); a C function is called by pcall, as by C in the client (no caller
-- line in its errors), its error then given to the handler; what cannot be called gets the
-- builtin's error.
local function clientXpcall(f, handler, ...)
  local n = select("#", ...)
  if n == 0 or not callable(f) then return xpcall(f, handler) end
  if type(f) == "function" and debug.getinfo(f, "S").what == "C" then
    local results = packAll(pcall(f, ...))
    if results[1] then return unpack(results, 1, results.n) end
    return false, (handler(results[2]))
  end
  local args = { ... }
  return xpcall(function() return f(unpack(args, 1, n)) end, handler)
end

-- A fresh global environment shaped like the client's.
function client.newEnvironment()
  local env = {}
  for _, name in ipairs(SAFE_GLOBALS) do env[name] = _G[name] end
  env.xpcall = clientXpcall
  for _, name in ipairs(SAFE_LIBRARIES) do env[name] = copy(_G[name]) end
  env.table.unpack, env.table.pack = nil, nil
  env.os = { time = os.time, clock = os.clock, date = os.date }
  env._G = env
  return env
end

-- The names of an environment's globals, as a set.
function client.globalNames(env)
  local names = {}
  for k in pairs(env) do names[k] = true end
  return names
end

local function readFile(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

-- Parses a TOC file: returns its metadata (## Key: value) and the list of files it loads.
function client.readToc(path)
  local meta, files = {}, {}
  for line in readFile(path):gmatch("[^\r\n]+") do
    local key, value = line:match("^##%s*([^:]+):%s*(.-)%s*$")
    if key then
      meta[key] = value
    elseif not line:match("^%s*#") and line:match("%S") then
      files[#files + 1] = (line:gsub("%s+$", ""))
    end
  end
  return meta, files
end

-- Loads the addon in `dir` (its TOC named after the folder) into `env`. Returns the addon's
-- private table and its TOC metadata.
function client.loadAddon(env, dir, name)
  name = name or dir:match("([^/]+)/*$")
  local meta, files = client.readToc(dir .. "/" .. name .. ".toc")
  local private = {}
  for _, file in ipairs(files) do
    local path = dir .. "/" .. file:gsub("\\", "/")
    local chunk = assert(loadstring(readFile(path), "@" .. path))
    setfenv(chunk, env)
    chunk(name, private)
  end
  return private, meta
end


--------------------------------------------------------------------------------------------------
-- The simulator: a deterministic, offline stand-in for the game client. One shared environment
-- (client.newEnvironment plus the WoW API below) that addons are loaded into, and a frame loop
-- driven by the test: sim:runFrame() delivers queued events, fires due C_Timer callbacks, then
-- calls OnUpdate of visible frames. Time is virtual: GetTime() advances once per frame, and
-- debugprofilestop() advances with frames and with sim:burn(ms). Nothing reads the real clock.
--------------------------------------------------------------------------------------------------

local FRAME_TYPES = {
  "Frame", "Button", "CheckButton", "EditBox", "ScrollFrame", "Slider", "StatusBar", "Cooldown",
  "GameTooltip", "MessageFrame", "ScrollingMessageFrame", "SimpleHTML", "Model", "PlayerModel",
  "ColorSelect",
}

local COMMON_SCRIPTS = {
  "OnAttributeChanged", "OnChar", "OnDisable", "OnDragStart", "OnDragStop", "OnEnable", "OnEnter",
  "OnEvent", "OnHide", "OnKeyDown", "OnKeyUp", "OnLeave", "OnLoad", "OnMouseDown", "OnMouseUp",
  "OnMouseWheel", "OnReceiveDrag", "OnShow", "OnSizeChanged", "OnUpdate",
}
local BUTTON_SCRIPTS = { "OnClick", "OnDoubleClick", "PreClick", "PostClick" }
local VALUE_SCRIPTS = { "OnValueChanged", "OnMinMaxChanged" }
local HYPERLINK_SCRIPTS = { "OnHyperlinkClick", "OnHyperlinkEnter", "OnHyperlinkLeave" }
local EXTRA_SCRIPTS = {
  Button = BUTTON_SCRIPTS,
  CheckButton = BUTTON_SCRIPTS,
  EditBox = {
    "OnEnterPressed", "OnEscapePressed", "OnTabPressed", "OnSpacePressed", "OnTextChanged",
    "OnTextSet", "OnEditFocusGained", "OnEditFocusLost", "OnCursorChanged",
  },
  ScrollFrame = { "OnHorizontalScroll", "OnVerticalScroll", "OnScrollRangeChanged" },
  Slider = VALUE_SCRIPTS,
  StatusBar = VALUE_SCRIPTS,
  Cooldown = { "OnCooldownDone" },
  GameTooltip = { "OnTooltipCleared", "OnTooltipSetDefaultAnchor" },
  ScrollingMessageFrame = HYPERLINK_SCRIPTS,
  SimpleHTML = HYPERLINK_SCRIPTS,
}

local DEFAULT_BUILD_INFO = { "12.0.5", "64000", "Apr 1 2026", 120105 }
-- Events of the retail client that Classic flavors do not know: their RegisterEvent raises.
-- (ADDON_RESTRICTION_STATE_CHANGED is not one: every flavor has it, Classic Era included.)
local RETAIL_ONLY_EVENTS = {
  "CHALLENGE_MODE_START", "CHALLENGE_MODE_COMPLETED", "TRAIT_CONFIG_UPDATED", "PLAYER_SOFT_INTERACT_CHANGED",
}
-- C_Timer asserts its duration is under 2^32 ms.
local MAX_TIMER_SECONDS = 4294968
-- What the client fires once every addon has loaded, before the first frame (identical on the
-- four flavors; the client fires a few more that are not simulated).
-- Each: the event, then its payload (n values).
local LOGIN_EVENTS = {
  { "PLAYER_LOGIN", n = 0 }, { "UPDATE_CHAT_WINDOWS", n = 0 }, { "VARIABLES_LOADED", n = 0 },
  { "PLAYER_ENTERING_WORLD", true, false, n = 2 }, { "TRIAL_STATUS_UPDATE", n = 0 },
  { "DISPLAY_SIZE_CHANGED", n = 0 }, { "SPELLS_CHANGED", n = 0 },
}
local TIME_EPSILON = 1e-6 -- seconds: sums of frame times that should reach a deadline do
local RANDOM_MODULUS = 2147483647 -- Park-Miller generator: exact in doubles

local function frameTypeTable()
  local types, scripts = {}, {}
  for _, name in ipairs(FRAME_TYPES) do
    types[name:lower()] = name
    local set = {}
    for _, s in ipairs(COMMON_SCRIPTS) do set[s] = true end
    for _, s in ipairs(EXTRA_SCRIPTS[name] or {}) do set[s] = true end
    scripts[name] = set
  end
  return types, scripts
end
local FRAME_TYPE_NAMES, FRAME_TYPE_SCRIPTS = frameTypeTable()

local function packn(...)
  return { n = select("#", ...), ... }
end

local function describe(value)
  if type(value) == "string" then return ("%q"):format(value) end
  return tostring(value)
end

-- A Lua pattern character class matching any one character of `chars`.
local function charClass(chars)
  return "[" .. chars:gsub("[%]%^%-%%]", "%%%0") .. "]"
end

-- The files an XML file loads, in document order: { kind = "file", path = ... } for
-- <Script file="..."/> and <Include file="..."/>, { kind = "code", code = ..., name = ... } for
-- inline <Script>...</Script>. Other elements (frames, templates) are not simulated.
local function xmlLoads(text, xmlPath)
  local dir = xmlPath:match("^(.*)/[^/]*$") or "."
  local loads = {}
  text = text:gsub("<!%-%-.-%-%->", "")
  local pos = 1
  while true do
    local s, e, tag, attrs = text:find("<([%w_]+)(.-)>", pos)
    if not s then break end
    pos = e + 1
    if tag == "Script" or tag == "Include" then
      local file = attrs:match('[%s]file%s*=%s*"([^"]*)"') or attrs:match("[%s]file%s*=%s*'([^']*)'")
      if file then
        loads[#loads + 1] = { kind = "file", path = dir .. "/" .. file:gsub("\\", "/") }
      elseif tag == "Script" and not attrs:match("/%s*$") then
        local cs, ce = text:find("</Script%s*>", pos)
        if not cs then error(xmlPath .. ": <Script> without </Script>", 0) end
        local code = text:sub(pos, cs - 1)
        code = code:match("^%s*<!%[CDATA%[(.*)%]%]>%s*$") or code
        loads[#loads + 1] = { kind = "code", code = code, name = xmlPath .. ":<Script>" }
        pos = ce + 1
      else
        error(xmlPath .. ": <" .. tag .. "> without a file attribute", 0)
      end
    end
  end
  return loads
end

-- options: frameTime (seconds, default 1/60), startTime (GetTime() before the first frame,
-- default 1000), epoch (os.time() before the first frame, default 1700000000), seed (math.random,
-- default 1), profileStep (ms each debugprofilestop() call burns, default 0), buildInfo (the
-- four GetBuildInfo() values; an interface number below 100000 makes a Classic flavor, which
-- does not know retail-only events), unknownEvents (event names RegisterEvent raises for, in
-- place of the flavor's list), restrictions (whether the client has addon restrictions,
-- C_RestrictedActions and ADDON_RESTRICTION_STATE_CHANGED; default true: every flavor has them,
-- false makes a client from before them).
function client.newSimulator(options)
  options = options or {}
  if type(options) ~= "table" then
    error("client.newSimulator(options): options must be a table or nil, got " .. type(options), 2)
  end
  local frameTime = options.frameTime or 1 / 60
  local startTime = options.startTime or 1000
  local epoch = options.epoch or 1700000000
  local profileStep = options.profileStep or 0
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
      error("client.newSimulator(options): options." .. key .. " must be a non-negative number", 2)
    end
  end

  local env = client.newEnvironment()
  local sim = {
    env = env,
    chat = {},
    errors = {},
    stats = {
      frames = 0, onUpdateCalls = 0, lastFrameOnUpdateCalls = 0, eventsDelivered = 0,
      timersFired = 0,
    },
  }
  local stats = sim.stats

  ------------------------------------------------------------------------------------------------
  -- Clocks. `now` is GetTime(): it moves only at the start of a frame. `profileMs` is
  -- debugprofilestop(): set to the frame's start at the start of each frame and moved by burns.
  ------------------------------------------------------------------------------------------------
  local now = startTime
  local profileMs = startTime * 1000
  local frameStartMs = profileMs
  local pendingBurnMs = 0 -- burned since the last frame started: lengthens the next frame
  local lastElapsed = nil
  local frameIndex = 0 -- the frame running or last run
  local inFrame = false
  local combat = false
  local instanceType = "none"
  -- Addon restrictions: Enum.AddOnRestrictionType value -> Enum.AddOnRestrictionState value.
  local restrictionState = {}
  local dispatchingRestriction = false
  local loggedIn = false

  local function checkSim(self, method)
    if self ~= sim then
      error(("sim:%s(): call it as a method, sim:%s(...)"):format(method, method), 3)
    end
  end

  ------------------------------------------------------------------------------------------------
  -- Errors: script handlers run protected; their errors go to the current error handler.
  ------------------------------------------------------------------------------------------------
  local function defaultErrorHandler(err)
    sim.errors[#sim.errors + 1] = err
    return err
  end
  local errorHandler = defaultErrorHandler

  local function onError(err)
    local ok, handlerErr = pcall(errorHandler, err)
    if not ok then
      sim.errors[#sim.errors + 1] = "error in error handler: " .. tostring(handlerErr)
    end
    return err
  end

  -- Calls fn(...) the way the client calls a script: errors go to the error handler.
  local function protect(fn, ...)
    local args = packn(...)
    return xpcall(function() return fn(unpack(args, 1, args.n)) end, onError)
  end

  ------------------------------------------------------------------------------------------------
  -- Frames
  ------------------------------------------------------------------------------------------------
  local frames = {} -- every frame, in creation order
  local state = {} -- frame -> its internal state
  local eventFrames = {} -- event -> frames registered for it, in registration order
  local eventQueue = {}
  local methods = {} -- frame type -> methods table (the __index of its metatable)

  local function stateOf(frame, method)
    local st = type(frame) == "table" and state[frame]
    if not st then
      error(("%s(): not called on a frame (use frame:%s(...) with a colon)"):format(method, method), 3)
    end
    return st
  end

  local function isVisible(st)
    while st do
      if not st.shown then return false end
      st = st.parent and state[st.parent]
    end
    return true
  end

  local function hasScript(st, script)
    return st.scripts[script] ~= nil or st.hooks[script] ~= nil
  end

  local function callScript(frame, st, script, ...)
    local base = st.scripts[script]
    if base then protect(base, frame, ...) end
    local hooks = st.hooks[script]
    if hooks then
      for i = 1, #hooks do protect(hooks[i], frame, ...) end
    end
  end

  local function checkScriptName(st, script, method)
    if type(script) ~= "string" then
      error(("Frame:%s(): script name must be a string, got %s"):format(method, type(script)), 3)
    end
    if not FRAME_TYPE_SCRIPTS[st.type][script] then
      error(('Frame:%s(): %s doesn\'t have a "%s" script'):format(method, st.type, script), 3)
    end
  end

  local function checkEventName(event, method)
    if type(event) ~= "string" or not event:match("^[A-Z][A-Z0-9_]*$") then
      error(("Frame:%s(): Attempt to register unknown event %s"):format(method, describe(event)), 3)
    end
  end

  local function resolveParent(parent, what)
    if parent == nil then return nil end
    if type(parent) == "string" then
      local named = env[parent]
      if not (type(named) == "table" and state[named]) then
        error(("%s: no frame named %q"):format(what, parent), 3)
      end
      return named
    end
    if not (type(parent) == "table" and state[parent]) then
      error(("%s: parent must be a frame, a frame's name or nil, got %s"):format(what, type(parent)), 3)
    end
    return parent
  end

  local base = {}

  function base.Show(frame)
    local st = stateOf(frame, "Show")
    if not st.shown then
      st.shown = true
      if isVisible(st) then callScript(frame, st, "OnShow") end
    end
  end

  function base.Hide(frame)
    local st = stateOf(frame, "Hide")
    if st.shown then
      local wasVisible = isVisible(st)
      st.shown = false
      if wasVisible then callScript(frame, st, "OnHide") end
    end
  end

  function base.SetShown(frame, shown)
    if shown then base.Show(frame) else base.Hide(frame) end
  end

  function base.IsShown(frame) return stateOf(frame, "IsShown").shown end
  function base.IsVisible(frame) return isVisible(stateOf(frame, "IsVisible")) end

  function base.SetScript(frame, script, fn)
    local st = stateOf(frame, "SetScript")
    checkScriptName(st, script, "SetScript")
    if fn ~= nil and type(fn) ~= "function" then
      error(("Frame:SetScript(): handler for %s must be a function or nil, got %s"):format(script, type(fn)), 2)
    end
    st.scripts[script] = fn
    st.hooks[script] = nil -- SetScript replaces the handler and its hooks
  end

  function base.GetScript(frame, script)
    local st = stateOf(frame, "GetScript")
    checkScriptName(st, script, "GetScript")
    return st.scripts[script]
  end

  function base.HookScript(frame, script, fn)
    local st = stateOf(frame, "HookScript")
    checkScriptName(st, script, "HookScript")
    if type(fn) ~= "function" then
      error(("Frame:HookScript(): hook for %s must be a function, got %s"):format(script, type(fn)), 2)
    end
    if st.scripts[script] == nil and st.hooks[script] == nil then
      st.scripts[script] = fn -- hooking an empty script sets it
    else
      local hooks = st.hooks[script] or {}
      hooks[#hooks + 1] = fn
      st.hooks[script] = hooks
    end
  end

  function base.HasScript(frame, script)
    local st = stateOf(frame, "HasScript")
    return type(script) == "string" and FRAME_TYPE_SCRIPTS[st.type][script] == true
  end

  function base.RegisterEvent(frame, event)
    local st = stateOf(frame, "RegisterEvent")
    checkEventName(event, "RegisterEvent")
    if unknownEvents[event] then
      error(("Frame:RegisterEvent(): Attempt to register unknown event %q"):format(event), 2)
    end
    if not st.events[event] then
      st.events[event] = true
      local list = eventFrames[event] or {}
      list[#list + 1] = frame
      eventFrames[event] = list
    end
    return true
  end

  local function unregister(frame, st, event)
    if not st.events[event] then return end
    st.events[event] = nil
    local list = eventFrames[event]
    for i = #list, 1, -1 do
      if list[i] == frame then table.remove(list, i) end
    end
  end

  function base.UnregisterEvent(frame, event)
    local st = stateOf(frame, "UnregisterEvent")
    checkEventName(event, "UnregisterEvent")
    unregister(frame, st, event)
  end

  function base.IsEventRegistered(frame, event)
    local st = stateOf(frame, "IsEventRegistered")
    checkEventName(event, "IsEventRegistered")
    return st.events[event] == true
  end

  function base.UnregisterAllEvents(frame)
    local st = stateOf(frame, "UnregisterAllEvents")
    local events = {}
    for event in pairs(st.events) do events[#events + 1] = event end
    for _, event in ipairs(events) do unregister(frame, st, event) end
  end

  function base.GetName(frame) return stateOf(frame, "GetName").name end
  function base.GetDebugName(frame) return stateOf(frame, "GetDebugName").name or "" end
  function base.GetObjectType(frame) return stateOf(frame, "GetObjectType").type end
  function base.IsForbidden(frame) stateOf(frame, "IsForbidden") return false end

  function base.IsObjectType(frame, frameType)
    local st = stateOf(frame, "IsObjectType")
    if type(frameType) ~= "string" then return false end
    local wanted = frameType:lower()
    return wanted == "frame" or wanted == "region" or wanted == "object"
      or wanted == "scriptobject" or wanted == st.type:lower()
  end

  function base.SetParent(frame, parent)
    local st = stateOf(frame, "SetParent")
    parent = resolveParent(parent, "Frame:SetParent()")
    local p = parent
    while p do
      if p == frame then error("Frame:SetParent(): a frame cannot be its own ancestor", 2) end
      p = state[p].parent
    end
    st.parent = parent
  end

  function base.GetParent(frame) return stateOf(frame, "GetParent").parent end

  -- Layout is not simulated; these keep addon setup code running.
  function base.SetPoint(frame) stateOf(frame, "SetPoint") end
  function base.ClearAllPoints(frame) stateOf(frame, "ClearAllPoints") end
  function base.SetAllPoints(frame) stateOf(frame, "SetAllPoints") end
  function base.SetSize(frame, w, h)
    local st = stateOf(frame, "SetSize")
    st.width, st.height = w, h
  end
  function base.SetWidth(frame, w) stateOf(frame, "SetWidth").width = w end
  function base.SetHeight(frame, h) stateOf(frame, "SetHeight").height = h end
  function base.GetWidth(frame) return stateOf(frame, "GetWidth").width end
  function base.GetHeight(frame) return stateOf(frame, "GetHeight").height end

  local messageMethods = {}
  function messageMethods.AddMessage(frame, text)
    local st = stateOf(frame, "AddMessage")
    if type(text) ~= "string" and type(text) ~= "number" then
      error("Usage: frame:AddMessage(text [, r, g, b]): text must be a string, got " .. type(text), 2)
    end
    st.messages[#st.messages + 1] = tostring(text)
  end
  function messageMethods.Clear(frame)
    local st = stateOf(frame, "Clear")
    for i = #st.messages, 1, -1 do st.messages[i] = nil end
  end

  for _, typeName in ipairs(FRAME_TYPES) do
    local m = {}
    for k, v in pairs(base) do m[k] = v end
    if typeName == "MessageFrame" or typeName == "ScrollingMessageFrame" then
      for k, v in pairs(messageMethods) do m[k] = v end
    end
    methods[typeName] = { __index = m }
  end

  local function createFrame(frameType, name, parent, template)
    if type(frameType) ~= "string" then
      error("CreateFrame(frameType [, name, parent, template]): frameType must be a string, got "
        .. type(frameType), 2)
    end
    local canonical = FRAME_TYPE_NAMES[frameType:lower()]
    if not canonical then
      error(("CreateFrame(): Unknown frame type %q"):format(frameType), 2)
    end
    if name ~= nil and type(name) ~= "string" then
      error("CreateFrame(): name must be a string or nil, got " .. type(name), 2)
    end
    parent = resolveParent(parent, "CreateFrame()")
    if template ~= nil and type(template) ~= "string" then
      error("CreateFrame(): template must be a string or nil, got " .. type(template), 2)
    end
    if name and name:find("$parent", 1, true) then
      name = name:gsub("%$parent", parent and state[parent].name or "")
    end
    local frame = setmetatable({ [0] = newproxy(false) }, methods[canonical])
    state[frame] = {
      type = canonical, name = name, parent = parent, shown = true,
      scripts = {}, hooks = {}, events = {}, messages = {},
    }
    frames[#frames + 1] = frame
    if name then env[name] = frame end
    return frame
  end

  -- Delivers an event now to the frames registered for it (in registration order).
  local function deliver(event, args)
    local list = eventFrames[event]
    if not list then return end
    local snapshot = {}
    for i = 1, #list do snapshot[i] = list[i] end
    for _, frame in ipairs(snapshot) do
      local st = state[frame]
      if st.events[event] and hasScript(st, "OnEvent") then
        stats.eventsDelivered = stats.eventsDelivered + 1
        callScript(frame, st, "OnEvent", event, unpack(args, 1, args.n))
      end
    end
  end

  ------------------------------------------------------------------------------------------------
  -- C_Timer
  ------------------------------------------------------------------------------------------------
  local timers = {} -- pending timers, unordered
  local timerSeq = 0
  local timerOf = {} -- handle -> timer
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
    t.deadline = now + t.seconds
    t.minFrame = frameIndex + 1 -- never in the timer pass of the frame that created it
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
    timerSeq = timerSeq + 1
    local t = {
      seconds = math.max(seconds, 0), callback = callback, remaining = iterations and math.floor(iterations),
      seq = timerSeq,
    }
    if withHandle then
      t.handle = setmetatable({}, handleMeta)
      timerOf[t.handle] = t
    end
    arm(t)
    return t.handle
  end

  local function timerPass()
    local due, keep = {}, {}
    for _, t in ipairs(timers) do
      if not t.cancelled then -- cancelled timers are dropped
        if t.minFrame <= frameIndex and now + TIME_EPSILON >= t.deadline then
          due[#due + 1] = t
        else
          keep[#keep + 1] = t
        end
      end
    end
    timers = keep
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

  ------------------------------------------------------------------------------------------------
  -- The environment's WoW API
  ------------------------------------------------------------------------------------------------
  env.CreateFrame = createFrame

  function env.GetTime() return now end

  function env.debugprofilestop()
    if profileStep > 0 then
      profileMs = profileMs + profileStep
      pendingBurnMs = pendingBurnMs + profileStep
    end
    return profileMs
  end

  function env.GetFramerate()
    local e = lastElapsed or frameTime
    if e <= 0 then e = frameTime end
    return e > 0 and 1 / e or 60
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

  function env.InCombatLockdown() return combat end

  -- IsInInstance(): inInstance, instanceType ("none", "party", "raid", "pvp", "arena", "scenario").
  function env.IsInInstance() return instanceType ~= "none", instanceType end

  -- Addon restrictions (every flavor has the API and its event, Classic Era included; they are
  -- in force on retail 12.x): Blizzard's enums and C_RestrictedActions.
  -- ADDON_RESTRICTION_STATE_CHANGED fires with state Activating before a restriction is
  -- enforced, and with Inactive once it is lifted; during its dispatch IsAddOnRestrictionActive
  -- always returns false (as documented).
  if hasRestrictions then
    env.Enum = env.Enum or {}
    env.Enum.AddOnRestrictionType = { Combat = 0, Encounter = 1, ChallengeMode = 2, PvPMatch = 3, Map = 4, Chat = 5 }
    env.Enum.AddOnRestrictionState = { Inactive = 0, Activating = 1, Active = 2 }
    env.C_RestrictedActions = {
      IsAddOnRestrictionActive = function(kind)
        if type(kind) ~= "number" then
          error("Usage: C_RestrictedActions.IsAddOnRestrictionActive(type): type must be an Enum.AddOnRestrictionType", 2)
        end
        return not dispatchingRestriction and (restrictionState[kind] or 0) == 2
      end,
      GetAddOnRestrictionState = function(kind)
        if type(kind) ~= "number" then
          error("Usage: C_RestrictedActions.GetAddOnRestrictionState(type): type must be an Enum.AddOnRestrictionType", 2)
        end
        return restrictionState[kind] or 0
      end,
    }
  end

  function env.geterrorhandler() return errorHandler end

  function env.seterrorhandler(fn)
    if type(fn) ~= "function" then
      error("Usage: seterrorhandler(errfunc): errfunc must be a function, got " .. type(fn), 2)
    end
    errorHandler = fn
  end

  -- debugstack([thread,] [start [, count1 [, count2]]]): `start` 1 is the function calling
  -- debugstack; lines beyond count1 + count2 are elided as "...", as the client does.
  function env.debugstack(...)
    local thread, start, count1, count2
    if type((...)) == "thread" then
      thread, start, count1, count2 = ...
    else
      start, count1, count2 = ...
    end
    start, count1, count2 = start or 1, count1 or 12, count2 or 10
    local trace
    if thread then
      trace = debug.traceback(thread, "", math.max(start - 1, 0))
    else
      trace = debug.traceback("", start + 1)
    end
    local lines = {}
    for line in trace:gmatch("[^\n]+") do
      line = line:gsub("^\t", "")
      if line ~= "stack traceback:" and line ~= "..." then lines[#lines + 1] = line end
    end
    if #lines > count1 + count2 then
      local kept = {}
      for i = 1, count1 do kept[#kept + 1] = lines[i] end
      kept[#kept + 1] = "..."
      for i = #lines - count2 + 1, #lines do kept[#kept + 1] = lines[i] end
      lines = kept
    end
    if #lines == 0 then return "" end
    return table.concat(lines, "\n") .. "\n"
  end

  -- String and table helpers the client adds as globals.
  env.strmatch, env.strfind, env.strsub = string.match, string.find, string.sub
  env.strlen, env.strlower, env.strupper = string.len, string.lower, string.upper
  env.strbyte, env.strchar, env.strrep, env.strrev = string.byte, string.char, string.rep, string.reverse
  env.format, env.gsub = string.format, string.gsub
  env.tinsert, env.tremove, env.sort, env.getn = table.insert, table.remove, table.sort, table.getn
  env.floor, env.ceil, env.abs, env.max, env.min, env.sqrt, env.mod =
    math.floor, math.ceil, math.abs, math.max, math.min, math.sqrt, math.fmod

  function env.strsplit(delimiter, str, pieces)
    if type(delimiter) ~= "string" or delimiter == "" then
      error("Usage: strsplit(delimiter, str [, pieces]): delimiter must be a non-empty string", 2)
    end
    if type(str) == "number" then str = tostring(str) end
    if type(str) ~= "string" then
      error("bad argument #2 to 'strsplit' (string expected, got " .. type(str) .. ")", 2)
    end
    if pieces ~= nil and type(pieces) ~= "number" then
      error("bad argument #3 to 'strsplit' (number expected, got " .. type(pieces) .. ")", 2)
    end
    local class = charClass(delimiter)
    local out, n, pos = {}, 0, 1
    while not (pieces and n >= pieces - 1) do
      local s, e = str:find(class, pos)
      if not s then break end
      n = n + 1
      out[n] = str:sub(pos, s - 1)
      pos = e + 1
    end
    n = n + 1
    out[n] = str:sub(pos)
    return unpack(out, 1, n)
  end

  function env.strjoin(delimiter, ...)
    if type(delimiter) ~= "string" and type(delimiter) ~= "number" then
      error("bad argument #1 to 'strjoin' (string expected, got " .. type(delimiter) .. ")", 2)
    end
    local parts = packn(...)
    for i = 1, parts.n do
      local t = type(parts[i])
      if t ~= "string" and t ~= "number" then
        error(("bad argument #%d to 'strjoin' (string expected, got %s)"):format(i + 1, t), 2)
      end
    end
    return table.concat(parts, delimiter, 1, parts.n)
  end

  function env.strconcat(...)
    return env.strjoin("", ...)
  end

  function env.strtrim(str, chars)
    if type(str) == "number" then str = tostring(str) end
    if type(str) ~= "string" then
      error("bad argument #1 to 'strtrim' (string expected, got " .. type(str) .. ")", 2)
    end
    local class = charClass(chars or " \t\r\n")
    return (str:gsub("^" .. class .. "+", ""):gsub(class .. "+$", ""))
  end

  function env.wipe(t)
    if type(t) ~= "table" then
      error("bad argument #1 to 'wipe' (table expected, got " .. type(t) .. ")", 2)
    end
    for k in pairs(t) do t[k] = nil end
    return t
  end

  function env.GetBuildInfo()
    return buildInfo[1], buildInfo[2], buildInfo[3], buildInfo[4]
  end

  function env.hooksecurefunc(a, b, c)
    local target, name, hook
    if type(a) == "table" then target, name, hook = a, b, c else target, name, hook = env, a, b end
    if type(name) ~= "string" or type(hook) ~= "function" then
      error("Usage: hooksecurefunc([table,] \"functionName\", hookfunc)", 2)
    end
    local original = target[name]
    if type(original) ~= "function" then
      error(("hooksecurefunc(): %s is not a function"):format(name), 2)
    end
    target[name] = function(...)
      local results = packn(original(...))
      hook(...)
      return unpack(results, 1, results.n)
    end
  end

  -- Chat: print() and DEFAULT_CHAT_FRAME:AddMessage() both land in sim.chat.
  env.SlashCmdList = {}
  env.UIParent = createFrame("Frame", "UIParent")
  env.WorldFrame = createFrame("Frame", "WorldFrame")
  local chatFrame = createFrame("ScrollingMessageFrame", "ChatFrame1", env.UIParent)
  state[chatFrame].messages = sim.chat
  local chatEditBox = createFrame("EditBox", "ChatFrame1EditBox", chatFrame)
  chatFrame.editBox = chatEditBox
  env.DEFAULT_CHAT_FRAME = chatFrame
  env.SELECTED_CHAT_FRAME = chatFrame

  function env.print(...)
    local parts = packn(...)
    for i = 1, parts.n do parts[i] = tostring(parts[i]) end
    sim.chat[#sim.chat + 1] = table.concat(parts, " ", 1, parts.n)
  end

  -- Deterministic replacements for what would read the real clock or a random seed.
  local function osTime(t)
    if t ~= nil then return os.time(t) end
    return epoch + math.floor(now - startTime)
  end
  env.os.time = osTime
  env.os.clock = function() return (profileMs - startTime * 1000) / 1000 end
  env.os.date = function(fmt, t) return os.date(fmt, t or osTime()) end
  env.time, env.date, env.GetServerTime = env.os.time, env.os.date, osTime

  local seed = 1
  local function randomseed(x)
    seed = math.floor(tonumber(x) or 0) % (RANDOM_MODULUS - 1) + 1
  end
  randomseed(options.seed or 1)
  local function random(m, n)
    seed = seed * 16807 % RANDOM_MODULUS
    local r = (seed - 1) / (RANDOM_MODULUS - 1)
    if m == nil then return r end
    if n == nil then m, n = 1, m end
    m, n = math.floor(m), math.floor(n)
    if m > n then error("bad argument to 'random' (interval is empty)", 2) end
    return m + math.floor(r * (n - m + 1))
  end
  env.math.random, env.math.randomseed = random, randomseed
  env.random, env.fastrandom = random, random

  -- As in the client, loadstring's chunks and getfenv(0) see the addons' global environment.
  function env.loadstring(code, chunkName)
    local fn, err = loadstring(code, chunkName)
    if fn then setfenv(fn, env) end
    return fn, err
  end

  function env.getfenv(f)
    if f == nil then f = 1 end
    if type(f) == "number" and f > 0 then f = f + 1 end
    local found = getfenv(f)
    if found == _G then return env end
    return found
  end

  ------------------------------------------------------------------------------------------------
  -- Simulator methods
  ------------------------------------------------------------------------------------------------

  local function readSource(path)
    local f, err = io.open(path, "rb")
    if not f then error("sim:loadAddon(): cannot read " .. tostring(err), 0) end
    local text = f:read("*a")
    f:close()
    return text
  end

  local function runCode(code, chunkName, name, private)
    local chunk, err = loadstring(code, chunkName)
    if not chunk then
      protect(error, err, 0) -- a syntax error reaches the error handler, as in the client
      return
    end
    setfenv(chunk, env)
    protect(chunk, name, private)
  end

  -- The name the client gives an addon file's chunk, as positions and tracebacks print it:
  -- Interface/AddOns/<addon>/<path in its folder>, wherever the folder is on this disk.
  local function chunkName(path, name, dir)
    if path:sub(1, #dir + 1) == dir .. "/" then
      return "@Interface/AddOns/" .. name .. "/" .. path:sub(#dir + 2)
    end
    return "@" .. path
  end

  local function loadFile(path, name, private, depth, dir)
    if depth > 20 then error("sim:loadAddon(): XML includes nested too deep at " .. path, 0) end
    local ext = path:match("%.([^./]+)$")
    ext = ext and ext:lower()
    if ext == "lua" then
      runCode(readSource(path), chunkName(path, name, dir), name, private)
    elseif ext == "xml" then
      for _, item in ipairs(xmlLoads(readSource(path), path)) do
        if item.kind == "file" then
          loadFile(item.path, name, private, depth + 1, dir)
        else
          runCode(item.code, "@" .. item.name, name, private)
        end
      end
    else
      error("sim:loadAddon(): cannot load " .. path .. " (only .lua and .xml files)", 0)
    end
  end

  -- Loads the addon in `dir` (TOC named after the folder unless `name` is given): its Lua files
  -- and the Lua files its XML files pull in, each called with (name, private). Errors raised by
  -- the files go to the error handler; then ADDON_LOADED(name, false) is delivered (false:
  -- loaded at login, not on demand). Returns the
  -- addon's private table and its TOC metadata.
  function sim.loadAddon(self, dir, name)
    checkSim(self, "loadAddon")
    if type(dir) ~= "string" then error("sim:loadAddon(dir [, name]): dir must be a string", 2) end
    dir = dir:gsub("/+$", "")
    name = name or dir:match("([^/]+)$")
    local tocPath = dir .. "/" .. name .. ".toc"
    local f = io.open(tocPath, "rb")
    if not f then error("sim:loadAddon(): no TOC at " .. tocPath, 2) end
    f:close()
    local meta, files = client.readToc(tocPath)
    local private = {}
    for _, file in ipairs(files) do
      loadFile(dir .. "/" .. file:gsub("\\", "/"), name, private, 0, dir)
    end
    deliver("ADDON_LOADED", packn(name, false))
    return private, meta
  end

  local function checkEvent(event, method)
    if type(event) ~= "string" or not event:match("^[A-Z][A-Z0-9_]*$") then
      error(("sim:%s(): bad event name %s"):format(method, describe(event)), 3)
    end
  end

  function sim.fireEvent(self, event, ...)
    checkSim(self, "fireEvent")
    checkEvent(event, "fireEvent")
    eventQueue[#eventQueue + 1] = { event = event, args = packn(...) }
  end

  local function frameBody(elapsed)
    local queue = eventQueue
    eventQueue = {}
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
    if loggedIn then error("sim:login(): the player is already logged in", 2) end
    loggedIn = true
    for _, item in ipairs(LOGIN_EVENTS) do
      deliver(item[1], packn(unpack(item, 2, item.n + 1)))
    end
  end

  function sim.runFrame(self, seconds)
    checkSim(self, "runFrame")
    if inFrame then error("sim:runFrame(): called from inside a frame", 2) end
    if not loggedIn then sim.login(sim) end
    if seconds ~= nil and (type(seconds) ~= "number" or seconds < 0) then
      error("sim:runFrame([seconds]): seconds must be a non-negative number", 2)
    end
    local elapsed = seconds or (frameTime + pendingBurnMs / 1000)
    pendingBurnMs = 0
    now = now + elapsed
    frameStartMs = math.max(profileMs, frameStartMs + elapsed * 1000)
    profileMs = frameStartMs
    lastElapsed = elapsed
    frameIndex = frameIndex + 1
    stats.frames = frameIndex
    inFrame = true
    local ok, err = pcall(frameBody, elapsed)
    inFrame = false
    if not ok then error(err, 0) end
  end

  function sim.runFrames(self, n, seconds)
    checkSim(self, "runFrames")
    if type(n) ~= "number" or n < 0 or n % 1 ~= 0 then
      error("sim:runFrames(n [, seconds]): n must be a non-negative integer", 2)
    end
    for _ = 1, n do sim.runFrame(sim, seconds) end
  end

  function sim.burn(self, ms)
    checkSim(self, "burn")
    if type(ms) ~= "number" or ms < 0 then
      error("sim:burn(ms): ms must be a non-negative number", 2)
    end
    profileMs = profileMs + ms
    pendingBurnMs = pendingBurnMs + ms
  end

  -- Enters an instance of `kind` ("party", "raid", "pvp", "arena", "scenario") or leaves it ("none").
  function sim.setInstance(self, kind)
    checkSim(self, "setInstance")
    if type(kind) ~= "string" then error("sim:setInstance(kind): expected an instance type such as \"raid\" or \"none\"", 2) end
    instanceType = kind
  end

  -- Turns an addon restriction (a name of Enum.AddOnRestrictionType) on or off, with its event
  -- at the start of the next frame as the client fires it (on: Activating during dispatch, Active
  -- after; off: Inactive).
  function sim.setRestriction(self, name, active)
    checkSim(self, "setRestriction")
    local kind = hasRestrictions and env.Enum.AddOnRestrictionType[name]
    if kind == nil or type(active) ~= "boolean" then
      error("sim:setRestriction(name, active): expected a restriction this client has and a boolean", 2)
    end
    local item = { event = "ADDON_RESTRICTION_STATE_CHANGED" }
    if active then
      item.args = packn(kind, 1)
      item.before = function() restrictionState[kind] = 1; dispatchingRestriction = true end
      item.after = function() restrictionState[kind] = 2; dispatchingRestriction = false end
    else
      item.args = packn(kind, 0)
      item.before = function() restrictionState[kind] = 0; dispatchingRestriction = true end
      item.after = function() dispatchingRestriction = false end
    end
    eventQueue[#eventQueue + 1] = item
  end

  function sim.setCombat(self, inCombat)
    checkSim(self, "setCombat")
    if type(inCombat) ~= "boolean" then error("sim:setCombat(inCombat): expected a boolean", 2) end
    if inCombat == combat then return end
    combat = inCombat
    sim.fireEvent(sim, inCombat and "PLAYER_REGEN_DISABLED" or "PLAYER_REGEN_ENABLED")
  end

  -- Runs a chat line such as "/cmd arg" the way the chat edit box does. Returns true when a
  -- SlashCmdList handler took it; otherwise the client's "unknown command" line goes to chat.
  function sim.slash(self, text)
    checkSim(self, "slash")
    if type(text) ~= "string" or not text:match("^/%S") then
      error("sim:slash(text): text must be a chat command such as \"/cmd args\"", 2)
    end
    local command, rest = text:match("^(/%S+)%s*(.-)%s*$")
    command = command:upper()
    local keys = {}
    for key in pairs(env.SlashCmdList) do
      if type(key) == "string" then keys[#keys + 1] = key end
    end
    table.sort(keys)
    for _, key in ipairs(keys) do
      local i = 1
      while true do
        local alias = rawget(env, "SLASH_" .. key .. i)
        if alias == nil then break end
        if type(alias) == "string" and alias:upper() == command then
          protect(env.SlashCmdList[key], rest, chatEditBox)
          return true
        end
        i = i + 1
      end
    end
    sim.chat[#sim.chat + 1] = "Type '/help' for a listing of a few commands."
    return false
  end

  return sim
end

return client
