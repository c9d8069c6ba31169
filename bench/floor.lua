-- The floor: the least any scheduler must do. One coroutine.create per task from a shared body
-- function, an array FIFO of task ids, and per-task result / waiter slots in arrays indexed by
-- task id. No records, no pooling, no checks. Workloads mirror bench/ours.lua.
local create, resume, yield, status = coroutine.create, coroutine.resume, coroutine.yield, coroutine.status

local M = {}

-- Per-task slots, indexed by task id. Like our scheduler's queue, they persist across runs:
-- a run overwrites them rather than allocating new tables.
local cos, args, res, dead, waiters = {}, {}, {}, {}, {}
local lastId = 0
local run, runPos, runLen, nxt, nxtLen = {}, 1, 0, {}, 0 -- two-array FIFO of task ids
local YIELD = {}

local function reset()
  lastId = 0
end

local function push(id)
  nxtLen = nxtLen + 1
  nxt[nxtLen] = id
end

local function spawn(body, arg)
  local id = lastId + 1
  lastId = id
  cos[id] = create(body)
  args[id] = arg
  dead[id] = false
  push(id)
  return id
end

-- Inside a task: wait until task `id` is dead and return its result.
local function await(id)
  if not dead[id] then
    yield(id)
  end
  return res[id]
end

local function wake(id)
  local w = waiters[id]
  if w then
    waiters[id] = nil
    if type(w) == "number" then
      push(w)
    else
      for i = 1, #w do push(w[i]) end
    end
  end
end

-- Runs queued tasks until none is left, or `limit` resumes have been made.
local function runAll(limit)
  for _ = 1, limit or math.huge do
    if runPos > runLen then
      if nxtLen == 0 then return end
      run, nxt = nxt, run
      runPos, runLen, nxtLen = 1, nxtLen, 0
    end
    local id = run[runPos]
    run[runPos] = nil
    runPos = runPos + 1
    local co = cos[id]
    local ok, r = resume(co, args[id])
    if status(co) == "dead" then
      res[id], dead[id], cos[id] = r, true, nil
      wake(id)
    elseif r == YIELD then
      push(id)
    else -- waiting for task r
      local w = waiters[r]
      if w == nil then
        waiters[r] = id
      elseif type(w) == "number" then
        waiters[r] = { w, id }
      else
        w[#w + 1] = id
      end
    end
  end
end

local function identity(x) return x end

function M.spawn(n)
  reset()
  for i = 1, n do spawn(identity, i) end
  runAll()
  local sum = 0
  for i = 1, n do sum = sum + res[i] end
  return sum
end

function M.switch(tasks, yields)
  reset()
  local count = 0
  local function worker()
    for _ = 1, yields do
      count = count + 1
      yield(YIELD)
    end
  end
  for _ = 1, tasks do spawn(worker) end
  runAll()
  return count
end

function M.await(parents, children)
  reset()
  local function child(x)
    yield(YIELD)
    return x
  end
  local total = 0
  local function parent()
    for j = 1, children do
      local v = await(spawn(child, j)) -- read `total` after the await, not before
      total = total + v
    end
  end
  for _ = 1, parents do spawn(parent) end
  runAll()
  return total
end

function M.fanout(n)
  reset()
  local sum = 0
  local function parent()
    local first = lastId + 1
    for i = 1, n do spawn(identity, i) end
    for id = first, first + n - 1 do
      local v = await(id)
      sum = sum + v
    end
  end
  spawn(parent)
  runAll()
  return sum
end

-- Suspends n tasks on one gate task; returns the function that releases them all.
function M.live(n)
  reset()
  local open = false
  local released = 0
  local gate = spawn(function()
    while not open do yield(YIELD) end
  end)
  local function waiter()
    await(gate)
    released = released + 1
  end
  for _ = 1, n do spawn(waiter) end
  runAll(n + 1) -- one pass: the gate yields, every waiter suspends on it
  return function()
    open = true
    runAll()
    return released
  end
end

return M
