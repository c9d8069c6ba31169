#!/usr/bin/env bash
# Builds the TypeScript examples as a consumer builds them, from the packed package:
#   spec/package/build.sh <out dir>
# npm pack the project (its prepack builds lib/ and the addon), then for each example in
# examples/Ts* and each setting (TSTL's defaults; noImplicitSelf with strict flags): a copy of
# the example with the tarball unpacked as node_modules/wow-asyncawait (npm install does the
# same; the compilers and typings come from this project's node_modules, as npm would link
# them), type-checked and compiled by tstl (which fails on a type error), and its addon folder
# assembled as its README says.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
rm -rf "$out"
mkdir -p "$out"
tarball=$(cd "$root" && npm pack --pack-destination "$out" 2>/dev/null | tail -n 1)
echo "packed $tarball"
# The package's typings must bring no globals into a consumer (its WoW declarations stay inside).
if tar -xzOf "$out/$tarball" --wildcards 'package/lib/*.d.ts' | grep -n "declare global"; then
  echo "the package's typings declare globals" >&2
  exit 1
fi

for example in TsBundled TsLibStub TsPlugin; do
  for mode in default strict; do
    dir="$out/$example-$mode"
    cp -r "$root/examples/$example" "$dir"
    mkdir -p "$dir/node_modules/wow-asyncawait"
    tar -xzf "$out/$tarball" -C "$dir/node_modules/wow-asyncawait" --strip-components=1
    for dep in typescript typescript-to-lua lua-types @typescript-to-lua @wartoshika; do
      ln -s "$root/node_modules/$dep" "$dir/node_modules/$dep"
    done
    config=tsconfig.json
    if [ "$mode" = strict ]; then
      config=tsconfig.strict.json
      cat > "$dir/$config" <<'JSON'
{
  "extends": "./tsconfig.json",
  "compilerOptions": {
    "noUncheckedIndexedAccess": true,
    "exactOptionalPropertyTypes": true,
    "verbatimModuleSyntax": true,
    "isolatedModules": true,
    "noPropertyAccessFromIndexSignature": true,
    "noImplicitOverride": true,
    "noImplicitReturns": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true
  },
  "tstl": { "noImplicitSelf": true }
}
JSON
    fi
    (cd "$dir" && "$root/node_modules/.bin/tstl" -p "$config")
    addon="$dir/addon/$example"
    mkdir -p "$addon"
    cp "$dir/$example.toc" "$dir/$example.lua" "$addon/"
    if [ "$example" != TsLibStub ]; then
      cp "$dir/node_modules/wow-asyncawait/lib/LibStub.lua" "$addon/"
    else
      mkdir -p "$addon/Libs"
      cp -r "$dir/node_modules/wow-asyncawait/addon/AsyncAwait" "$addon/Libs/AsyncAwait"
    fi
    echo "built $addon"
  done
done
