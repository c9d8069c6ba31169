#!/usr/bin/env bash
# Machine instructions per unit of each make bench workload, counted by valgrind's callgrind:
# repeatable, unlike timings. Each figure is (instructions at 2000 units - at 1000) / 1000, so
# loading and warm-up cancel out, averaged over three heap layouts (bench/count.lua).
#   bench/instructions.sh [addon dir]    (default: addon/AsyncAwait, built by make)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "bench/instructions.sh needs valgrind (apt-get install valgrind)" >&2; exit 1; }
ours=${1:-ours}

count() { # impl workload scale -> instructions
  valgrind --tool=callgrind --callgrind-out-file=/dev/null lua5.1 bench/count.lua "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
perunit() {
  local sum=0
  for padding in 0 3000 20000; do
    export HEAP_PADDING=$padding
    sum=$(( sum + $(count "$1" "$2" 2) - $(count "$1" "$2" 1) ))
  done
  echo $(( sum / 3000 ))
}

# The instruction targets, ours / floor per workload.
declare -A target=([spawn]=1.3 [switch]=1.1 [await]=1.0 [fanout]=1.3)
printf '%-8s %12s %12s %10s %8s\n' workload "ours instr" "floor instr" "ours/flr" "target"
for key in spawn switch await fanout; do
  a=$(perunit "$ours" "$key"); b=$(perunit floor "$key")
  ratio=$(awk "BEGIN { printf \"%.2f\", $a / $b }")
  met=$(awk "BEGIN { print ($ratio <= ${target[$key]}) ? \"met\" : \"MISSED\" }")
  printf '%-8s %12d %12d %10s %8s  %s\n' "$key" "$a" "$b" "$ratio" "<= ${target[$key]}" "$met"
done
