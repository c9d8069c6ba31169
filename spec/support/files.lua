-- File helpers for specs and suites that build addon folders on disk (the simulator loads from
-- disk): the one home of reading, writing, existence and temporary folders. Busted specs import
-- it (files.d.ts); the plain-Lua suites put spec/support/?.lua on package.path and require "files".
local files = {}

--- The contents of a file (raises when it cannot be read).
function files.read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

--- Writes a file, creating its folder.
function files.write(path, text)
  local dir = path:match("^(.*)/[^/]+$")
  if dir then assert(os.execute("mkdir -p '" .. dir .. "'") == 0, "mkdir " .. dir) end
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

--- Whether a file exists (can be opened for reading).
function files.exists(path)
  local f = io.open(path, "rb")
  if f then f:close() end
  return f ~= nil
end

--- A new empty folder under the system's temporary folder (mktemp -d), left for the OS to clean.
function files.tempDir()
  local pipe = assert(io.popen("mktemp -d"))
  local dir = pipe:read("*l")
  pipe:close()
  assert(dir and dir ~= "", "mktemp -d gave no folder")
  return dir
end

return files
