-- luacheck over the built addon. The bundle may define exactly the globals we publish; it may
-- read only Lua 5.1's standard globals (minus what WoW lacks) and the WoW API.
std = "lua51"
not_globals = { "io", "dofile", "loadfile", "module" }
globals = { "AsyncAwait" }
read_globals = {
  -- WoW API
  "CreateFrame", "GetTime", "debugprofilestop", "C_Timer", "InCombatLockdown",
  "geterrorhandler", "seterrorhandler", "debugstack", "strmatch", "strsplit", "wipe", "tinsert",
  "SlashCmdList", "DEFAULT_CHAT_FRAME", "GetBuildInfo", "LibStub",
}
-- Only global-variable warnings gate the build: the Lua is generated, so style checks such as
-- unused locals of the bundle prelude say nothing about our code.
only = { "111", "112", "113", "121", "122" }
max_line_length = false
