# AsyncAwait build. `make` builds addon/AsyncAwait/; `make test` runs every suite.
SHELL := /bin/bash
VERSION := $(shell node -p "require('./package.json').version" 2>/dev/null || echo 0.0.0)
ADDON := addon/AsyncAwait
SRC := $(shell find src -name '*.ts' 2>/dev/null)
SPECS := $(shell find spec -name '*.ts' 2>/dev/null)

.PHONY: all build test specs bench clean lua-deps

all: build

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build/addon/AsyncAwait.lua: node_modules/.package-lock.json tstl.json tsconfig.json $(SRC)
	npx tstl -p tstl.json

$(ADDON)/AsyncAwait.lua: build/addon/AsyncAwait.lua AsyncAwait.toc package.json
	@mkdir -p $(ADDON)
	cp build/addon/AsyncAwait.lua $(ADDON)/AsyncAwait.lua
	sed 's/@version@/$(VERSION)/' AsyncAwait.toc > $(ADDON)/AsyncAwait.toc
	@echo "built $(ADDON) (version $(VERSION))"

build: $(ADDON)/AsyncAwait.lua

# Specs: spec/**/*.spec.ts and the src modules they import, compiled one Lua file per module.
build/spec/.stamp: node_modules/.package-lock.json spec/tsconfig.json $(SRC) $(SPECS)
	npx tstl -p spec/tsconfig.json
	@touch $@

specs: build/spec/.stamp

# The benchmark's TSTL-native workloads (ordinary TypeScript async/await).
build/bench/native.lua: node_modules/.package-lock.json bench/native/tsconfig.json $(wildcard bench/native/*.ts)
	npx tstl -p bench/native/tsconfig.json

lua-deps:
	@scripts/ensure-lua-deps.sh

test: lua-deps build specs build/bench/native.lua
	@scripts/run-tests.sh

# Not a test: prints the table and writes bench/results.json (about a minute).
bench: lua-deps build build/bench/native.lua
	lua5.1 bench/run.lua

clean:
	rm -rf build addon dist
