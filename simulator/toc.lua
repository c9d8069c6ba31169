-- Reading an addon's folder as the client does: its TOC (metadata and the files it lists), and
-- the files an XML file loads.
local toc = {}

function toc.readFile(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

-- Parses a TOC file: returns its metadata (## Key: value) and the list of files it loads.
function toc.read(path)
  local meta, files = {}, {}
  for line in toc.readFile(path):gmatch("[^\r\n]+") do
    local key, value = line:match("^##%s*([^:]+):%s*(.-)%s*$")
    if key then
      meta[key] = value
    elseif not line:match("^%s*#") and line:match("%S") then
      files[#files + 1] = (line:gsub("%s+$", ""))
    end
  end
  return meta, files
end

-- The files an XML file loads, in document order: { kind = "file", path = ... } for
-- <Script file="..."/> and <Include file="..."/>, { kind = "code", code = ..., name = ... } for
-- inline <Script>...</Script>. Other elements (frames, templates) are not simulated.
function toc.xmlLoads(text, xmlPath)
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

return toc
