-- Errors: script handlers run protected; their errors go to the current error handler
-- (seterrorhandler), by default one that collects them in sim.errors. Also debugstack.
-- Publishes w.protect(fn, ...), which calls fn the way the client calls a script.
local packn = require("world").packn

return function(w)
  local env, sim = w.env, w.sim

  local function defaultErrorHandler(err)
    sim.errors[#sim.errors + 1] = err
    return err
  end
  w.errorHandler = defaultErrorHandler

  local function onError(err)
    local ok, handlerErr = pcall(w.errorHandler, err)
    if not ok then
      sim.errors[#sim.errors + 1] = "error in error handler: " .. tostring(handlerErr)
    end
    return err
  end

  -- Calls fn(...) the way the client calls a script: errors go to the error handler.
  function w.protect(fn, ...)
    local args = packn(...)
    return xpcall(function() return fn(unpack(args, 1, args.n)) end, onError)
  end

  function env.geterrorhandler() return w.errorHandler end

  function env.seterrorhandler(fn)
    if type(fn) ~= "function" then
      error("Usage: seterrorhandler(errfunc): errfunc must be a function, got " .. type(fn), 2)
    end
    w.errorHandler = fn
  end

  -- debugstack([thread,] [start [, count1 [, count2]]]): `start` 1 is the function calling
  -- debugstack; lines beyond count1 + count2 are elided as "...", as the client does.
  function env.debugstack(...)
    local thread, start, count1, count2
    if type((...)) == "thread" then
      thread, start, count1, count2 = ...
    else
      start, count1, count2 = ...
    end
    start, count1, count2 = start or 1, count1 or 12, count2 or 10
    local trace
    if thread then
      trace = debug.traceback(thread, "", math.max(start - 1, 0))
    else
      trace = debug.traceback("", start + 1)
    end
    local lines = {}
    for line in trace:gmatch("[^\n]+") do
      line = line:gsub("^\t", "")
      if line ~= "stack traceback:" and line ~= "..." then lines[#lines + 1] = line end
    end
    if #lines > count1 + count2 then
      local kept = {}
      for i = 1, count1 do kept[#kept + 1] = lines[i] end
      kept[#kept + 1] = "..."
      for i = #lines - count2 + 1, #lines do kept[#kept + 1] = lines[i] end
      lines = kept
    end
    if #lines == 0 then return "" end
    return table.concat(lines, "\n") .. "\n"
  end
end
