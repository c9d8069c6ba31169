#!/usr/bin/env bash
# Checks that busted reports spec failures at their TypeScript lines, the way `make test` runs
# the specs (TAP) and the way `make spec FILE=...` does (busted's terminal output): runs the
# deliberately failing spec/fixtures/positions/failing.fixture.ts and looks in each report for
# the .ts position of each case (the fixture's lines marked @position, and the src line that
# raises "LibStub is missing"), and for no position left in build/spec/. Prints "ok" or what is
# wrong, exits 1. Run after `make build specs`.
set -uo pipefail
cd "$(dirname "$0")/.."

FIXTURE=spec/fixtures/positions/failing.fixture.ts
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The two reports; both exit non-zero (every case fails), which is what they are for.
busted --lua=lua5.1 --helper=build/spec/spec/support/helper.lua --lpath='build/spec/?.lua' \
  --output=TAP --verbose build/spec/spec/fixtures/positions/failing_fixture.lua >"$out/tap.txt" 2>&1
make -s --no-print-directory spec FILE=$FIXTURE >"$out/terminal.txt" 2>&1

expected=()
for name in assert error helper; do
  line=$(grep -n "@position $name\$" $FIXTURE | cut -d: -f1)
  [ -n "$line" ] || { echo "$FIXTURE has no line marked @position $name"; exit 1; }
  expected+=("$FIXTURE:$line: ")
done
src=$(grep -rn 'error("AsyncAwait: LibStub is missing' src --include=*.ts | cut -d: -f1,2)
[ -n "$src" ] || { echo "no line of src/ raises \"LibStub is missing\" (the fixture's src case)"; exit 1; }
expected+=("$src: AsyncAwait: LibStub is missing")

problems=0
for report in tap terminal; do
  for position in "${expected[@]}"; do
    if ! grep -qF -- "$position" "$out/$report.txt"; then
      echo "the $report report does not name $position"; problems=1
    fi
  done
  if grep -q 'build/spec/[^ ]*\.lua:[0-9]' "$out/$report.txt"; then
    echo "the $report report still names positions in build/spec/:"
    grep 'build/spec/[^ ]*\.lua:[0-9]' "$out/$report.txt" | head -5; problems=1
  fi
done
if [ $problems -ne 0 ]; then
  echo "--- TAP report"; cat "$out/tap.txt"; echo "--- terminal report"; cat "$out/terminal.txt"
  exit 1
fi
echo "ok"
