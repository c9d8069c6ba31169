-- AsyncAwait: async/await on the shared scheduler (wow-asyncawait/plugin).
local ____AA_lib, ____AA_newTask, ____AA_startNew, ____AA_completeNew, ____AA_awaitTask, ____AA_owner, ____AA_start, ____AA_yield
-- Starts inside a call under way (the library's; see ____AA_await).
local ____AA_eager = { depth = 0 }
local function ____AA_library()
    if ____AA_lib == nil then
        local lib = LibStub and LibStub("AsyncAwait-1.0", true)
        if not lib then
            error("AsyncAwait: an async function of Snapshots needs the AsyncAwait library: load the AsyncAwait addon or a copy embedding it first (or import wow-asyncawait)", 3)
        end
        ____AA_lib = lib.forAddon("Snapshots")
        ____AA_start, ____AA_yield = ____AA_lib.startTask, ____AA_lib.yield
        -- As JavaScript starts an async function: its body runs in the call, up to its first
        -- await, where the library can (the "start" option: "eager").
        local core = lib._state and lib._state.core
        if core and core.startNow and core.eagerState then
            ____AA_newTask, ____AA_owner, ____AA_start = core.newTask, core.ownerNamed("Snapshots"), core.startNow
            -- (a task made and started in one call, one run to its end, the await of a future as
            -- such, where the library has them)
            ____AA_startNew, ____AA_completeNew, ____AA_awaitTask = core.startNew, core.completeNew, core.awaitTask
            ____AA_eager = core.eagerState()
        end
    end
    return ____AA_lib
end
local function ____AA_make(fn, origin, callsNothing)
    local deferred = ____AA_library().async(fn, origin) -- (it records where fn is made, for reports)
    if ____AA_newTask == nil then
        return deferred
    end
    local startNew, owner = ____AA_startNew, ____AA_owner
    if callsNothing and ____AA_completeNew ~= nil then
        startNew = ____AA_completeNew -- (its body cannot suspend: see ____AA_async)
    end
    if startNew ~= nil then
        return function(...)
            return startNew(owner, fn, ...)
        end
    end
    local newTask, start = ____AA_newTask, ____AA_start
    return function(...)
        local task = newTask("pending", owner, fn, ...)
        start(task)
        return task
    end
end
local function ____AA_async(fn, origin, callsNothing)
    -- callsNothing: fn's Lua calls no function, so its body cannot suspend (Lua 5.1 yields from
    -- no metamethod): its tasks run to their end in the call, with no coroutine.
    if LibStub and LibStub("AsyncAwait-1.0", true) then
        return ____AA_make(fn, origin, callsNothing)
    end
    local wrapped
    return function(...)
        wrapped = wrapped or ____AA_make(fn, origin, callsNothing)
        return wrapped(...)
    end
