# AsyncAwait build. `make` builds addon/AsyncAwait/; `make test` runs every suite.
SHELL := /bin/bash
VERSION := $(shell node -p "require('./package.json').version" 2>/dev/null || echo 0.0.0)
ADDON := addon/AsyncAwait
# The source tree's lib.xml and TOC load NotBuilt.lua first (it fails loudly: a copy of the
# source tree has no Lua); every built TOC and lib.xml leaves that line out.
NOT_BUILT := /NotBuilt\.lua/d
SRC := $(shell find src -name '*.ts' 2>/dev/null)
SPECS := $(shell find spec -name '*.ts' 2>/dev/null)

.PHONY: all build test test-long specs spec snapshots bench bench-instructions clean lua-deps package package-lib release-tree demo demo-addon lint eslint format-check format

all: build

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build/addon/AsyncAwait.lua: node_modules/.package-lock.json tstl.json tsconfig.json $(SRC)
	npx tstl -p tstl.json

# Line 1 of a TSTL bundle is empty: the shipped files carry LuaLS's `---@diagnostic disable` there,
# so an editor whose workspace holds an embedded copy reports nothing of the library's code (the
# lines do not move: tracebacks and the source map stay right). A spec checks it. Line 2 ends
# with the task record's slot names (scripts/slot-header.js, from src/core/task.ts's Slot), for
# Lua readers of `task[3]`; make test checks it agrees with the enum.
$(ADDON)/AsyncAwait.lua: build/addon/AsyncAwait.lua AsyncAwait.toc package.json scripts/slot-header.js src/core/task.ts
	@mkdir -p $(ADDON)
	sed '1s/^$$/---@diagnostic disable/' build/addon/AsyncAwait.lua > $(ADDON)/AsyncAwait.lua
	node scripts/slot-header.js --stamp $(ADDON)/AsyncAwait.lua || { rm -f $(ADDON)/AsyncAwait.lua; exit 1; }
	sed -e 's/@project-version@/$(VERSION)/' -e '$(NOT_BUILT)' AsyncAwait.toc > $(ADDON)/AsyncAwait.toc
	@echo "built $(ADDON) (version $(VERSION))"

# The bundle's source map, beside it, its sources named from the repository root (src/...).
$(ADDON)/AsyncAwait.lua.map: build/addon/AsyncAwait.lua scripts/addon-map.js
	@mkdir -p $(ADDON)
	node scripts/addon-map.js build/addon/AsyncAwait.lua.map $@

# Our LibStub (src/libstub/libstub.ts), compiled alone into one file, shipped as LibStub/LibStub.lua.
build/libstub/LibStub.lua: node_modules/.package-lock.json tstl.libstub.json tsconfig.json src/libstub/libstub.ts
	npx tstl -p tstl.libstub.json

$(ADDON)/LibStub/LibStub.lua: build/libstub/LibStub.lua
	@mkdir -p $(ADDON)/LibStub
	sed '1s/^$$/---@diagnostic disable/' build/libstub/LibStub.lua > $@

# lib.xml lets another addon embed this folder with one <Include file="Libs\AsyncAwait\lib.xml"/>.
$(ADDON)/lib.xml: lib.xml
	@mkdir -p $(ADDON)
	sed -e '$(NOT_BUILT)' lib.xml > $@

# LuaLS annotations for Lua authors' editors (not loaded by the client): the library, and the
# global only the standalone addon sets.
$(ADDON)/%.meta.lua: %.meta.lua
	@mkdir -p $(ADDON)
	cp $< $@

build: $(ADDON)/AsyncAwait.lua $(ADDON)/AsyncAwait.lua.map $(ADDON)/LibStub/LibStub.lua $(ADDON)/lib.xml $(ADDON)/AsyncAwait.meta.lua $(ADDON)/AsyncAwait.standalone.meta.lua

# The npm package's Lua and typings (TSTL's library build): lib/ (LibStub comes with its index,
# so a bundle needs nothing beside it). npm pack runs this (prepack).
package-lib: node_modules/.package-lock.json build
	@rm -rf lib
	npx tstl -p tstl.package.json

# The release tree: what the release branch holds and the BigWigs packager packages as it is
# (the built addon folder, its TOC still reading @project-version@, LICENSE, README, the
# changelog, .pkgmeta). CHANGELOG.md must have a section for this version.
RELEASE := build/release
release-tree: build
	@grep -q '^## $(subst .,\.,$(VERSION))\b' CHANGELOG.md || { echo "CHANGELOG.md has no '## $(VERSION)' section" >&2; exit 1; }
	@rm -rf $(RELEASE)
	@mkdir -p $(RELEASE)
	cp -R $(ADDON)/. $(RELEASE)/
	sed -e '$(NOT_BUILT)' AsyncAwait.toc > $(RELEASE)/AsyncAwait.toc
	cp LICENSE README.md CHANGELOG.md $(RELEASE)/
	cp release.pkgmeta $(RELEASE)/.pkgmeta
	@echo "release tree in $(RELEASE)"

# dist/AsyncAwait-$(VERSION).zip: the release tree packaged the way the packager does it.
package: release-tree
	scripts/package.sh $(VERSION) $(RELEASE) dist

