---@meta AsyncAwait
-- Editor support for Lua authors: LuaLS (lua-language-server) annotations of AsyncAwait's public
-- API. The client never loads this file (the TOC does not list it); an editor that sees it in
-- your workspace (for instance under Libs/AsyncAwait) knows the library's functions and types.
-- A spec checks that every public function is annotated here and that the file is valid Lua.

---@alias AsyncAwait.TaskState "pending"|"runnable"|"running"|"suspended"|"dead"
---@alias AsyncAwait.ErrorKind "AwaitCycle"|"WouldBlock"|"DirectYield"

---A task: a function running on the scheduler. Its fields are read-only.
---@class AsyncAwait.Task
---@field state AsyncAwait.TaskState
---@field error any The error value if the task failed, else nil.
---@field result { n: integer, [integer]: any }? nil if it returned nothing (or has not finished), else its values packed.
---@field traceback string? The traceback of the failure point if the task failed.
---@field owner string The addon the task is attributed to (see forAddon).

---What calling an async function returns: the task it started.
---@alias AsyncAwait.Future AsyncAwait.Task

---An error AsyncAwait raised at run time: a table that prints and concatenates like its message.
---@class AsyncAwait.RuntimeError
---@field kind AsyncAwait.ErrorKind
---@field message string

---The library: `LibStub("AsyncAwait-1.0")`, the global `AsyncAwait` of the standalone addon, or
---a handle from `forAddon`. Call its functions with `.`, not `:`.
---@class AsyncAwait
---@field version string
local AsyncAwait = {}

---Wraps `fn`: each call starts a task running `fn` with the call's arguments (queued, not run in
---the call) and returns its future.
---```lua
---local double = AsyncAwait.async(function(x) return x * 2 end)
---print(AsyncAwait.await(double(21))) --> 42
---```
---@param fn fun(...): ...
---@return fun(...): AsyncAwait.Future
function AsyncAwait.async(fn) end

---The values of a task once it is dead, or its error re-raised unchanged. Inside a task it
---suspends the task until then; outside any task it runs the task to completion right there.
---`await(asyncFn, ...)` calls the async function's body directly, with no task.
---@param future AsyncAwait.Future|function
---@param ... any arguments for an async function's body
---@return any ...
function AsyncAwait.await(future, ...) end

---Inside a task: gives up the rest of this turn. Elsewhere, a no-op.
function AsyncAwait.yield() end

---Runs the oldest runnable task until it yields, suspends or finishes.
---@return boolean ran whether there was one
function AsyncAwait.schedule() end

---Runs tasks until none is runnable, including tasks created meanwhile.
function AsyncAwait.scheduleAll() end

---A task in state "pending" that will call `fn(...)` once started with startTask.
---@param fn fun(...): ...
---@param ... any
---@return AsyncAwait.Task
function AsyncAwait.createTask(fn, ...) end

---Makes a pending task runnable (queued).
---@param task AsyncAwait.Task
function AsyncAwait.startTask(task) end

---Waits until a started task is dead, without taking its values or error (read task.result, task.error).
---@param task AsyncAwait.Task
function AsyncAwait.joinTask(task) end

---Inside a task: resumes on the first frame whose GetTime() reaches `seconds` from now, and
---returns nothing. Outside a task: returns a future that resolves then.
---@param seconds number a finite number >= 0
---@return AsyncAwait.Future? future
function AsyncAwait.sleep(seconds) end

---Inside a task: resumes next frame, and returns nothing. Outside a task: returns a future.
---@return AsyncAwait.Future? future
function AsyncAwait.nextFrame() end

---Inside a task: returns the event's payload once it fires (the first payload `filter(...)`
---accepts; a filter that raises fails the task). Outside a task: returns a future of it.
---```lua
---local unit = AsyncAwait.waitForEvent("UNIT_HEALTH", function(u) return u == "player" end)
---```
---@param event string
---@param filter? fun(...): any
---@return any ...
function AsyncAwait.waitForEvent(event, filter) end

---Inside a task: returns the predicate's value once it is truthy, checked at once and then once
---per frame (a predicate that raises fails the task). Outside a task: returns a future of it.
---@generic T
---@param predicate fun(): T
---@return T
function AsyncAwait.waitUntil(predicate) end

---Inside a task: returns at once out of combat, else when combat has ended (checked again when
---the task runs), and returns nothing. Outside a task: returns a future.
---@return AsyncAwait.Future? future
function AsyncAwait.outOfCombat() end

---How much of each frame tasks may use: `{ ms = n }` fixed, or `{ fraction = f, min = a, max = b }`
---of the previous frame, clamped (default 0.2, 1 and 8 ms).
---@param budget { ms: number }|{ fraction: number?, min: number?, max: number? }
function AsyncAwait.setBudget(budget) end

---Records where each task is created, for unhandled-error reports (a traceback per task).
---@param on boolean
function AsyncAwait.traceCreation(on) end

---Reports each task's first slice (time run without waiting or yielding) of `ms` or more, once;
---false turns it off. Default 50 ms.
---@param ms number|false
function AsyncAwait.reportLongSlices(ms) end

---The kind of an error AsyncAwait raised at run time, or nil for any other value.
---@param err any
---@return AsyncAwait.ErrorKind?
function AsyncAwait.errorKind(err) end

---The same API with tasks attributed to your addon: its CPU time is counted, and its backlog
---shares each frame fairly with other addons'.
---```lua
---local AA = LibStub("AsyncAwait-1.0").forAddon("MyAddon")
---```
---@param name string
---@return AsyncAwait
function AsyncAwait.forAddon(name) end

---For AceAddon: list "AsyncAwait-1.0" among an addon's mixins and it gets the functions, its
---tasks attributed to it (`MyAddon.async(fn)`, with a dot).
---@param target table an addon object (its `name` names the addon)
---@return table target
function AsyncAwait:Embed(target) end

---@class LibStub
---@overload fun(major: "AsyncAwait-1.0", silent?: boolean): AsyncAwait

---The standalone AsyncAwait addon's global.
---@type AsyncAwait
_G.AsyncAwait = AsyncAwait
