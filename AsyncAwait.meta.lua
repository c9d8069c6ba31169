---@meta AsyncAwait
---@diagnostic disable: duplicate-doc-alias, duplicate-doc-field
-- Editor support for Lua authors: LuaLS (lua-language-server) annotations of AsyncAwait's public
-- API. The client never loads this file (the TOC does not list it). Point your workspace's
-- `workspace.library` at it (the README's "Editor support (LuaLS)" gives a .luarc.json):
-- `LibStub("AsyncAwait-1.0")` then has the class `AsyncAwait-1.0`, as an Ace library's has its
-- major's name, and mistakes (a wrong argument, a missing one, a misspelt name, `AA:async`) are
-- flagged. The standalone addon's global `AsyncAwait` is declared apart, in
-- AsyncAwait.standalone.meta.lua: embedded copies do not set it.
-- A spec checks that every public function, parameter and return is annotated here. (A workspace
-- holding two copies, the standalone's and an embedded one, reads these declarations twice: the
-- same, so the duplicates are not reported.)

---@alias AsyncAwait.TaskState "pending"|"runnable"|"running"|"suspended"|"dead"
---@alias AsyncAwait.ErrorKind "AwaitCycle"|"WouldBlock"|"DirectYield"|"Cancelled"|"TimedOut"|"AllFailed"

---A task: a function running on the scheduler. Its fields are read-only.
---@class AsyncAwait.Task
---@field state AsyncAwait.TaskState
---@field error any The error value if the task failed, else nil.
---@field result { n: integer, [integer]: any }? nil if it returned nothing (or has not finished), else its values packed.
---@field traceback string? The traceback of the failure point if the task failed.
---@field owner string The addon the task is attributed to (see forAddon).
---@field cancelled boolean Whether it ended with a cancellation (its own, or one an await passed on).
---@field andThen fun(self: AsyncAwait.Task, onFulfilled: (fun(...: any): any)?, onRejected: (fun(reason: any): any)?): AsyncAwait.Future `then` for Lua (`task:andThen(function(value) ... end)`): a future of what the callback returns (a future or promise returned is adopted). Callbacks get the task's values, or its error, with no placeholder argument; `andThen(nil, onRejected)` is Lua's catch.
---@field then fun(self: AsyncAwait.Task, onFulfilled: (fun(_: nil, value: any): any)?, onRejected: (fun(_: nil, reason: any): any)?): AsyncAwait.Future A Promise's then, for TypeScript and promise libraries (a reserved word in Lua: `task["then"](task, f)`; prefer andThen). Callbacks get a nil first argument, as TypeScriptToLua passes them.
---@field catch fun(self: AsyncAwait.Task, onRejected: fun(_: nil, reason: any): any): AsyncAwait.Future A Promise's catch, `then(nil, onRejected)`: its callback gets a nil first argument (in Lua, `task:andThen(nil, function(err) ... end)` takes none).
---@field finally fun(self: AsyncAwait.Task, onFinally: fun(_: nil)): AsyncAwait.Future A future of the task's outcome once `onFinally` has run.

---What calling an async function returns: the task it started.
---@alias AsyncAwait.Future AsyncAwait.Task

---An error AsyncAwait raised at run time: a table that prints and concatenates like its message.
---@class AsyncAwait.RuntimeError
---@field kind AsyncAwait.ErrorKind
---@field message string
---@field reason any For Cancelled: what cancel() was given.
---@field errors { n: integer, [integer]: any }? For AllFailed: each future's error, in order.

---The library: what `LibStub("AsyncAwait-1.0")` returns (its class is named after the major, the
---Ace convention), a handle from `forAddon`, and the standalone addon's global `AsyncAwait`.
---Call its functions with `.`, not `:`.
---```lua
---local AA = LibStub("AsyncAwait-1.0")
---```
---@class AsyncAwait
---@field version string
local AsyncAwait = {}

---The library's class as `LibStub("AsyncAwait-1.0")` and the Ace convention name it: after its
---major (`---@class MyAddon : AsyncAwait-1.0`).
---@class AsyncAwait-1.0 : AsyncAwait

---Wraps `fn`: each call starts a task running `fn` with the call's arguments (queued, not run in
---the call) and returns its future.
---```lua
---local double = AsyncAwait.async(function(x) return x * 2 end)
---print(AsyncAwait.await(double(21))) --> 42
---```
---`origin` names where `fn` is defined in reports (the TypeScript plugin passes the .ts file and line).
---@param fn fun(...): ...
---@param origin? string
---@return fun(...): AsyncAwait.Future
function AsyncAwait.async(fn, origin) end

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
---With `timeout` (seconds), raises a TimedOut error if the event has not come by then.
---@param event string
---@param filter? fun(...): any
---@param timeout? number
---@return any ...
function AsyncAwait.waitForEvent(event, filter, timeout) end

