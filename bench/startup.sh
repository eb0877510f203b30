#!/usr/bin/env bash
# Start-up: median wall time of 10 runs of `pplsim decide` (process start to exit), next to `java -version` as
# the floor. Usage: bench/startup.sh [runs]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
"$home/pplsim" decide --caller None --target None --access 1 >/dev/null   # builds the jar (and the CDS archive) outside the timing
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
floor=$(for i in $(seq "$runs"); do time_ms java -version; done | median)
decide=$(for i in $(seq "$runs"); do time_ms "$home/pplsim" decide --caller None --target Lsa-Light --access PROCESS_VM_READ; done | median)
awk -v f="$floor" -v d="$decide" -v n="$runs" 'BEGIN { printf "java -version: %d ms; pplsim decide: %d ms (median of %d); ratio %.1fx\n", f, d, n, d / f }'
