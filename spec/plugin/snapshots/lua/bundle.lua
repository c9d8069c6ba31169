
local ____modules = {}
local ____moduleCache = {}
local ____originalRequire = require
local function require(file, ...)
    if ____moduleCache[file] then
        return ____moduleCache[file].value
    end
    if ____modules[file] then
        local module = ____modules[file]
        local value = nil
        if (select("#", ...) > 0) then value = module(...) else value = module(file) end
        ____moduleCache[file] = { value = value }
        return value
    else
        if ____originalRequire then
            return ____originalRequire(file)
        else
            error("module '" .. file .. "' not found")
        end
    end
end
____modules = {
["lualib_bundle"] = function(...) 
local function __TS__New(target, ...)
    local instance = setmetatable({}, target.prototype)
    instance:____constructor(...)
    return instance
end

local __TS__Symbol, Symbol
do
    local symbolMetatable = {__tostring = function(self)
        return ("Symbol(" .. (self.description or "")) .. ")"
    end}
    function __TS__Symbol(description)
        return setmetatable({description = description}, symbolMetatable)
    end
    Symbol = {
        asyncDispose = __TS__Symbol("Symbol.asyncDispose"),
        dispose = __TS__Symbol("Symbol.dispose"),
        iterator = __TS__Symbol("Symbol.iterator"),
        hasInstance = __TS__Symbol("Symbol.hasInstance"),
        species = __TS__Symbol("Symbol.species"),
        toStringTag = __TS__Symbol("Symbol.toStringTag")
    }
end

local function __TS__InstanceOf(obj, classTbl)
    if type(classTbl) ~= "table" then
        error("Right-hand side of 'instanceof' is not an object", 0)
    end
    if classTbl[Symbol.hasInstance] ~= nil then
        return not not classTbl[Symbol.hasInstance](classTbl, obj)
    end
    if type(obj) == "table" then
        local luaClass = obj.constructor
        while luaClass ~= nil do
            if luaClass == classTbl then
                return true
            end
            luaClass = luaClass.____super
        end
    end
    return false
end

local function __TS__Class(self)
    local c = {prototype = {}}
    c.prototype.__index = c.prototype
    c.prototype.constructor = c
    return c
end

local __TS__Promise
do
    local function makeDeferredPromiseFactory()
        local resolve
        local reject
        local function executor(____, res, rej)
            resolve = res
            reject = rej
        end
        return function()
            local promise = __TS__New(__TS__Promise, executor)
            return promise, resolve, reject
        end
    end
    local makeDeferredPromise = makeDeferredPromiseFactory()
    local function isPromiseLike(value)
        return __TS__InstanceOf(value, __TS__Promise)
    end
    local function doNothing(self)
    end
    local ____pcall = _G.pcall
    __TS__Promise = __TS__Class()
    __TS__Promise.name = "__TS__Promise"
    function __TS__Promise.prototype.____constructor(self, executor)
        self.state = 0
        self.fulfilledCallbacks = {}
        self.rejectedCallbacks = {}
        local success, ____error = ____pcall(
            executor,
            nil,
            function(____, v) return self:resolve(v) end,
            function(____, err) return self:reject(err) end
        )
        if not success then
            self:reject(____error)
        end
    end
    function __TS__Promise.resolve(value)
        if __TS__InstanceOf(value, __TS__Promise) then
            return value
        end
        local promise = __TS__New(__TS__Promise, doNothing)
        promise.state = 1
        promise.value = value
        return promise
    end
    function __TS__Promise.reject(reason)
        local promise = __TS__New(__TS__Promise, doNothing)
        promise.state = 2
        promise.rejectionReason = reason
        return promise
    end
    __TS__Promise.prototype["then"] = function(self, onFulfilled, onRejected)
        local promise, resolve, reject = makeDeferredPromise()
        self:addCallbacks(
            onFulfilled and self:createPromiseResolvingCallback(onFulfilled, resolve, reject) or resolve,
            onRejected and self:createPromiseResolvingCallback(onRejected, resolve, reject) or reject
        )
        return promise
    end
    function __TS__Promise.prototype.addCallbacks(self, fulfilledCallback, rejectedCallback)
        if self.state == 1 then
            return fulfilledCallback(nil, self.value)
        end
        if self.state == 2 then
            return rejectedCallback(nil, self.rejectionReason)
        end
        local ____self_fulfilledCallbacks_0 = self.fulfilledCallbacks
        ____self_fulfilledCallbacks_0[#____self_fulfilledCallbacks_0 + 1] = fulfilledCallback
        local ____self_rejectedCallbacks_1 = self.rejectedCallbacks
        ____self_rejectedCallbacks_1[#____self_rejectedCallbacks_1 + 1] = rejectedCallback
    end
    function __TS__Promise.prototype.catch(self, onRejected)
        return self["then"](self, nil, onRejected)
    end
    function __TS__Promise.prototype.finally(self, onFinally)
        if type(onFinally) ~= "function" then
            return self["then"](self, onFinally, onFinally)
        end
        return self["then"](
            self,
            function(____, x)
                local ____self_2 = __TS__New(
                    __TS__Promise,
                    function(____, resolve) return resolve(
                        nil,
                        onFinally(nil)
                    ) end
                )
                return ____self_2["then"](
                    ____self_2,
                    function() return x end
                )
            end,
            function(____, e)
                local ____self_3 = __TS__New(
                    __TS__Promise,
                    function(____, resolve) return resolve(
                        nil,
                        onFinally(nil)
                    ) end
                )
                return ____self_3["then"](
                    ____self_3,
                    function()
                        error(e, 0)
                    end
                )
            end
        )
    end
    function __TS__Promise.prototype.resolve(self, value)
        if isPromiseLike(value) then
            return value:addCallbacks(
                function(____, v) return self:resolve(v) end,
                function(____, err) return self:reject(err) end
            )
        end
        if self.state == 0 then
            self.state = 1
            self.value = value
            return self:invokeCallbacks(self.fulfilledCallbacks, value)
        end
    end
    function __TS__Promise.prototype.reject(self, reason)
        if self.state == 0 then
            self.state = 2
            self.rejectionReason = reason
            return self:invokeCallbacks(self.rejectedCallbacks, reason)
        end
    end
    function __TS__Promise.prototype.invokeCallbacks(self, callbacks, value)
        local callbacksLength = #callbacks
        if callbacksLength ~= 0 then
            for i = 1, callbacksLength - 1 do
                callbacks[i](callbacks, value)
            end
            return callbacks[callbacksLength](callbacks, value)
        end
    end
    function __TS__Promise.prototype.createPromiseResolvingCallback(self, f, resolve, reject)
        return function(____, value)
            local success, resultOrError = ____pcall(f, nil, value)
            if not success then
                return reject(nil, resultOrError)
            end
            return self:handleCallbackValue(resultOrError, resolve, reject)
        end
    end
    function __TS__Promise.prototype.handleCallbackValue(self, value, resolve, reject)
        if isPromiseLike(value) then
            local nextpromise = value
            if nextpromise.state == 1 then
                return resolve(nil, nextpromise.value)
            elseif nextpromise.state == 2 then
                return reject(nil, nextpromise.rejectionReason)
            else
                return nextpromise:addCallbacks(resolve, reject)
            end
        else
            return resolve(nil, value)
        end
    end
end

local __TS__Iterator
do
    local function iteratorGeneratorStep(self)
        local co = self.____coroutine
        local status, value = coroutine.resume(co)
        if not status then
            error(value, 0)
        end
        if coroutine.status(co) == "dead" then
            return
        end
        return true, value
    end
    local function iteratorIteratorStep(self)
        local result = self:next()
        if result.done then
            return
        end
        return true, result.value
    end
    local function iteratorStringStep(self, index)
        index = index + 1
        if index > #self then
            return
        end
        return index, string.sub(self, index, index)
    end
    function __TS__Iterator(iterable)
        if type(iterable) == "string" then
            return iteratorStringStep, iterable, 0
        elseif iterable.____coroutine ~= nil then
            return iteratorGeneratorStep, iterable
        elseif iterable[Symbol.iterator] then
            local iterator = iterable[Symbol.iterator](iterable)
            return iteratorIteratorStep, iterator
        else
            return ipairs(iterable)
        end
    end
end

local function __TS__PromiseAll(iterable)
    local results = {}
    local toResolve = {}
    local numToResolve = 0
    local i = 0
    for ____, item in __TS__Iterator(iterable) do
        if __TS__InstanceOf(item, __TS__Promise) then
            if item.state == 1 then
                results[i + 1] = item.value
            elseif item.state == 2 then
                return __TS__Promise.reject(item.rejectionReason)
            else
                numToResolve = numToResolve + 1
                toResolve[i] = item
            end
        else
            results[i + 1] = item
        end
        i = i + 1
    end
    if numToResolve == 0 then
        return __TS__Promise.resolve(results)
    end
    return __TS__New(
        __TS__Promise,
        function(____, resolve, reject)
            for index, promise in pairs(toResolve) do
                promise["then"](
                    promise,
                    function(____, data)
                        results[index + 1] = data
                        numToResolve = numToResolve - 1
                        if numToResolve == 0 then
                            resolve(nil, results)
                        end
                    end,
                    function(____, reason)
                        reject(nil, reason)
                    end
                )
            end
        end
    )
end

return {
  __TS__Promise = __TS__Promise,
  __TS__Symbol = __TS__Symbol,
  Symbol = Symbol,
  __TS__Class = __TS__Class,
  __TS__PromiseAll = __TS__PromiseAll,
  __TS__New = __TS__New
}
 end,
["arrows"] = function(...) 
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
local ____lualib = require("lualib_bundle")
local __TS__Promise = ____lualib.__TS__Promise
local __TS__Symbol = ____lualib.__TS__Symbol
local Symbol = ____lualib.Symbol
____AA_adopt(__TS__Promise, Symbol)
local ____exports = {}
____exports.triple = ____AA_async(
    function(____, x)
        return x * 3
    end,
    "src/arrows.ts:2",
    true
)
____exports.forward = ____AA_async(
    function(____, p)
        return ____AA_return(p)
    end,
    "src/arrows.ts:3"
)
____exports.block = ____AA_async(
    function(____, xs)
        local total = 0
        for ____, x in ipairs(xs) do
            total = total + ____AA_await(____exports.triple(nil, x))
        end
        return total
    end,
    "src/arrows.ts:4"
)
return ____exports
 end,
["functions"] = function(...) 
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
local countdown
countdown = ____AA_async(
    function(self, n)
        if n == 0 then
            return 0
        end
        ____AA_await(nil)
        return 1 + ____AA_await(countdown(nil, n - 1))
    end,
    "src/functions.ts:2"
)
____exports.exported = ____AA_async(
    function(self, label)
        local n = ____AA_await(countdown(nil, 2))
        return (label .. " ") .. tostring(n)
    end,
    "src/functions.ts:8"
)
____exports.expression = ____AA_async(
    function(value)
        return ____AA_return(value)
    end,
    "src/functions.ts:13"
)
return ____exports
 end,
["methods"] = function(...) 
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
local ____lualib = require("lualib_bundle")
local __TS__Class = ____lualib.__TS__Class
local ____exports = {}
____exports.Scanner = __TS__Class()
local Scanner = ____exports.Scanner
Scanner.name = "Scanner"
function Scanner.prototype.____constructor(self, bags)
    self.bags = bags
end
Scanner.prototype.count = ____AA_async(
    function(self)
        local total = 0
        do
            local bag = 0
            while bag < self.bags do
                total = total + ____AA_await(____exports.Scanner:size(bag))
                bag = bag + 1
            end
        end
        return total
    end,
    "src/methods.ts:5"
)
Scanner.size = ____AA_async(
    function(self, bag)
        return bag * 2
    end,
    "src/methods.ts:11",
    true
)
____exports.handlers = {onEvent = ____AA_async(
    function(name)
        ____AA_await(nil)
        return name
    end,
    "src/methods.ts:17"
)}
return ____exports
 end,
["try"] = function(...) 
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
return ____exports
 end,
["using"] = function(...) 
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
local ____lualib = require("lualib_bundle")
local __TS__Symbol = ____lualib.__TS__Symbol
local Symbol = ____lualib.Symbol
local ____exports = {}
____exports.withResources = ____AA_async(
    function(self)
        return ____AA_return(____AA_join(____AA_using(
            Symbol,
            function(file)
                return ____AA_return(____AA_join(____AA_using(
                    Symbol,
                    function(stream)
                        ____AA_await(nil)
                        return "done"
                    end,
                    openAsync(nil, "stream")
                )))
            end,
            open(nil, "file")
        )))
    end,
    "src/using.ts:5"
)
____exports.withSync = ____AA_async(
    function(self)
        return ____AA_return(____AA_join(____AA_using(
            Symbol,
            function(file)
                ____AA_await(nil)
                return 1
            end,
            open(nil, "file")
        )))
    end,
    "src/using.ts:12"
)
return ____exports
 end,
["promises"] = function(...) 
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
local ____lualib = require("lualib_bundle")
local __TS__PromiseAll = ____lualib.__TS__PromiseAll
local __TS__Promise = ____lualib.__TS__Promise
local __TS__New = ____lualib.__TS__New
local __TS__Symbol = ____lualib.__TS__Symbol
local Symbol = ____lualib.Symbol
____AA_adopt(__TS__Promise, Symbol)
local ____exports = {}
local double
double = ____AA_async(
    function(self, x)
        ____AA_await(nil)
        return x * 2
    end,
    "src/promises.ts:3"
)
____exports.combined = ____AA_async(
    function(self)
        local a, b = unpack(
            ____AA_await(__TS__PromiseAll({
                double(nil, 1),
                double(nil, 2)
            })),
            1,
            2
        )
        local fromPromise = ____AA_await(__TS__New(
            __TS__Promise,
            function(____, resolve) return resolve(nil, "p") end
        ))
        local plain = ____AA_await(7)
        return (((((tostring(a) .. " ") .. tostring(b)) .. " ") .. fromPromise) .. " ") .. tostring(plain)
    end,
    "src/promises.ts:8"
)
____exports.adopted = ____AA_async(
    function(self)
        return ____AA_return(double(nil, 5))
    end,
    "src/promises.ts:15"
)
return ____exports
 end,
["plain"] = function(...) 
local ____exports = {}
function ____exports.plain(self)
    return 1
end
return ____exports
 end,
["index"] = function(...) 
local ____lualib = require("lualib_bundle")
local __TS__New = ____lualib.__TS__New
local ____exports = {}
local ____functions = require("functions")
local exported = ____functions.exported
local ____arrows = require("arrows")
local block = ____arrows.block
local ____methods = require("methods")
local Scanner = ____methods.Scanner
local ____try = require("try")
local steps = ____try.steps
local ____using = require("using")
local withResources = ____using.withResources
local ____promises = require("promises")
local combined = ____promises.combined
local ____plain = require("plain")
local plain = ____plain.plain
____exports.all = {
    exported(nil, "x"),
    block(nil, {1}),
    __TS__New(Scanner, 2):count(),
    steps(nil),
    withResources(nil),
    combined(nil),
    plain(nil)
}
return ____exports
 end,
}
local function ____AA_addSourceMap() local ____AA_registry = LibStub and LibStub("AsyncAwait-1.0", true) if ____AA_registry and ____AA_registry.addSourceMap then ____AA_registry.addSourceMap(string.match(select(2, pcall(error, "", 2)), "^(.*):%d+: $"), ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,src/arrows.ts:2,2,2,2,,,,3,3,3,3,,,4,4,5,6,6,,7,4,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,src/functions.ts:2,,2,3,3,,4,5,2,,,8,8,9,10,8,,,13,13,14,13,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,src/methods.ts:2,2,2,3,3,3,5,5,6,,7,7,7,7,,,8,5,,,11,11,12,11,,,,16,17,18,19,17,,16,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,src/try.ts:4,4,5,6,6,6,6,6,6,6,,,,,,8,8,,,9,9,,,10,,,,,,12,,,,13,13,,,14,,13,13,7,,,,,,,,,,,,,,,,,18,18,,,19,19,,,20,,19,19,17,,,,4,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,src/using.ts:5,5,,,6,,,7,8,9,,7,,,6,,5,,,12,12,,,13,14,15,,13,,12,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,src/promises.ts:3,,3,4,5,3,,,8,8,9,9,9,9,9,9,9,9,10,10,10,10,11,12,8,,,15,15,16,15,,,,,,,src/plain.ts:2,3,2,,,,,,,src/index.ts:2,2,3,3,4,4,5,5,6,6,7,7,8,8,10,10,10,10,10,10,10,10,10") end end ____AA_addSourceMap() local ____entry = require("index", ...)
____AA_addSourceMap() return ____entry
