#!/usr/bin/env bash
# Builds the TypeScript examples as a new user builds them, from the packed package:
#   spec/package/build.sh <out dir>
# npm pack the project (its prepack builds lib/ and the addon). Then for each example in
# examples/Ts*: a fresh folder outside the repository with the example's main.ts and TOC, the
# tsconfig.json README.md prints (MyAddon replaced by the example's name; the example's own
# tsconfig.json must be that file), and README.md's commands run as printed (npm init, npm
# install from the registry, with the packed tarball for wow-asyncawait). npm must resolve it
# with no peer conflict or warning, `npm ls` must find nothing missing or invalid. Then tstl
# compiles it twice (tstl fails on a type error): with that tsconfig ("default"), and with it
# extended by noImplicitSelf and strict flags ("strict"). Once more ("floor") with the README's
# commands but typescript-to-lua pinned to the lowest version the package's peer range accepts,
# with that tsconfig. Each addon folder is assembled as the README says, into
# <out dir>/<Example>-<default|strict|floor>/addon/<Example> for spec/package/consumer.lua.
# npm's cache makes a repeated install take seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$1
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/asyncawait-consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Quieter and faster, resolution unchanged.
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

tarball=$(cd "$root" && npm pack --pack-destination "$out" 2>/dev/null | tail -n 1)
tarball="$out/$tarball"
echo "packed $tarball"
# The package's typings must bring no globals into a consumer (its WoW declarations stay inside).
if tar -xzOf "$tarball" --wildcards 'package/lib/*.d.ts' | grep -n "declare global"; then
  echo "the package's typings declare globals" >&2
  exit 1
fi

setup="node $root/spec/package/readme-setup.js"
mapfile -t commands < <($setup commands)

# Runs a command in the current folder, its output in $log; on failure shows both and stops.
run() {
  local log=$1
  shift
  echo "\$ $*" >>"$log"
  if ! "$@" >>"$log" 2>&1; then
    echo "FAILED in $PWD: $*" >&2
    tail -n 60 "$log" >&2
    exit 1
  fi
}

# The lowest typescript-to-lua the package's peer range accepts ("^1.36.0": 1.36.0).
floor=$(node -p "require('$root/package.json').peerDependencies['typescript-to-lua'].replace(/^[\\^~>=]+/, '')")

# build <example> <variant> <modes...>: variant "latest" runs the README's commands as printed;
# "floor" pins typescript-to-lua to $floor in them (the rest as printed).
build() {
  local example=$1 variant=$2
  shift 2
  local started=$SECONDS
  local src="$root/examples/$example"
  local dir="$work/$example-$variant"
  local log="$out/$example-$variant.log"
  mkdir -p "$dir"
  $setup check "$src/tsconfig.json" "$example"
  cp "$src/main.ts" "$src/$example.toc" "$dir/"
  $setup tsconfig "$example" >"$dir/tsconfig.json"
  cd "$dir"
  for command in "${commands[@]}"; do
    # The published name, as the README prints it, is the packed tarball here.
    command=$(sed -E "s#(^| )wow-asyncawait( |\$)#\\1$tarball\\2#" <<<"$command")
    if [ "$variant" = floor ]; then
      command=$(sed -E "s#(^| )typescript-to-lua( |\$)#\\1typescript-to-lua@$floor\\2#" <<<"$command")
    fi
    read -ra words <<<"$command"
    run "$log" "${words[@]}"
  done
  if grep -nE 'ERESOLVE|peer dep|invalid|--legacy-peer-deps' "$log"; then
    echo "$example: npm warned about its dependencies (above; $log)" >&2
    exit 1
  fi
  run "$log" npm ls
  local installed install_time
  installed=$(npm ls --depth=0 --parseable --long 2>/dev/null | sed -n 's#^[^:]*:\([^:]*\).*#\1#p' \
    | grep -E '^(typescript|typescript-to-lua|lua-types|@wartoshika/wow-declarations|@typescript-to-lua/language-extensions)@' | tr '\n' ' ')
  install_time=$((SECONDS - started))
  if [ "$variant" = floor ] && [[ " $installed" != *" typescript-to-lua@$floor "* ]]; then
    echo "$example: the floor build installed $installed, not typescript-to-lua@$floor" >&2
    exit 1
  fi

  cat >tsconfig.strict.json <<'JSON'
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
  local mode config addon
  for mode in "$@"; do
    config=tsconfig.json
    [ "$mode" = strict ] && config=tsconfig.strict.json
    rm -f "$example.lua"
    run "$log" npx tstl -p "$config"
    local name=$mode
    [ "$variant" = floor ] && name=floor
    addon="$out/$example-$name/addon/$example"
    mkdir -p "$addon"
    cp "$example.toc" "$example.lua" "$addon/"
    if [ "$example" = TsLibStub ]; then
      if grep -n 'wow-asyncawait' "$example.lua" | head -3 | grep .; then
        echo "$example ($mode): a types-only bundle holds the library (above)" >&2
        exit 1
      fi
      # Types only: the library is the copy the addon embeds, as the README says.
      mkdir -p "$addon/Libs"
      cp -r node_modules/wow-asyncawait/addon/AsyncAwait "$addon/Libs/AsyncAwait"
    fi
  done
  cd "$root"
  echo "built $example ($variant: install ${install_time}s, $# builds $((SECONDS - started - install_time))s): $installed"
}

for example in TsBundled TsLibStub TsPlugin; do
  build "$example" latest default strict
done
for example in TsBundled TsLibStub TsPlugin; do
  build "$example" floor default
done
