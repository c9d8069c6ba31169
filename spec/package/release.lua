-- Releases as the ecosystem makes them: the release tree (make release-tree) packaged the way
-- the BigWigs packager does (scripts/package.sh), loaded and run in the client simulator; the
-- same tree pulled into another addon as a .pkgmeta external; published on a release branch
-- (scripts/publish-release.sh) of a local repository; and another addon packaged with the
-- library as an external in each form authors write (a url alone, tag: latest, tag: <version>,
-- tag: v<version>, branch: release) from a local repository laid out as this one is published:
-- each gets the built library or fails loudly when loaded, never an empty library in silence.
--   RELEASE_TREE=build/release RELEASE_ZIP=<zip> lua5.1 spec/package/release.lua
package.path = "simulator/?.lua;spec/support/?.lua;" .. package.path
local lu = require("luaunit")
local client = require("client")
local files = require("files")
local read, exists, tmpdir = files.read, files.exists, files.tempDir

local TREE = os.getenv("RELEASE_TREE") or "build/release"
local ZIP = assert(os.getenv("RELEASE_ZIP"), "RELEASE_ZIP: the packaged zip")
local VERSION = assert(os.getenv("RELEASE_VERSION"), "RELEASE_VERSION")

-- Runs a shell command: its output (stdout and stderr) and whether it exited 0 (Lua 5.1's
-- popen close does not tell).
local function sh(command)
  local pipe = assert(io.popen("{ " .. command .. "\n} 2>&1; echo \"::exit $?\""))
  local out = pipe:read("*a")
  pipe:close()
  local body, code = out:match("^(.-)::exit (%d+)\n$")
  return body, code == "0"
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
  files.write(host .. "/Host.toc", "## Interface: 120100\n## Title: Host\nLibs\\AsyncAwait\\lib.xml\n")
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
  -- The tree with a changelog that has both versions' sections (publishing requires one).
  local tree = tmpdir()
  sh(("cp -R %q/. %q && printf '# AsyncAwait changelog\n\n## 9.8.8\n\n- b\n\n## 9.8.7\n\n- a\n' > %q/CHANGELOG.md"):format(TREE, tree, tree))
  local out, ok = sh(("scripts/publish-release.sh 9.8.7 %q %q"):format(remote, tree))
  lu.assertTrue(ok, out)
  local _, ok2 = sh(("scripts/publish-release.sh 9.8.8 %q %q"):format(remote, tree))
  lu.assertTrue(ok2)
  lu.assertEquals(sh(("git --git-dir=%q log -1 --format=%%B 9.8.7"):format(remote)), "Release 9.8.7\n\n- a\n\n")
  lu.assertEquals(sh(("git --git-dir=%q show release:AsyncAwait.lua"):format(remote)), read(TREE .. "/AsyncAwait.lua"))
  lu.assertStrContains(sh(("git --git-dir=%q show release:.pkgmeta"):format(remote)), "package-as: AsyncAwait")
  lu.assertEquals(sh(("git --git-dir=%q tag"):format(remote)), "9.8.7\n9.8.8\n")
  lu.assertEquals(sh(("git --git-dir=%q rev-list --count release"):format(remote)), "2\n")
end

