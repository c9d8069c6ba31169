#!/usr/bin/env bash
# Runs every suite and ends with one summary line "N passed, N failed".
#   - busted specs (spec/**/*.spec.ts compiled to build/spec) under lua5.1, and a check that
#     their failures name the .ts lines
#   - luaunit suites in plain Lua: the addon loaded like the client loads it, the example
#     addon, the client simulator itself, LibStub, the bundle's locals and upvalues per module
#   - the structure: layers and cycles (dependency-cruiser), module-level state, README's Layout
#   - every code example of README.md, AsyncAwait.meta.lua and src/'s TSDoc: Lua parsed by
#     luac5.1 -p, TypeScript compiled (scripts/doc-blocks.js)
#   - the TypeScript examples built from the packed npm package as a user builds them (the
#     README's npm commands, from the registry, and its tsconfig, in fresh folders) and run in
#     the simulator,
#   - the plugin's async functions against node's on the same TypeScript (spec/plugin/),
#   - lint (eslint.config.mjs) and formatting (.prettierrc.json) of the TypeScript and node scripts
#   - releases (the zip the packager would make, an external, the release branch), luacheck
#     over the built addon (no global but the ones we publish),
#     and make bench's harness on tiny sizes (it still runs and checks every workload's result)
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# Runs a suite that writes TAP: adds its ok / not ok lines to the totals and shows failures.
# A suite that fails without a "not ok" line (it crashed) counts as one failure, shown in full.
tap_suite() {
  local title=$1 name=$2 rc ok bad
  shift 2
  echo "== $title"
  "$@" >"$log/$name.tap" 2>&1
  rc=$?
  grep -E '^not ok ' -A30 "$log/$name.tap" | head -200
  ok=$(grep -cE '^ok ' "$log/$name.tap")
  bad=$(grep -cE '^not ok ' "$log/$name.tap")
  passed=$((passed + ok))
  failed=$((failed + bad))
  echo "  $ok passed, $bad failed"
  if [ $rc -ne 0 ] && [ "$bad" -eq 0 ]; then
    cat "$log/$name.tap"; failed=$((failed + 1))
  fi
}

tap_suite "busted specs (lua5.1)" busted \
  busted --lua=lua5.1 --helper=build/spec/spec/support/helper.lua --lpath='build/spec/?.lua' \
  --pattern='_spec' --output=TAP build/spec/spec
echo "== spec failures reported at their .ts lines, by make test's busted and by make spec (scripts/check-positions.sh)"
if scripts/check-positions.sh >"$log/positions.txt" 2>&1; then
  passed=$((passed + 1)); echo "  ok"
else
  failed=$((failed + 1)); cat "$log/positions.txt"
fi
tap_suite "consumer tests (luaunit, plain Lua)" consumer lua5.1 spec/consumer/run.lua --output tap
tap_suite "example addon in the simulator (luaunit)" demo lua5.1 spec/consumer/demo.lua --output tap
tap_suite "client simulator tests (luaunit)" simulator lua5.1 spec/consumer/simulator.lua --output tap
tap_suite "LibStub tests (luaunit)" libstub lua5.1 spec/consumer/libstub.lua --output tap
tap_suite "bundle against Lua 5.1's limits (luac)" limits lua5.1 spec/bundle/limits.lua --output tap
sed -n 's/^  \(module\|[a-z]\)/  \1/p' "$log/limits.tap" | grep -E '^  (module|core|wow|api|versions|libstub|index|version)'
tap_suite "structure: layers and cycles over src/ (dependency-cruiser, .dependency-cruiser.cjs)" structure \
  node scripts/check-structure.js
tap_suite "structure: module-level state is handed over or transient (scripts/check-module-state.js)" modulestate \
  node scripts/check-module-state.js
tap_suite "structure: README's Layout against the tree (scripts/check-layout.js)" layout \
  node scripts/check-layout.js
