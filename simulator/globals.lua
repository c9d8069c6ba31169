-- The client's global helpers: the string, table and math aliases (strsplit, strjoin, strtrim,
-- wipe, tinsert, ...), hooksecurefunc, and loadstring/getfenv as the client has them (their
-- chunks and getfenv(0) see the addons' global environment).
local packn = require("world").packn

-- A Lua pattern character class matching any one character of `chars`.
local function charClass(chars)
  return "[" .. chars:gsub("[%]%^%-%%]", "%%%0") .. "]"
end

return function(w)
  local env = w.env

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
end
