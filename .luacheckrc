-- luacheck over the built addon. The bundle may define exactly the globals we publish; it may
-- read only Lua 5.1's standard globals (minus what WoW lacks) and the WoW API.
std = "lua51"
not_globals = { "io", "dofile", "loadfile", "module" }
-- AsyncAwait (the standalone addon's global), and the /asyncawait and /aa slash command names.
globals = { "AsyncAwait", "SLASH_ASYNCAWAIT1", "SLASH_ASYNCAWAIT2" }
read_globals = {
  SlashCmdList = { other_fields = true, read_only = false }, -- we add our command to it
  -- WoW API
  "CreateFrame", "GetTime", "debugprofilestop", "C_Timer", "InCombatLockdown",
  "geterrorhandler", "seterrorhandler", "debugstack", "strmatch", "strsplit", "wipe", "tinsert",
  "DEFAULT_CHAT_FRAME", "GetBuildInfo", "LibStub",
}
-- Only global-variable warnings gate the build: the Lua is generated, so style checks such as
-- unused locals of the bundle prelude say nothing about our code.
only = { "111", "112", "113", "121", "122" }
max_line_length = false
-- The LuaLS annotations, never loaded by the client, declare LibStub for editors that know no
-- other annotation of it.
files["**/AsyncAwait.meta.lua"] = { globals = { "LibStub" } }