tap_suite "README and annotation examples (luac5.1 -p; TypeScriptToLua with the plugin)" docblocks \
  node scripts/doc-blocks.js

echo "== TypeScript consumers: the README's npm commands and tsconfig in fresh folders, with the packed package (spec/package/build.sh)"
if spec/package/build.sh build/consumer >"$log/consumer-build.txt" 2>&1; then
  sed -n 's/^built /  built /p' "$log/consumer-build.txt"
  tap_suite "TypeScript consumers in the simulator (luaunit)" consumers \
    env CONSUMER_OUT=build/consumer lua5.1 spec/package/consumer.lua --output tap
else
  failed=$((failed + 1)); cat "$log/consumer-build.txt"
fi

tap_suite "the TypeScript plugin against node on TypeScript's async semantics (spec/plugin/compare.sh)" plugin \
  spec/plugin/compare.sh

# Each a suite of one: it fails on any lint error or unformatted file, listed.
echo "== lint (make eslint)"
if make -s eslint >"$log/eslint.txt" 2>&1; then
  passed=$((passed + 1)); echo "  clean"
else
  failed=$((failed + 1)); cat "$log/eslint.txt"
fi

echo "== formatting (make format-check; make format rewrites)"
if make -s format-check >"$log/format.txt" 2>&1; then
  passed=$((passed + 1)); echo "  formatted"
else
  failed=$((failed + 1)); cat "$log/format.txt"
fi

echo "== release: the release tree packaged as the BigWigs packager does (scripts/package.sh)"
version=$(node -p "require('./package.json').version")
if make -s release-tree >"$log/release.txt" 2>&1 && zip=$(scripts/package.sh "$version" build/release "$log/dist" 2>>"$log/release.txt"); then
  tap_suite "releases: the zip, a .pkgmeta external, the release branch (luaunit)" release \
    env RELEASE_TREE=build/release RELEASE_ZIP="$zip" RELEASE_VERSION="$version" lua5.1 spec/package/release.lua --output tap
else
  failed=$((failed + 1)); cat "$log/release.txt"
fi

echo "== the bundle's source map (addon/AsyncAwait/AsyncAwait.lua.map) names the lines of src/"
if node scripts/addon-map.js --check addon/AsyncAwait/AsyncAwait.lua.map addon/AsyncAwait/AsyncAwait.lua >"$log/map.txt" 2>&1; then
  passed=$((passed + 1)); echo "  ok"
else
  failed=$((failed + 1)); cat "$log/map.txt"
fi

echo "== the bundle's line 2 names the task record's slots as src/core/task.ts's Slot does (scripts/slot-header.js)"
if node scripts/slot-header.js --check addon/AsyncAwait/AsyncAwait.lua build/addon/AsyncAwait.lua >"$log/slots.txt" 2>&1; then
  passed=$((passed + 1)); echo "  ok"
else
  failed=$((failed + 1)); cat "$log/slots.txt"
fi

echo "== luacheck (globals) over addon/"
if luacheck --no-color addon >"$log/luacheck.txt" 2>&1; then
  passed=$((passed + 1)); echo "  clean"
else
  failed=$((failed + 1)); cat "$log/luacheck.txt"
fi

echo "== bench smoke run (tiny sizes)"
if BENCH_OUT="$log/results.json" lua5.1 bench/run.lua --tiny >"$log/bench.txt" 2>&1 \
  && grep -q '"spawn"' "$log/results.json" && grep -q '"live"' "$log/results.json"; then
  passed=$((passed + 1)); echo "  ran"
else
  failed=$((failed + 1)); cat "$log/bench.txt"
fi

echo "== control bench smoke run (tiny sizes)"
if lua5.1 bench/control.lua --tiny >"$log/control.txt" 2>&1 \
  && [ "$(grep -c ': 0 left, BAG_UPDATE unregistered' "$log/control.txt")" -eq 2 ]; then
  passed=$((passed + 1)); echo "  ran"
else
  failed=$((failed + 1)); cat "$log/control.txt"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
