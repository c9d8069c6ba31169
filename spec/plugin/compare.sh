#!/usr/bin/env bash
# TypeScript's own async semantics under the plugin, compared with JavaScript's: each case in
# spec/plugin/cases/ is plain TypeScript (console.log and the language, nothing of WoW or of
# AsyncAwait's API), compiled by tsc and run by node, and compiled by TypeScriptToLua with the
# plugin and run next to the built library in the client simulator (run.lua); the outputs must
# agree. Lines a case logs with a leading "~" are compared without their order (each case says
# why: continuations of different promises run in the scheduler's queue order, not in the
# microtask queue's), and unhandled rejections (node: unhandledRejection; Lua: the library's
# report) likewise. The cases in spec/plugin/deferred/ are compiled with "start": "deferred"
# and compared with their .expected files, and compiled with the default start and run where the
# library lacks starts inside the caller (an older copy), which the plugin falls back from to
# the same queueing. Writes TAP.
#   spec/plugin/compare.sh   (after make: it loads addon/AsyncAwait)
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=build/plugin-cases
rm -rf "$out"
mkdir -p "$out"

# A run's lines: the ordered ones, then the "~" ones sorted, then the unhandled ones sorted.
normalize() {
  grep -v -e '^~' -e '^unhandled: ' "$1"
  echo "-- without order:"
  grep '^~' "$1" | sort
  echo "-- unhandled:"
  grep '^unhandled: ' "$1" | sort
}

