#!/usr/bin/env bash
# A test harness's session: one `pplsim batch -` kept open, one request written at a time and its answer read before
# the next (a bash coprocess, no other tool; bash's own write and read are in the figure). Prints the start-up (first answer) and the median and p99 round trip.
# Usage: bench/session.sh [requests]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-2000}"
"$home/pplsim" decide --caller None --target None --access 1 >/dev/null   # builds the jar (and its class-data archive) outside the timing
prots=(0x00 0x11 0x21 0x31 0x41 0x51 0x61 0x72 0x81 0x12 0x52 0x62)
rights=(PROCESS_VM_READ PROCESS_TERMINATE PROCESS_QUERY_LIMITED_INFORMATION MAXIMUM_ALLOWED)
line() { printf '{"id":%d,"caller":{"protection":"%s"},"target":{"protection":"%s"},"desired":"%s"}' \
  "$1" "${prots[$(($1 % 12))]}" "${prots[$(($1 / 12 % 12))]}" "${rights[$(($1 % 4))]}"; }
coproc PPLSIM { "$home/pplsim" batch -; }
start=${EPOCHREALTIME/./}
line 0 >&"${PPLSIM[1]}"; echo >&"${PPLSIM[1]}"
read -r answer <&"${PPLSIM[0]}"
now=${EPOCHREALTIME/./}
first=$(( (now - start) / 1000 ))
times=()
for ((i = 1; i <= n; i++)); do
  s=${EPOCHREALTIME/./}
  line "$i" >&"${PPLSIM[1]}"; echo >&"${PPLSIM[1]}"
  read -r answer <&"${PPLSIM[0]}"
  now=${EPOCHREALTIME/./}
  times+=($((now - s)))
done
exec {PPLSIM[1]}>&-
wait "$PPLSIM_PID" || true
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$n" -v f="$first" '{a[NR]=$1} END {
  printf "first answer %d ms (start-up); then %d requests one at a time: median %.3f ms, p99 %.3f ms a round trip\n", f, n, a[int(n/2)+1]/1000, a[int(n*0.99)]/1000 }'
