-- Loading addons into the simulated client: sim:loadAddon() runs the Lua files an addon's TOC
-- lists and those its XML files pull in, each chunk named as the client names it and called with
-- (name, private), its errors going to the error handler.
local packn = require("world").packn
local toc = require("toc")

return function(w)
  local env, sim, checkSim, protect = w.env, w.sim, w.checkSim, w.protect

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
      for _, item in ipairs(toc.xmlLoads(readSource(path), path)) do
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
    local meta, files = toc.read(tocPath)
    local private = {}
    for _, file in ipairs(files) do
      loadFile(dir .. "/" .. file:gsub("\\", "/"), name, private, 0, dir)
    end
    w.deliver("ADDON_LOADED", packn(name, false))
    return private, meta
  end
end