---Suspends the running task until one of `events` fires (with a payload `filter(event, ...)`
---accepts, when given) and returns that event's name and payload. Each event is registered only
---while someone waits for it; once one comes, the others stop waiting. A filter that raises fails
---the task with its error. With `timeout` (seconds), raises a TimedOut error if none has come by
---then. Outside a task, returns a future that resolves then.
---```lua
---local event, unit = AsyncAwait.waitForAnyEvent({ "UNIT_SPELLCAST_SUCCEEDED", "UNIT_SPELLCAST_FAILED" },
---  function(_, unit) return unit == "player" end, 10)
---```
---@param events string[]
---@param filter? fun(event: string, ...: any): any
---@param timeout? number
---@return any event inside a task, the event's name (its payload follows); outside, a future of both
---@return any ...
function AsyncAwait.waitForAnyEvent(events, filter, timeout) end

---Inside a task: returns the predicate's value once it is truthy, checked at once and then once
---per frame (a predicate that raises fails the task). Outside a task: returns a future of it.
---With `timeout` (seconds), raises a TimedOut error if it is still false by then.
---@generic T
---@param predicate fun(): T
---@param timeout? number
---@return T
function AsyncAwait.waitUntil(predicate, timeout) end

---Inside a task: returns at once out of combat, else when combat has ended (checked again when
---the task runs), and returns nothing. Outside a task: returns a future.
---@return AsyncAwait.Future? future
function AsyncAwait.outOfCombat() end

---Inside a task: returns at once unless the client restricts addons in that context, else when
---the restriction lifts (checked again when the task runs). A no-op on clients without addon
---restrictions. Outside a task: returns a future.
---```lua
---AsyncAwait.unrestricted("Encounter")
---```
---@param restriction "Combat"|"Encounter"|"ChallengeMode"|"PvPMatch"|"Map"|string a name of Enum.AddOnRestrictionType
---@return AsyncAwait.Future? future
function AsyncAwait.unrestricted(restriction) end

---Cancels a task that has not ended: pending or queued, it never runs; suspended, it stops
---waiting (events, timers, awaited tasks are released); running, it ends at its next yield,
---await or wait. It ends with a Cancelled error its awaiters receive, never reported. The tasks
---it awaited that no one else awaits are cancelled too.
---```lua
---AsyncAwait.cancel(scanTask, "window closed")
---```
---@param task AsyncAwait.Task
---@param reason? any
function AsyncAwait.cancel(task, reason) end

---Whether an error is a cancellation.
---@param err any
---@return boolean
function AsyncAwait.isCancelled(err) end

---Inside a task: `fn(task)` runs when the task ends (returned, failed or cancelled), last
---registered first, each even if another raises (its error is reported). It must not wait.
---```lua
---AsyncAwait.defer(function() frame:UnregisterEvent("BAG_UPDATE") end)
---```
---@param fn fun(task: AsyncAwait.Task)
function AsyncAwait.defer(fn) end

---Cancels every started task of the addon (on the library table: of the addon whose file calls it) that has not ended.
---@param reason? any
function AsyncAwait.cancelAll(reason) end

---An async function whose new call cancels the task of its previous call if that has not
---ended: the newest call wins.
---```lua
---local search = AsyncAwait.latest(function(text) AsyncAwait.sleep(0.3); return find(text) end)
---```
---@param fn fun(...): ...
---@return fun(...): AsyncAwait.Future
function AsyncAwait.latest(fn) end