-- This repository as it is published: the default branch (main) holds the source tree (the
-- working tree's files) and its commit carries the source tag v<version>, as a release starts;
-- publish-release.sh then adds the release branch and the tag <version>. Made once.
local published
local function publishedRepository()
  if published then return published end
  local dir = tmpdir()
  local work, bare = dir .. "/source", dir .. "/AsyncAwait.git"
  local git = "git -c user.name=dev -c user.email=dev@example.invalid -c init.defaultBranch=main"
  -- The source files: what git tracks (and new files not ignored); outside a git checkout, the
  -- folder without what builds and installs make.
  local out, ok = sh(("mkdir -p %q && if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then"
    .. " git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf -;"
    .. " else tar --exclude=./.git --exclude=./node_modules --exclude=./build --exclude=./addon --exclude=./dist --exclude=./lib -cf - .; fi"
    .. " | tar -xf - -C %q"):format(work, work))
  assert(ok, out)
  for _, step in ipairs({
    ("%s init -q %q"):format(git, work),
    ("%s -C %q add -A"):format(git, work),
    ("%s -C %q commit -q -m 'Version %s'"):format(git, work, VERSION),
    ("%s -C %q tag v%s"):format(git, work, VERSION),
    ("%s clone -q --bare %q %q"):format(git, work, bare),
    ("scripts/publish-release.sh %s %q %q"):format(VERSION, bare, TREE),
  }) do
    out, ok = sh(step)
    assert(ok, step .. "\n" .. out)
  end
  published = "file://" .. bare
  return published
end

-- Host: an addon embedding the library through its .pkgmeta's external `lines`, packaged by
-- scripts/package.sh, unzipped and loaded in the client simulator. Returns the simulator, the
-- packaged folder, the packager's messages and whether loadAddon raised.
local function packageHost(lines)
  local dir = tmpdir()
  local host = dir .. "/Host"
  sh(("mkdir -p %q"):format(host))
  local function write(name, text) files.write(host .. "/" .. name, text) end
  write("Host.toc", "## Interface: 120100\n## Title: Host\n## Version: @project-version@\n\nLibs\\AsyncAwait\\lib.xml\nHost.lua\n")
  write("Host.lua", "local AA = LibStub(\"AsyncAwait-1.0\")\nHostTask = AA.async(function() AA.nextFrame(); return \"ran\" end)()\n")
  write(".pkgmeta", "package-as: Host\n\nexternals:\n  Libs/AsyncAwait:\n    url: " .. publishedRepository() .. "\n" .. lines)
  local log, ok = sh(("scripts/package.sh 1.0 %q %q"):format(host, dir .. "/dist"))
  lu.assertTrue(ok, log)
  local zip = log:match("([^\n]+)\n?$") -- the last line
  sh(("python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' %q %q"):format(zip, dir .. "/out"))
  local sim = client.newSimulator()
  local loaded = pcall(sim.loadAddon, sim, dir .. "/out/Host")
  sim:runFrames(3)
  return sim, dir .. "/out/Host/Libs/AsyncAwait", log, loaded
end

-- A form that resolves to a release commit: the built library, at its version, running tasks.
local function assertEmbedsTheBuild(lines, fetched)
  local sim, lib, log = packageHost(lines)
  lu.assertStrContains(log, fetched)
  lu.assertTrue(exists(lib .. "/AsyncAwait.lua"))
  lu.assertFalse(exists(lib .. "/NotBuilt.lua"))
  lu.assertEquals(sim.errors, {})
  lu.assertEquals(sim.env.HostTask.state, "dead")
  lu.assertEquals(sim.env.HostTask.result[1], "ran")
  lu.assertEquals(sim.env.LibStub("AsyncAwait-1.0").version, VERSION)
end

-- A form that resolves to the source tree: packaged without error (the packager exits 0), but
-- the first thing the client does with it is an error naming the addon and the fix.
local function assertFailsLoudly(lines, fetched)
  local sim, lib, log = packageHost(lines)
  lu.assertStrContains(log, fetched)
  lu.assertFalse(exists(lib .. "/AsyncAwait.lua"))
  lu.assertTrue(#sim.errors >= 1, "no error: the library shipped empty in silence")
  local first = tostring(sim.errors[1])
  lu.assertStrContains(first, "AsyncAwait: Host loads the library's source tree")
  lu.assertStrContains(first, "branch: release")
  lu.assertStrContains(first, "tag: <version>")
  lu.assertNil(sim.env.HostTask)
end

function TestRelease:test_an_external_on_the_release_branch_embeds_the_built_library()
  assertEmbedsTheBuild("    branch: release\n", 'Fetching branch "release"')
end

function TestRelease:test_an_external_on_a_version_tag_embeds_that_release()
  assertEmbedsTheBuild("    tag: " .. VERSION .. "\n", 'Fetching tag "' .. VERSION .. '"')
end

function TestRelease:test_the_readmes_pkgmeta_external_embeds_the_built_library()
  local block = read("README.md"):match("```yaml\n(.-)```")
  local lines = {}
  for line in block:gmatch("[^\n]+") do
    local key, value = line:match("^%s+(%a+):%s*(.*)$")
    if key == "branch" or key == "tag" or key == "commit" then lines[#lines + 1] = "    " .. key .. ": " .. value .. "\n" end
  end
  lu.assertStrContains(block, "Libs/AsyncAwait:\n      url: <this repository>\n")
  assertEmbedsTheBuild(table.concat(lines), "Fetching branch")
end

function TestRelease:test_an_external_with_a_url_alone_gets_the_source_tree_and_fails_loudly()
  assertFailsLoudly("", "Fetching latest version of external")
end

function TestRelease:test_an_external_on_tag_latest_gets_the_source_tag_and_fails_loudly()
  -- The packager clones the default branch and takes the newest tag on it: the source tag (the
  -- release tags are on the release branch, which that clone does not fetch).
  assertFailsLoudly("    tag: latest\n", 'Fetching tag "v' .. VERSION .. '"')
end

function TestRelease:test_an_external_on_a_source_tag_fails_loudly()
  assertFailsLoudly("    tag: v" .. VERSION .. "\n", 'Fetching tag "v' .. VERSION .. '"')
end

function TestRelease:test_the_source_tree_as_an_addon_fails_loudly()
  -- A download of the repository unzipped into AddOns: its TOC loads NotBuilt.lua first.
  local sim = client.newSimulator()
  pcall(sim.loadAddon, sim, ".", "AsyncAwait")
  lu.assertStrContains(tostring(sim.errors[1]), "AsyncAwait: AsyncAwait loads the library's source tree")
end

function TestRelease:test_the_packaged_changelog_is_the_projects_changelog()
  local dir = tmpdir()
  sh(("python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' %q %q"):format(ZIP, dir))
  local packaged = read(dir .. "/AsyncAwait/CHANGELOG.md")
  lu.assertEquals(packaged:gsub("\r\n", "\n"), read("CHANGELOG.md"))
  lu.assertStrContains(packaged, "\n## " .. VERSION)
  lu.assertStrContains(read(TREE .. "/.pkgmeta"), "manual-changelog:\n  filename: CHANGELOG.md\n  markup-type: markdown")
end

function TestRelease:test_the_release_commit_says_what_changed()
  local bare = publishedRepository():gsub("^file://", "")
  local message = sh(("git --git-dir=%q log -1 --format=%%B %s"):format(bare, VERSION))
  lu.assertStrContains(message, "Release " .. VERSION .. "\n\n- ")
  local section = read("CHANGELOG.md"):match("\n## " .. VERSION:gsub("%.", "%%.") .. "[^\n]*\n\n(.-)\n*\n## ")
  lu.assertStrContains(message, section)
end

function TestRelease:test_publishing_refuses_a_tree_without_the_built_lua_or_changelog()
  local remote = tmpdir() .. "/remote.git"
  sh(("git init -q --bare %q"):format(remote))
  local source = tmpdir()
  sh(("cp -R %q/. %q && rm %q/AsyncAwait.lua"):format(TREE, source, source))
  local out, ok = sh(("scripts/publish-release.sh 9.8.7 %q %q"):format(remote, source))
  lu.assertFalse(ok)
  lu.assertStrContains(out, "holds no built Lua")
  out, ok = sh(("scripts/publish-release.sh 0.0.0-none %q %q"):format(remote, TREE))
  lu.assertFalse(ok)
  lu.assertStrContains(out, "CHANGELOG.md has no '## 0.0.0-none' section")
  lu.assertEquals(sh(("git --git-dir=%q tag"):format(remote)), "")
end

os.exit(lu.LuaUnit.run(...))