end
local ____AA_taskMeta, ____AA_awaitFuture, ____AA_awaitAny
local ____AA_getmetatable, ____AA_type = getmetatable, type
local function ____AA_await(value)
    -- JavaScript's await. A future is awaited directly once its metatable is known (the task
    -- metatable every copy of the library shares); a plain value passes through. While its
    -- body runs inside the call that started it, a task's await always returns to that caller
    -- (JavaScript's first await does), though what it awaits is ready.
    if value == nil then
        -- (the await of a call that returns nothing, such as yield(): no type to ask for)
        if ____AA_eager.depth > 0 then
            ____AA_yield()
        end
        return nil
    end
    local meta = ____AA_getmetatable(value)
    if meta == ____AA_taskMeta and meta ~= nil then
        if ____AA_eager.depth > 0 and value.state == "dead" then
            ____AA_yield()
        end
        return ____AA_awaitFuture(value)
    end
    if ____AA_type(value) ~= "table" then
        if ____AA_eager.depth > 0 then
            ____AA_yield()
        end
        return value
    end
    local lib = ____AA_library()
    if ____AA_taskMeta == nil and lib.isFuture(value) then
        ____AA_taskMeta, ____AA_awaitFuture = meta, ____AA_awaitTask or lib.await
        return ____AA_await(value)
    end
    if ____AA_eager.depth > 0 then
        ____AA_yield()
    end
    ____AA_awaitAny = ____AA_awaitAny or lib.awaitAny
    return ____AA_awaitAny(value)
end
local function ____AA_return(value)
    -- An async function's return value whose type a promise may have: a future or any
    -- promise-like is adopted (its outcome becomes this task's), as JavaScript's resolve does.
    if ____AA_type(value) == "table" and ____AA_type(value["then"]) == "function" then
        return ____AA_await(value)
    end
    return value
end
local function ____AA_run(fn, ...)
    local task = ____AA_library().createTask(fn, ...)
    ____AA_start(task)
    return task
end
local function ____AA_join(task)
    -- The wait for a try statement's chain or a using block: it suspends only if they do.
    return ____AA_lib.await(task)
end
local function ____AA_settle(task)
    -- Waits for a task without raising: true and its values, or false and its error (it is
    -- dead by the pcall: nothing yields inside it).
    ____AA_lib.joinTask(task)
    return pcall(____AA_lib.await, task)
end
local function ____AA_catch(try, onError)
    -- A try block's catch: the catch block's task, started once the try block has failed.
    return ____AA_run(function()
        local ok, err = ____AA_settle(try)
        if not ok then
            return ____AA_lib.await(onError(nil, err))
        end
    end)
end
local function ____AA_finally(try, onFinally)
    return ____AA_run(function()
        local ok, err = ____AA_settle(try)
        ____AA_lib.await(onFinally())
        if not ok then
            error(err, 0)
        end
    end)
end
local function ____AA_dispose(resource, Symbol)
    local asyncDispose = resource[Symbol.asyncDispose]
    if asyncDispose ~= nil then
        return ____AA_await(asyncDispose(resource))
    end
    resource[Symbol.dispose](resource)
end
local function ____AA_using(Symbol, block, ...)
    -- `await using` (and `using` in an async function): the block runs as a task; once it has
    -- settled, each resource is disposed, last first (an async disposal awaited). The block's
    -- error, or the first disposal error, is the outcome; a disposal error after another is
    -- a SuppressedError of both, as in JavaScript.
    local n, resources = select("#", ...), { ... }
    local body = ____AA_run(block, ...)
    return ____AA_run(function()
        local results = { ____AA_settle(body) }
        local ok, err = results[1], results[2]
        for i = n, 1, -1 do
            if resources[i] ~= nil then
                local disposed, problem = ____AA_settle(____AA_run(____AA_dispose, resources[i], Symbol))
                if not disposed then
                    if not ok then
                        problem = { name = "SuppressedError", message = "An error was suppressed during disposal.", error = problem, suppressed = err }
                    end
                    ok, err = false, problem
                end
            end
        end
        if not ok then
            error(err, 0)
        end
        return results[2]
    end)
end
local function ____awaiter_resolve(_, ...)
    return ...
end
local function ____AA_adopt(Promise, Symbol)
    -- TypeScriptToLua's Promise adopts only its instances (Promise.all, resolve(x), then's
    -- return values): futures count as instances too. They answer then and addCallbacks.
    if rawget(Promise, Symbol.hasInstance) ~= nil then
        return
    end
    Promise[Symbol.hasInstance] = function(cls, value)
        if type(value) ~= "table" then
            return false
        end
        local class = value.constructor
        while class ~= nil do
            if class == cls then
                return true
            end
            class = class.____super
        end
        local lib = LibStub and LibStub("AsyncAwait-1.0", true)
        return lib ~= nil and lib.isFuture(value)
    end
end
local ____exports = {}
____exports.steps = ____AA_async(
    function(self)
        local log = ""
        for ____, i in ipairs({
            1,
            2,
            3,
            4,
            5
        }) do
            do
                local __continue3
                repeat
                    local ____hasBroken, ____hasContinued
                    local ____try = ____AA_run(function()
                        if i == 2 then
                            ____hasContinued = true
                            return
                        end
                        if i == 4 then
                            ____hasBroken = true
                            return
                        end
                        log = log .. ____AA_await(step(nil, i))
                    end)
                    ____try = ____AA_catch(
                        ____try,
                        function(____, e)
                            return ____AA_run(function()
                                log = log .. "c" .. tostring(e)
                            end)
                        end
                    )
                    ____try = ____AA_finally(
                        ____try,
                        function()
                            return ____AA_run(function()
                                log = log .. "f"
                            end)
                        end
                    )
                    ____AA_join(____try)
                    if ____hasBroken then
                        break
                    end
                    if ____hasContinued then
                        __continue3 = true
                        break
                    end
                    __continue3 = true
                until true
                if not __continue3 then
                    break
                end
            end
        end
        local ____hasReturned, ____returnValue
        local ____try = ____AA_run(function()
            ____hasReturned = true
            ____returnValue = (log .. " ") .. ____AA_await(step(nil, 0))
            return
        end)
        ____try = ____AA_finally(
            ____try,
            function()
                return ____AA_run(function()
                    log = log .. " (finally ran)"
                end)
            end
        )
        ____AA_join(____try)
        if ____hasReturned then
            return ____AA_return(____returnValue)
        end
    end,
    "src/try.ts:4"
)
do local ____AA_registry = LibStub and LibStub("AsyncAwait-1.0", true) if ____AA_registry and ____AA_registry.addSourceMap then ____AA_registry.addSourceMap(string.match(select(2, pcall(error, "", 2)), "^(.*):%d+: $"), ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,src/try.ts:4,4,5,6,6,6,6,6,6,,,,,,,8,8,8,,9,9,9,,10,,,,,,12,,,,13,,,,14,,,,7,,,,,,,,,,,,,,,,,18,18,18,,19,,,,20,,,,17,,,,4") end end return ____exports