---Lua's pcall, usable inside tasks with awaits and waits in `fn`; outside tasks, the builtin.
---A cancelled task's pcall does not return.
---```lua
---local ok, err = AsyncAwait.pcall(AsyncAwait.await, fetch())
---```
---@param fn function
---@param ... any
---@return boolean ok
---@return any ...
function AsyncAwait.pcall(fn, ...) end

---Lua's xpcall (arguments after the handler go to `fn`), usable inside tasks with awaits in `fn`.
---The handler runs after the failing code has unwound.
---@param fn function
---@param handler fun(err: any): any
---@param ... any
---@return boolean ok
---@return any ...
function AsyncAwait.xpcall(fn, handler, ...) end

---A future of `{ n = #futures, v1, v2, ... }`, each future's first value (nils kept), once all
---returned; or of the first error (the others are then cancelled unless someone else awaits them).
---```lua
---local r = AsyncAwait.await(AsyncAwait.all({ loadBags(), loadBank() }))
---```
---@param futures AsyncAwait.Future[]
---@return AsyncAwait.Future
function AsyncAwait.all(futures) end

---A future of the list of the futures once every one has ended, however (read each one's
---`result`, `error`, `cancelled`). It never fails and cancels nothing.
---@param futures AsyncAwait.Future[]
---@return AsyncAwait.Future
function AsyncAwait.allSettled(futures) end

---A future of the values of the first future to return (the others are then cancelled); if
---every one fails, of an AllFailed error whose `errors` lists theirs.
---@param futures AsyncAwait.Future[]
---@return AsyncAwait.Future
function AsyncAwait.any(futures) end

---A future of the outcome of the first future to end, values or error (the others are then
---cancelled unless someone else awaits them).
---@param futures AsyncAwait.Future[]
---@return AsyncAwait.Future
function AsyncAwait.race(futures) end