# Specs: spec/**/*.spec.ts and the src modules they import, compiled one Lua file per module
# (TSTL copies the Lua they require: spec/support/*.lua, the simulator's parts simulator/*.lua).
build/spec/.stamp: node_modules/.package-lock.json spec/tsconfig.json $(SRC) $(SPECS) $(wildcard spec/support/*.lua simulator/*.lua)
	@rm -rf build/spec # no compiled spec of a renamed or deleted file may linger
	npx tstl -p spec/tsconfig.json
	@touch $@

# A spec build of the addon with one wait kind more than src/ has (spec/wow/newkind/).
build/newkind/AsyncAwait.lua: node_modules/.package-lock.json tsconfig.json spec/wow/newkind/tstl.json $(SRC) $(wildcard spec/wow/newkind/*.ts)
	npx tstl -p spec/wow/newkind/tstl.json

specs: build/spec/.stamp build/newkind/AsyncAwait.lua

# One spec file under busted, e.g. `make spec FILE=spec/wow/selfcancel.spec.ts` (after make).
# TSTL names x.spec.ts's Lua x_spec.lua (dots of a module's name become underscores). Failures
# read at the .ts lines (spec/support/positions.lua, installed by the helper).
spec: lua-deps build specs
	@test -n "$(FILE)" || { echo "usage: make spec FILE=spec/<path>.spec.ts" >&2; exit 2; }
	busted --lua=lua5.1 --helper=build/spec/spec/support/helper.lua --lpath='build/spec/?.lua' \
	  --pattern='_spec' build/spec/$(dir $(FILE))$(subst .,_,$(basename $(notdir $(FILE)))).lua

# The benchmark's TSTL-native workloads (ordinary TypeScript async/await).
build/bench/native.lua: node_modules/.package-lock.json bench/native/tsconfig.json $(wildcard bench/native/*.ts)
	npx tstl -p bench/native/tsconfig.json

# The same workloads compiled with our TypeScriptToLua plugin.
build/bench/plugin.lua: node_modules/.package-lock.json bench/native/tsconfig.plugin.json $(wildcard bench/native/*.ts) plugin.js
	npx tstl -p bench/native/tsconfig.plugin.json

# The plugin's Lua for each construct, rewritten into spec/plugin/snapshots/lua/ (make test
# compares a fresh build with it): after a deliberate change to its output, then review the diff.
snapshots: node_modules/.package-lock.json
	spec/plugin/snapshots.sh update

lua-deps:
	@scripts/ensure-lua-deps.sh

# Lint (eslint.config.mjs) and formatting (.prettierrc.json) of the TypeScript and the node
# scripts; make test runs both. `make format` rewrites the files the check covers.
LINTED := src spec bench/native examples scripts plugin.js
FORMATTED := 'src/**/*.ts' 'spec/**/*.ts' 'spec/**/*.js' 'bench/native/*.ts' 'examples/*/*.ts' 'simulator/*.ts' \
  'scripts/*.js' plugin.js eslint.config.mjs
lint: eslint format-check

eslint: node_modules/.package-lock.json
	npx eslint --max-warnings 0 $(LINTED)

format-check: node_modules/.package-lock.json
	npx prettier --check --log-level warn $(FORMATTED)

format: node_modules/.package-lock.json
	npx prettier --write $(FORMATTED)

test: lua-deps build specs build/bench/native.lua build/bench/plugin.lua demo-addon
	@scripts/run-tests.sh

# 10,000 model-based programs (spec/model/); SEED=n replays one. Prints each failure's seed and a
# shrunk program.
test-long: lua-deps build specs
	LUA_PATH='build/spec/?.lua;;' lua5.1 build/spec/spec/model/long.lua $(or $(COUNT),10000)

# examples/SeedDemo with the built library embedded under Libs/AsyncAwait, as an author ships it.
demo-addon: build
	@rm -rf build/demo/SeedDemo
	@mkdir -p build/demo/SeedDemo/Libs
	cp -r examples/SeedDemo/. build/demo/SeedDemo/
	sed -i 's/@project-version@/$(VERSION)/' build/demo/SeedDemo/SeedDemo.toc
	cp -r $(ADDON) build/demo/SeedDemo/Libs/AsyncAwait

# Runs the demo addon in the client simulator and prints the chat a player would see.
demo: lua-deps demo-addon
	@lua5.1 scripts/demo.lua build/demo/SeedDemo

# Not a test: prints the table, writes bench/results.json, then measures the frame driver and
# what a redundant embedded copy costs.
bench: lua-deps build build/bench/native.lua build/bench/plugin.lua
	lua5.1 bench/run.lua
	lua5.1 bench/driver.lua
	lua5.1 bench/redundant.lua
	lua5.1 bench/control.lua

# Instructions per unit of each workload under valgrind (repeatable, unlike timings).
bench-instructions: lua-deps build
	bench/instructions.sh

clean:
	rm -rf build addon dist lib

# A real LuaLS on a consumer addon, with the README's .luarc.json for an embedded and a standalone
# copy (not in `make test`: LuaLS is not on the registries the build reaches).
#   make luals-check LUALS=/path/to/bin/lua-language-server [WOW_ANNOTATIONS=dir]
.PHONY: luals-check
luals-check: build
	node scripts/luals-check.js
