-- Chat and slash commands: the UIParent, WorldFrame and ChatFrame1 frames, print() and
-- DEFAULT_CHAT_FRAME:AddMessage() (both land in sim.chat), SlashCmdList and sim:slash().
local packn = require("world").packn

return function(w)
  local env, sim, checkSim, protect = w.env, w.sim, w.checkSim, w.protect

  -- Chat: print() and DEFAULT_CHAT_FRAME:AddMessage() both land in sim.chat.
  env.SlashCmdList = {}
  env.UIParent = w.createFrame("Frame", "UIParent")
  env.WorldFrame = w.createFrame("Frame", "WorldFrame")
  local chatFrame = w.createFrame("ScrollingMessageFrame", "ChatFrame1", env.UIParent)
  w.frameState[chatFrame].messages = sim.chat
  local chatEditBox = w.createFrame("EditBox", "ChatFrame1EditBox", chatFrame)
  chatFrame.editBox = chatEditBox
  env.DEFAULT_CHAT_FRAME = chatFrame
  env.SELECTED_CHAT_FRAME = chatFrame

  function env.print(...)
    local parts = packn(...)
    for i = 1, parts.n do parts[i] = tostring(parts[i]) end
    sim.chat[#sim.chat + 1] = table.concat(parts, " ", 1, parts.n)
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
end
