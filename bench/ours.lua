-- The workloads on our scheduler: the built addon/AsyncAwait bundle, loaded as the client loads
-- it, used only through its public API. Mirrors bench/floor.lua and bench/native/workloads.ts.
return function(A)
  local async, await, yield, scheduleAll = A.async, A.await, A.yield, A.scheduleAll
  local M = {}

  local identity = async(function(x) return x end)

  function M.spawn(n)
    local futures = {}
    for i = 1, n do futures[i] = identity(i) end
    scheduleAll()
    local sum = 0
    for i = 1, n do sum = sum + await(futures[i]) end
    return sum
  end

  function M.switch(tasks, yields)
    local count = 0
    local worker = async(function()
      for _ = 1, yields do
        count = count + 1
        yield()
      end
    end)
    for _ = 1, tasks do worker() end
    scheduleAll()
    return count
  end

  function M.await(parents, children)
    local total = 0
    local child = async(function(x)
      yield()
      return x
    end)
    local parent = async(function()
      for j = 1, children do
        local v = await(child(j))
        total = total + v
      end
    end)
    for _ = 1, parents do parent() end
    scheduleAll()
    return total
  end

  function M.fanout(n)
    local sum = 0
    local parent = async(function()
      local futures = {}
      for i = 1, n do futures[i] = identity(i) end
      for i = 1, n do
        local v = await(futures[i])
        sum = sum + v
      end
    end)
    parent()
    scheduleAll()
    return sum
  end

  function M.live(n)
    local open, released = false, 0
    local gate = async(function()
      while not open do yield() end
    end)()
    local waiter = async(function()
      await(gate)
      released = released + 1
    end)
    for _ = 1, n do waiter() end
    for _ = 1, n + 1 do A.schedule() end -- one pass: the gate yields, every waiter suspends
    return function()
      open = true
      scheduleAll()
      return released
    end
  end

  return M
end
