---@meta _
-- LuaLS annotation of the global `AsyncAwait`, which only the standalone AsyncAwait addon sets
-- (installed in Interface/AddOns/AsyncAwait, listed in your TOC's `## Dependencies`): a copy
-- embedded in another addon sets no global, so an editor configured for an embedded copy leaves
-- this file out (the README's "Editor support (LuaLS)" gives both configurations).

---The standalone AsyncAwait addon's global: the library, as `LibStub("AsyncAwait-1.0")` returns it.
---@type AsyncAwait-1.0
AsyncAwait = LibStub("AsyncAwait-1.0")
