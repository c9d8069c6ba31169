-- Spec failures at their TypeScript lines: rewrites "build/spec/x.lua:LINE" positions in busted's
-- failure messages and tracebacks to "x.ts:LINE" with the source maps the spec build writes
-- beside each Lua file (spec/tsconfig.json: sourceMap). Host-side only (files, busted's modules):
-- nothing of it reaches the built addon. A position without a map, or on a Lua line that maps to
-- no TypeScript (lualib imports, the module's return), is left as it is.
local positions = {}

local files = require("files")

local floor, concat = math.floor, table.concat

local BASE64 = {}
do
  local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  for i = 1, #chars do BASE64[chars:byte(i)] = i - 1 end
end

-- "a/b/../c" -> "a/c"; "./a" -> "a". Leading ".." that cannot be resolved are kept.
local function normalize(path)
  local parts = {}
  for part in path:gmatch("[^/]+") do
    if part == ".." and #parts > 0 and parts[#parts] ~= ".." then
      parts[#parts] = nil
    elseif part ~= "." then
      parts[#parts + 1] = part
    end
  end
  return concat(parts, "/")
end

-- The TypeScript file a map's source names, as a path from the working directory (the repository
-- root, where busted runs). TSTL writes the spec build's sources one folder too far up, so a source
-- that does not resolve from the map's folder is read from the root (the spec build's rootDir).
local function sourcePath(mapPath, sourceRoot, source)
  local dir = mapPath:match("^(.*)/[^/]*$") or "."
  local resolved = normalize(dir .. "/" .. (sourceRoot or "") .. "/" .. source)
  if files.exists(resolved) then return resolved end
  while source:match("^%.%.?/") do source = source:gsub("^%.%.?/", "") end
  return normalize(source)
end

-- Decodes a map's "mappings" into: Lua line -> { source index, TypeScript line }, from the first
-- segment of each line that names a source (Lua positions carry no column).
local function decodeMappings(mappings)
  local lines = {}
  local line, src, srcLine = 1, 0, 0
  local fields, value, scale = {}, 0, 1
  local first = true -- no segment of this line recorded yet
  for i = 1, #mappings do
    local c = mappings:byte(i)
    if c == 59 or c == 44 then -- ";" ends a line, "," a segment
      if #fields >= 4 then
        src, srcLine = src + fields[2], srcLine + fields[3]
        if first then lines[line] = { src, srcLine + 1 }; first = false end
      end
      fields = {}
      if c == 59 then line, first = line + 1, true end
    else
      local digit = BASE64[c]
      if digit == nil then error("positions: bad character in source map mappings", 0) end
      if digit >= 32 then
        value, scale = value + (digit - 32) * scale, scale * 32
      else
        value = value + digit * scale
        local n = floor(value / 2)
        fields[#fields + 1] = value % 2 == 1 and -n or n
        value, scale = 0, 1
      end
    end
  end
  if #fields >= 4 then
    src, srcLine = src + fields[2], srcLine + fields[3]
    if first then lines[line] = { src, srcLine + 1 } end
  end
  return lines
end

-- JSON string fields of a TSTL map, read by pattern (its maps are flat objects whose strings
-- hold no quotes: base64 mappings and paths).
local function jsonString(text, key)
  return text:match('"' .. key .. '"%s*:%s*"([^"]*)"')
end

local function jsonStrings(text, key)
  local list = {}
  local body = text:match('"' .. key .. '"%s*:%s*%[(.-)%]')
  for s in (body or ""):gmatch('"(.-)"') do list[#list + 1] = s end
  return list
end

local maps = {} -- Lua path -> { lines, sources } or false (no map)

local function mapOf(luaPath)
  local map = maps[luaPath]
  if map ~= nil then return map end
  map = false
  if files.exists(luaPath .. ".map") then
    local text = files.read(luaPath .. ".map")
    local mappings = jsonString(text, "mappings")
    if mappings then
      local root = jsonString(text, "sourceRoot")
      local sources = {}
      for i, s in ipairs(jsonStrings(text, "sources")) do
        sources[i - 1] = sourcePath(luaPath .. ".map", root, s)
      end
      map = { lines = decodeMappings(mappings), sources = sources }
    end
  end
  maps[luaPath] = map
  return map
end

-- A path Lua cut short ("...c/spec/x_spec.lua") is found among the maps read so far.
local function fullPath(path)
  if path:sub(1, 3) ~= "..." then return path end
  local tail = path:sub(4)
  for known in pairs(maps) do
    if known:sub(-#tail) == tail then return known end
  end
  return path
end

--- The TypeScript file and line of a Lua position, or nil when it has none.
function positions.lookup(luaPath, line)
  local map = mapOf(fullPath(luaPath))
  local at = map and map.lines[tonumber(line)]
  if not at or not map.sources[at[1]] then return nil end
  return map.sources[at[1]], at[2]
end

--- `text` with every "file.lua:LINE" that has a TypeScript position rewritten to "file.ts:LINE".
function positions.rewrite(text)
  if type(text) ~= "string" then return text end
  return (text:gsub("([%w_%./%-]+%.lua):(%d+)", function(path, line)
    local file, tsLine = positions.lookup(path, line)
    if file then return file .. ":" .. tsLine end
  end))
end

-- A busted trace (debug.getinfo's fields plus traceback) at its TypeScript position.
local function rewriteTrace(info)
  if type(info) ~= "table" then return info end
  local path = type(info.source) == "string" and info.source:match("^@(.*)$") or info.short_src
  if path then
    local file, line = positions.lookup(path, info.currentline)
    if file then info.short_src, info.currentline = file, line end
    local _, defined = positions.lookup(path, info.linedefined)
    if defined then info.linedefined = defined end
  end
  info.traceback = positions.rewrite(info.traceback)
  return info
end

--- Makes busted report the spec files it loads at their TypeScript positions: its Lua file loader
--- returns, with each file, the trace and message rewriters busted applies to every failure and
--- error of that file (the hooks it has for files compiled from other languages).
function positions.install()
  -- By a variable: TSTL would take a literal module name for one of the spec build's own.
  local busted = "busted.modules.files.lua"
  local loader = require(busted)
  if loader.positionsInstalled then return end
  loader.positionsInstalled = true
  local load = loader.load
  loader.load = function(runner, filename)
    local file, getTrace, rewriteMessage = load(runner, filename)
    return file, function(name, info)
      return rewriteTrace(getTrace and getTrace(name, info) or info)
    end, function(name, message)
      if rewriteMessage then message = rewriteMessage(name, message) end
      return positions.rewrite(message)
    end
  end
end

return positions
