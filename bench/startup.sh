#!/usr/bin/env bash
# Start-up: median wall time of N runs of a fresh `pplsim decide` (process start to exit), next to `java -version`
# as the floor; once through the launcher (which maps the build's class-data archive), once the same JVM without
# the archive. Usage: bench/startup.sh [runs]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-10}"
"$home/pplsim" decide --caller None --target None --access 1 >/dev/null   # builds the jar and its archive outside the timing
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
line=(decide --caller None --target Lsa-Light --access PROCESS_VM_READ)
floor=$(for i in $(seq "$runs"); do time_ms java -version; done | median)
fresh=$(for i in $(seq "$runs"); do time_ms "$home/pplsim" "${line[@]}"; done | median)
bare=$(for i in $(seq "$runs"); do time_ms java -XX:TieredStopAtLevel=1 -Dpplsim.home="$home" -jar "$home/target/pplsim.jar" "${line[@]}"; done | median)
awk -v f="$floor" -v c="$fresh" -v b="$bare" -v n="$runs" 'BEGIN {
  printf "java -version: %d ms (median of %d)\n", f, n
  printf "pplsim decide, fresh JVM:     %4d ms  %5.1fx the floor\n", c, c / f
  printf "pplsim decide, no archive:    %4d ms  %5.1fx the floor\n", b, b / f }'
