-- Loads src modules anew, for specs that want a fresh scheduler per test (see fresh.ts).
local modules = {}

-- Forgets every loaded src module, then requires `names` (each "src.x.y") and returns them by name.
function modules.reload(names)
  for name in pairs(package.loaded) do
    if name:sub(1, 4) == "src." then package.loaded[name] = nil end
  end
  local loaded = {}
  for _, name in ipairs(names) do loaded[name] = require(name) end
  return loaded
end

return modules
