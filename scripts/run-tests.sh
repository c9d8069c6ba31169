#!/usr/bin/env bash
# Runs every suite and ends with one summary line "N passed, N failed".
#   1. busted specs (spec/**/*.spec.ts compiled to build/spec) under lua5.1
#   2. consumer tests (plain Lua, luaunit) that load addon/AsyncAwait like the client does
#   3. luacheck over the built addon: no global but the ones we publish
#   4. make bench's harness on tiny sizes (it still runs and checks every workload's result)
set -uo pipefail
cd "$(dirname "$0")/.."

passed=0
failed=0
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# Adds the ok / not ok lines of a TAP stream to the totals; prints failures in full.
count_tap() {
  local file=$1 ok bad
  ok=$(grep -cE '^ok ' "$file")
  bad=$(grep -cE '^not ok ' "$file")
  passed=$((passed + ok))
  failed=$((failed + bad))
  echo "  $ok passed, $bad failed"
}

echo "== busted specs (lua5.1)"
busted --lua=lua5.1 \
  --helper=build/spec/spec/support/helper.lua \
  --lpath='build/spec/?.lua' \
  --pattern='_spec' \
  --output=TAP \
  build/spec/spec >"$log/busted.tap" 2>&1
rc=$?
grep -E '^not ok ' -A30 "$log/busted.tap" | head -200
count_tap "$log/busted.tap"
if [ $rc -ne 0 ] && ! grep -qE '^not ok ' "$log/busted.tap"; then
  cat "$log/busted.tap"; failed=$((failed + 1))
fi

echo "== consumer tests (luaunit, plain Lua)"
lua5.1 spec/consumer/run.lua --output tap >"$log/unit.tap" 2>&1
rc=$?
grep -E '^not ok ' -A10 "$log/unit.tap" | head -100
count_tap "$log/unit.tap"
if [ $rc -ne 0 ] && ! grep -qE '^not ok ' "$log/unit.tap"; then
  cat "$log/unit.tap"; failed=$((failed + 1))
fi

echo "== client simulator tests (luaunit, plain Lua)"
lua5.1 spec/consumer/simulator.lua --output tap >"$log/sim.tap" 2>&1
rc=$?
grep -E '^not ok ' -A10 "$log/sim.tap" | head -100
count_tap "$log/sim.tap"
if [ $rc -ne 0 ] && ! grep -qE '^not ok ' "$log/sim.tap"; then
  cat "$log/sim.tap"; failed=$((failed + 1))
fi

echo "== LibStub consumer tests (luaunit, plain Lua)"
lua5.1 spec/consumer/libstub.lua --output tap >"$log/libstub.tap" 2>&1
rc=$?
grep -E '^not ok ' -A10 "$log/libstub.tap" | head -100
count_tap "$log/libstub.tap"
if [ $rc -ne 0 ] && ! grep -qE '^not ok ' "$log/libstub.tap"; then
  cat "$log/libstub.tap"; failed=$((failed + 1))
fi

echo "== package smoke run (scripts/package.sh into a temporary dist)"
version=$(sed -n 's/^## Version: //p' addon/AsyncAwait/AsyncAwait.toc)
ok=1
zip=$(scripts/package.sh "$version" addon/AsyncAwait "$log/dist" 2>&1) || ok=0
for name in AsyncAwait.toc AsyncAwait.lua LibStub/LibStub.lua lib.xml; do
  [ "$ok" -eq 1 ] && grep -qaF "AsyncAwait/$name" "$zip" || { ok=0; echo "  missing AsyncAwait/$name"; }
done
if [ "$ok" -eq 1 ]; then
  passed=$((passed + 1)); echo "  $(basename "$zip")"
else
  failed=$((failed + 1)); echo "  $zip"
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

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