n=0
failed=0
report() { # name, ok?, details file
  n=$((n + 1))
  if [ "$2" = ok ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    sed 's/^/    /' "$3"
    failed=$((failed + 1))
  fi
}

for step in "tsc -p spec/plugin/tsconfig.node.json" "tstl -p spec/plugin/tsconfig.json" "tstl -p spec/plugin/tsconfig.deferred.json" \
  "tstl -p spec/plugin/tsconfig.fallback.json"; do
  if ! npx $step >"$out/build.txt" 2>&1; then
    report "$step" fail "$out/build.txt"
    echo "1..$n"
    exit 1
  fi
done

for source in spec/plugin/cases/*.ts; do
  name=$(basename "$source" .ts)
  node -r ./spec/plugin/node-preload.js "$out/js/$name.js" >"$out/$name.node.txt" 2>&1
  lua5.1 spec/plugin/run.lua "$out/lua/$name.lua" >"$out/$name.lua.txt" 2>&1
  if diff -u --label "node: $name" --label "plugin: $name" <(normalize "$out/$name.node.txt") <(normalize "$out/$name.lua.txt") >"$out/$name.diff"; then
    report "$name: as node runs it" ok
  else
    report "$name: as node runs it" fail "$out/$name.diff"
  fi
  lua5.1 spec/plugin/run.lua "$out/lua/$name.lua" --no-start-new >"$out/$name.lua.txt" 2>&1
  if diff -u --label "node: $name" --label "plugin (library without startNew): $name" <(normalize "$out/$name.node.txt") <(normalize "$out/$name.lua.txt") >"$out/$name.diff"; then
    report "$name: a library without startNew, as node runs it" ok
  else
    report "$name: a library without startNew, as node runs it" fail "$out/$name.diff"
  fi
done

for source in spec/plugin/deferred/*.ts; do
  name=$(basename "$source" .ts)
  lua5.1 spec/plugin/run.lua "$out/deferred/$name.lua" >"$out/$name.lua.txt" 2>&1
  if diff -u --label "expected: $name" --label "plugin (deferred): $name" "spec/plugin/deferred/$name.expected" "$out/$name.lua.txt" >"$out/$name.diff"; then
    report "$name: start deferred" ok
  else
    report "$name: start deferred" fail "$out/$name.diff"
  fi
  lua5.1 spec/plugin/run.lua "$out/fallback/$name.lua" --no-start-now >"$out/$name.fallback.txt" 2>&1
  if diff -u --label "expected: $name" --label "plugin (library without startNow): $name" "spec/plugin/deferred/$name.expected" "$out/$name.fallback.txt" >"$out/$name.diff"; then
    report "$name: a library without startNow" ok
  else
    report "$name: a library without startNow" fail "$out/$name.diff"
  fi
done

# The source maps of a rewritten file (the prelude before its lines), a file left alone, a bundle,
# and a rewritten file with its map inline and TypeScriptToLua's sourceMapTraceback table.
maps="$out/maps/lines.lua $out/maps/plain.lua $out/maps-bundle/bundle.lua $out/maps-inline/lines.lua"
if npx tstl -p spec/plugin/tsconfig.maps.json >"$out/maps.txt" 2>&1 && npx tstl -p spec/plugin/tsconfig.maps.bundle.json >>"$out/maps.txt" 2>&1 \
  && npx tstl -p spec/plugin/tsconfig.maps.inline.json >>"$out/maps.txt" 2>&1; then
  node spec/plugin/maps.js $((n + 1)) $maps || failed=$((failed + 1))
  n=$((n + 4))
else
  report "source maps: the builds" fail "$out/maps.txt"
fi

# The Lua it emits for each construct, one file each and bundled, as the committed snapshots
# (spec/plugin/snapshots.sh; `make snapshots` updates them after a deliberate change).
if spec/plugin/snapshots.sh build >"$out/snapshots.txt" 2>&1; then
  for snapshot in spec/plugin/snapshots/lua/files/*.lua spec/plugin/snapshots/lua/bundle.lua; do
    built=build/plugin-snapshots/lua/${snapshot#spec/plugin/snapshots/lua/}
    if diff -u --label "snapshot: $snapshot" --label "built: $built" "$snapshot" "$built" >"$out/snapshot.diff" 2>&1; then
      report "snapshot ${snapshot#spec/plugin/snapshots/}" ok
    else
      echo "(make snapshots updates the snapshots after a deliberate change)" >>"$out/snapshot.diff"
      report "snapshot ${snapshot#spec/plugin/snapshots/}" fail "$out/snapshot.diff"
    fi
  done
  for built in build/plugin-snapshots/lua/files/*.lua; do
    if [ ! -f "spec/plugin/snapshots/lua/files/$(basename "$built")" ]; then
      echo "no snapshot of $built: make snapshots" >"$out/snapshot.diff"
      report "snapshot of $(basename "$built")" fail "$out/snapshot.diff"
    fi
  done
else
  report "snapshots: the builds" fail "$out/snapshots.txt"
fi

# plugin.js type-checks against TypeScriptToLua's Plugin interface and Lua AST (JSDoc types).
if npx tsc -p spec/plugin/tsconfig.check.json >"$out/check.txt" 2>&1; then
  report "plugin.js: type-checked against TypeScriptToLua's Plugin (tsc --checkJs)" ok
else
  report "plugin.js: type-checked against TypeScriptToLua's Plugin (tsc --checkJs)" fail "$out/check.txt"
fi

# Lua of a shape the plugin does not rewrite (a plugin before it renames ____awaiter_resolve) fails
# the build with an error naming the file and the function, not a silent fallback.
if npx tstl -p spec/plugin/tsconfig.shape.json >"$out/shape.txt" 2>&1; then
  echo "tstl exited 0" >>"$out/shape.txt"
  report "an async function of an unknown shape fails the build" fail "$out/shape.txt"
elif grep -q "renamed.ts(2,1): error TS160001: wow-asyncawait/plugin: cannot make the async function 'fetchCount' a task" "$out/shape.txt"; then
  report "an async function of an unknown shape fails the build" ok
else
  report "an async function of an unknown shape fails the build" fail "$out/shape.txt"
fi

# "rewrite": false: TypeScriptToLua's own async functions stay, and each file still registers its
# line map, so a report of a task failing there names the .ts line.
if npx tstl -p spec/plugin/tsconfig.mapsonly.json >"$out/mapsonly.txt" 2>&1; then
  lua5.1 spec/plugin/run.lua "$out/mapsonly/fails.lua" >>"$out/mapsonly.txt" 2>&1
  if grep -q "__TS__AsyncAwaiter" "$out/mapsonly/fails.lua" && ! grep -q "____AA_lib" "$out/mapsonly/fails.lua" \
    && grep -q "^plain 1$" "$out/mapsonly.txt" && grep -q "unhandled error in a task of AsyncAwait: mapsonly/fails.ts:7: exploded" "$out/mapsonly.txt" \
    && grep -q "^mapsonly/fails.ts:7: in function <mapsonly/fails.ts:6>" "$out/mapsonly.txt"; then
    report "rewrite: false keeps TypeScriptToLua's async functions and reports .ts lines" ok
  else
    report "rewrite: false keeps TypeScriptToLua's async functions and reports .ts lines" fail "$out/mapsonly.txt"
  fi
else
  report "rewrite: false: the build" fail "$out/mapsonly.txt"
fi

# An unknown start mode is refused when the plugin is loaded, naming the option.
if node -e 'require("./plugin.js")({ start: "later" })' >"$out/option.txt" 2>&1; then
  echo "the plugin accepted start: later" >"$out/option.txt"
  report "start: an unknown mode is refused" fail "$out/option.txt"
elif grep -q '"start" must be "eager" or "deferred", got "later"' "$out/option.txt"; then
  report "start: an unknown mode is refused" ok
else
  report "start: an unknown mode is refused" fail "$out/option.txt"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
