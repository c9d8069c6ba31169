#!/usr/bin/env bash
# The Lua the plugin emits for each construct (spec/plugin/snapshots/src/: async functions,
# arrows, methods, exported functions, try/catch/finally with return/break/continue, await
# using, Promise interop, a file with no async function), one file each and in one bundle.
# Its snapshots, spec/plugin/snapshots/lua/, are committed; spec/plugin/compare.sh (make test)
# compares a fresh build with them. After a deliberate change to the plugin's output:
#   make snapshots        (spec/plugin/snapshots.sh update), then review and commit the diff.
#   spec/plugin/snapshots.sh build    builds into build/plugin-snapshots/lua only
# TypeScriptToLua's own lualib_bundle.lua of the one-file build is not part of it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=build/plugin-snapshots
rm -rf "$out"
npx tstl -p spec/plugin/snapshots/tsconfig.json
npx tstl -p spec/plugin/snapshots/tsconfig.bundle.json
mkdir -p "$out/lua/files"
cp "$out"/files/*.lua "$out/lua/files/"
rm "$out/lua/files/lualib_bundle.lua"
cp "$out/bundle/bundle.lua" "$out/lua/bundle.lua"
if [ "${1:-build}" = update ]; then
  rm -rf spec/plugin/snapshots/lua
  cp -R "$out/lua" spec/plugin/snapshots/lua
  echo "snapshots updated: review git diff spec/plugin/snapshots/lua"
fi
