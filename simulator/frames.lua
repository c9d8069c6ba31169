-- Frames: CreateFrame and the frame types' methods (scripts and their hooks, events, visibility,
-- parents, names; layout is not simulated), and the delivery of an event to the frames
-- registered for it. Publishes w.createFrame, w.deliver(event, args), w.isVisible,
-- w.hasScript and w.callScript for the frame loop.
local describe = require("world").describe

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

return function(w)
  local env, stats, protect = w.env, w.stats, w.protect
  local frames, state, eventFrames = w.frames, w.frameState, w.eventFrames
  local unknownEvents = w.unknownEvents
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

  env.CreateFrame = createFrame
  w.createFrame, w.deliver = createFrame, deliver
  w.isVisible, w.hasScript, w.callScript = isVisible, hasScript, callScript
end
