-- Releases as the ecosystem makes them: the release tree (make release-tree) packaged the way
-- the BigWigs packager does (scripts/package.sh), loaded and run in the client simulator; the
-- same tree pulled into another addon as a .pkgmeta external; and published on a release branch
-- (scripts/publish-release.sh) of a local repository.
--   RELEASE_TREE=build/release RELEASE_ZIP=<zip> lua5.1 spec/package/release.lua
package.path = "simulator/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")

local TREE = os.getenv("RELEASE_TREE") or "build/release"
local ZIP = assert(os.getenv("RELEASE_ZIP"), "RELEASE_ZIP: the packaged zip")
local VERSION = assert(os.getenv("RELEASE_VERSION"), "RELEASE_VERSION")

local function sh(command)
  local pipe = assert(io.popen(command .. " 2>&1"))
  local out = pipe:read("*a")
  local ok = pipe:close()
  return out, ok
end

local function tmpdir()
  return (sh("mktemp -d"):gsub("%s+$", ""))
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

local function runsATask(sim, AA)
  local t = AA.async(function() AA.nextFrame(); return "ran" end)()
  sim:runFrames(3)
  return t.state == "dead" and t.result and t.result[1] == "ran"
end

TestRelease = {}

function TestRelease:test_the_packaged_zip_loads_and_runs_as_the_standalone_addon()
  local dir = tmpdir()
  sh(("python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' %q %q"):format(ZIP, dir))
  local addon = dir .. "/AsyncAwait"
  local meta, files = client.readToc(addon .. "/AsyncAwait.toc")
  lu.assertEquals(meta.Version, VERSION)
  lu.assertEquals(meta["X-License"], "MIT")
  lu.assertEquals(files, { "LibStub\\LibStub.lua", "AsyncAwait.lua" })
  for _, name in ipairs({ "AsyncAwait.lua", "AsyncAwait.toc", "lib.xml", "LibStub/LibStub.lua", "AsyncAwait.meta.lua", "LICENSE" }) do
    lu.assertStrContains(read(addon .. "/" .. name), "", false)
    lu.assertNil(read(addon .. "/" .. name):find("@project-version@", 1, true), name)
  end
  local sim = client.newSimulator()
  sim:loadAddon(addon)
  local AA = sim.env.AsyncAwait
  lu.assertEquals(AA.version, VERSION)
  lu.assertTrue(runsATask(sim, AA))
  lu.assertEquals(sim.errors, {})
end

function TestRelease:test_the_tree_pulled_as_a_pkgmeta_external_embeds_the_library()
  -- A .pkgmeta external (Libs/AsyncAwait: the release branch) checks the tree out as it is.
  local host = tmpdir() .. "/Host"
  sh(("mkdir -p %q/Libs && cp -R %q %q/Libs/AsyncAwait"):format(host, TREE, host))
  local f = assert(io.open(host .. "/Host.toc", "wb"))
  f:write("## Interface: 120100\n## Title: Host\nLibs\\AsyncAwait\\lib.xml\n")
  f:close()
  local sim = client.newSimulator()
  sim:loadAddon(host)
  local AA = sim.env.LibStub("AsyncAwait-1.0")
  lu.assertEquals(AA.version, VERSION)
  lu.assertTrue(runsATask(sim, AA))
  lu.assertEquals(sim.errors, {})
end

function TestRelease:test_publishing_puts_the_tree_on_the_release_branch_one_commit_per_release()
  local remote = tmpdir() .. "/remote.git"
  sh(("git init -q --bare %q"):format(remote))
  local out, ok = sh(("scripts/publish-release.sh 9.8.7 %q %q"):format(remote, TREE))
  lu.assertTrue(ok, out)
  local _, ok2 = sh(("scripts/publish-release.sh 9.8.8 %q %q"):format(remote, TREE))
  lu.assertTrue(ok2)
  lu.assertEquals(sh(("git --git-dir=%q show release:AsyncAwait.lua"):format(remote)), read(TREE .. "/AsyncAwait.lua"))
  lu.assertStrContains(sh(("git --git-dir=%q show release:.pkgmeta"):format(remote)), "package-as: AsyncAwait")
  lu.assertEquals(sh(("git --git-dir=%q tag"):format(remote)), "9.8.7\n9.8.8\n")
  lu.assertEquals(sh(("git --git-dir=%q rev-list --count release"):format(remote)), "2\n")
end

os.exit(lu.LuaUnit.run(...))
