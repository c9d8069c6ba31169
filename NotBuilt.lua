-- Loaded only from the source tree: its lib.xml and AsyncAwait.toc list this file first, and the
-- build (make) leaves the line out of both. The source tree holds TypeScript, not the library's
-- Lua, so a copy of it (a .pkgmeta external on the default branch or a source tag, a download of
-- the repository) would otherwise load nothing and fail later, far from the cause.
local addon = ...
error(("AsyncAwait: %s loads the library's source tree, which holds no Lua (no AsyncAwait.lua, no LibStub):"
  .. " embed a built release instead. In .pkgmeta: branch: release, or tag: <version> without the v"
  .. " (tag: latest and a url alone give this source tree); or copy a release zip's AsyncAwait folder.")
  :format(tostring(addon)), 0)
