-- File helpers for specs that build addon folders on disk (the simulator loads from disk).
local files = {}

function files.read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

function files.write(path, text)
  local dir = path:match("^(.*)/[^/]+$")
  if dir then assert(os.execute("mkdir -p '" .. dir .. "'") == 0, "mkdir " .. dir) end
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

return files
