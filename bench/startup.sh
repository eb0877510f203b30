#!/usr/bin/env bash
# Start-up: median wall time of 10 runs of `pplsim decide` (process start to exit), next to `java -version` as
# the floor: once as a fresh JVM (PPLSIM_SERVER=off), once answered by a warm `pplsim server` (started here for the
# measurement and stopped after it, unless one already ran). Usage: bench/startup.sh [runs]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
PPLSIM_SERVER=off PPLSIM_CDS_WAIT=1 "$home/pplsim" decide --caller None --target None --access 1 >/dev/null   # builds the jar (and the CDS archive) outside the timing
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
line=(decide --caller None --target Lsa-Light --access PROCESS_VM_READ)
floor=$(for i in $(seq "$runs"); do time_ms java -version; done | median)
cold=$(for i in $(seq "$runs"); do time_ms env PPLSIM_SERVER=off "$home/pplsim" "${line[@]}"; done | median)
started=
if ! "$home/pplsim" server status >/dev/null 2>&1; then "$home/pplsim" server start >/dev/null; started=1; fi
# a different request each run: nothing the server answered before
warm=$(for i in $(seq "$runs"); do time_ms "$home/pplsim" decide --caller "0x$(printf '%x' $((i % 8 + 1)))1" --target Lsa-Light --access "$((1 << (i % 13)))"; done | median)
[ -n "$started" ] && "$home/pplsim" server stop >/dev/null
awk -v f="$floor" -v c="$cold" -v w="$warm" -v n="$runs" 'BEGIN {
  printf "java -version: %d ms (median of %d)\n", f, n
  printf "pplsim decide, fresh JVM:     %4d ms  %5.1fx the floor\n", c, c / f
  printf "pplsim decide, warm server:   %4d ms  %5.1fx the floor\n", w, w / f }'