---At most `n` tasks at once (JavaScript's p-limit): returns a function `limited(fn, ...)` that
---calls `fn(...)` in a task of its own once fewer than `n` of its tasks are running, first come
---first served, and returns that task's future at once. A future `fn` returns (an async
---function's) is awaited, so its task holds the slot until it ends. A slot is freed however
---the task ends; a task cancelled while queued never takes one.
---```lua
---local twoAtATime = AsyncAwait.limit(2)
---for _, id in ipairs(ids) do twoAtATime(loadItem, id) end
---```
---@param n integer a whole number >= 1, or math.huge
---@return fun(fn: function, ...: any): AsyncAwait.Future limited
function AsyncAwait.limit(n) end

---A future of `future`'s outcome if it ends within `seconds`, else of a TimedOut error; `future`
---is then cancelled unless someone else awaits it.
---```lua
---local data = AsyncAwait.await(AsyncAwait.timeout(request(), 2))
---```
---@param future AsyncAwait.Future
---@param seconds number
---@return AsyncAwait.Future
function AsyncAwait.timeout(future, seconds) end

---A task that calls `fn(...)` once `seconds` have passed, and its future (without `fn`, it
---returns nothing). Cancelling it releases its timer.
---```lua
---local later = AsyncAwait.delay(5, print, "five seconds later")
---```
---@param seconds number
---@param fn? function
---@param ... any
---@return AsyncAwait.Future
function AsyncAwait.delay(seconds, fn, ...) end

---A future of a promise-like's outcome (a table with a `then` method: a TypeScriptToLua Promise, a
---Lua promise library's): its value (a promise or future resolved in turn), or its rejection
---raised; it wakes when the promise settles. Its `then` is read once and called at once. The
---promise may call back `onFulfilled(value)` (Lua libraries) or `onFulfilled(nil, value)`
---(TypeScriptToLua): exactly two arguments, the first nil (or the callback list a TypeScriptToLua
---Promise passes), are the second kind; anything else, the first.
---```lua
---local value = AsyncAwait.await(AsyncAwait.fromPromise(promise))
---```
---@param promise table
---@return AsyncAwait.Future
function AsyncAwait.fromPromise(promise) end

---A future of a callback-style API's outcome, as JavaScript's `new Promise(executor)` makes a
---promise. `starter(resolve, reject, onCancel)` runs at once, inside this call. The first call of
---`resolve(...)` or `reject(reason)` settles the future: the values `resolve` got (one value, a
---future or a promise-like, is adopted), or `reason` as its error; later calls do nothing. An
---error `starter` raises before either fails the future with it. A handler given to `onCancel`
---runs, with the cancellation, if the future is cancelled before it settles.
---```lua
---local loaded = AsyncAwait.fromCallback(function(resolve) item:ContinueOnItemLoad(resolve) end)
---AsyncAwait.await(loaded)
---```
---@param starter fun(resolve: fun(...: any), reject: fun(reason?: any), onCancel: fun(handler: fun(reason: any)))
---@return AsyncAwait.Future
function AsyncAwait.fromCallback(starter) end

---Inside a task: a future's values or a promise-like's value, awaited; any other value as it is
---(JavaScript's await).
---```lua
---local data = AsyncAwait.awaitAny(maybeAPromise)
---```
---@param value any
---@return any ...
function AsyncAwait.awaitAny(value) end

---A Promise of the future's outcome, for TypeScript compiled without the plugin: an instance of
---`Promise` (the caller's TypeScriptToLua Promise), by default the library bundle's.
---@param future AsyncAwait.Future
---@param Promise? table
---@return table
function AsyncAwait.toPromise(future, Promise) end

---Whether a value is a future (a task).
---```lua
---if AsyncAwait.isFuture(x) then x = AsyncAwait.await(x) end
---```
---@param value any
---@return boolean
function AsyncAwait.isFuture(value) end

---How much of each frame tasks may use: `{ ms = n }` fixed, or `{ fraction = f, min = a, max = b }`
---of the previous frame, clamped (default 0.2, 1 and 8 ms); either with `instanceCombatMs`, the
---most in combat inside an instance (default 4 ms).
---@param budget { ms: number, instanceCombatMs: number? }|{ fraction: number?, min: number?, max: number?, instanceCombatMs: number? }
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

---Registers a chunk's line map: reports then print `file:N` (the TypeScript line) for the
---chunk's `source:L` positions. `source` is the chunk's source as error positions print it;
---`map` has one entry per Lua line, comma-separated: empty, `N` (a line of the last file named)
---or `file:N`. The wow-asyncawait TypeScript plugin adds this call to every file it emits.
---```lua
---AsyncAwait.addSourceMap(select(2, pcall(error, "", 2)):match("^(.*):%d+: $"), "main.ts:1,2,,4")
---```
---@param source string
---@param map string
function AsyncAwait.addSourceMap(source, map) end

---The same API with tasks attributed to your addon: its CPU time is counted, and its backlog
---shares each frame fairly with other addons'.
---```lua
---local AA = LibStub("AsyncAwait-1.0").forAddon("MyAddon")
---```
---@param name string
---@return AsyncAwait-1.0
function AsyncAwait.forAddon(name) end

---For AceAddon: list "AsyncAwait-1.0" among an addon's mixins and it gets the functions, its
---tasks attributed to it (`MyAddon.async(fn)`, with a dot).
---@param target table an addon object (its `name` names the addon)
---@return table target
function AsyncAwait:Embed(target) end

-- LibStub, as far as `LibStub("AsyncAwait-1.0")` needs it when nothing else annotates it: the WoW
-- API extension's generic signatures (a library's class is named after its major: the library or
-- any table), so that with the extension the two agree and other libraries stay untouched, and an
-- overload for this library alone, which both resolve `LibStub("AsyncAwait-1.0")` to.

-- LibStub is a table with a __call metamethod: both a table and a function here, as in the extension.
LibStub = {}

---@overload fun(major: "AsyncAwait-1.0", silent?: boolean): AsyncAwait-1.0
---@generic T
---@param major `T` the library's name, its class's too
---@param silent? boolean
---@return table|T library
function LibStub(major, silent) end

---@overload fun(self: table, major: "AsyncAwait-1.0", silent?: boolean): AsyncAwait-1.0, number
---@generic T
---@param major `T` the library's name, its class's too
---@param silent? boolean
---@return table|T library
---@return number? minor
---@diagnostic disable-next-line: inject-field
function LibStub:GetLibrary(major, silent) end
