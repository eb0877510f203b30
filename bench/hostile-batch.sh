#!/usr/bin/env bash
# A hostile batch: N ordinary request lines (default 1,000,000) with one line of HUGE bytes (default 100 MB, an
# SDDL that never ends) in the middle, run with the heap capped at 256 MB. The huge line must come back as its own
# error line at its position (it is over --max-line-bytes), every other line answered in order, in bounded memory.
# Prints lines per second, peak RSS, the exit code (2: the huge line is an error) and whether every good line was
# answered. Usage: bench/hostile-batch.sh [N] [HUGE]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-1000000}"
huge="${2:-100000000}"
input="$(mktemp --suffix=.jsonl)"
output="$(mktemp --suffix=.jsonl)"
timing="$(mktemp)"
trap 'rm -f "$input" "$output" "$timing"' EXIT
half=$(( n / 2 ))
gen() { # lines [from, to) as bench/batch-million.sh's repeating ones: callers, targets, objects and rights cycled
  awk -v from="$1" -v to="$2" 'BEGIN {
    split("0x00 0x11 0x21 0x31 0x41 0x51 0x61 0x72 0x81 0x12 0x52 0x62", p, " ");
    split("PROCESS_VM_READ PROCESS_TERMINATE PROCESS_QUERY_LIMITED_INFORMATION MAXIMUM_ALLOWED GENERIC_READ SYNCHRONIZE PROCESS_SUSPEND_RESUME", pr, " ");
    split("THREAD_SUSPEND_RESUME THREAD_RESUME THREAD_QUERY_LIMITED_INFORMATION THREAD_ALL_ACCESS", tr, " ");
    for (i = from; i < to; i++) {
      c = p[i % 12 + 1]; t = p[int(i / 12) % 12 + 1];
      if (i % 5 == 0) { obj = "thread"; d = tr[i % 4 + 1] } else { obj = "process"; d = pr[i % 7 + 1] }
      mode = (i % 11 == 0) ? "kernel" : "user";
      printf "{\"id\":%d,\"caller\":{\"protection\":\"%s\"},\"target\":{\"protection\":\"%s\",\"object\":\"%s\"},\"desired\":\"%s\",\"mode\":\"%s\"}\n", i, c, t, obj, d, mode
    }
  }'
}
{
  gen 0 "$half"
  printf '{"id":"huge","caller":{"protection":"None"},"target":{"protection":"Lsa-Light","sd":"O:SYD:'
  head -c "$huge" /dev/zero | tr '\0' 'A'
  printf '"},"desired":"PROCESS_VM_READ"}\n'
  gen "$half" "$n"
} > "$input"
# builds the jar (and its class-data archive) on first use, outside the timing
"$home/pplsim" decide --caller None --target None --access 1 >/dev/null
export JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
start=$(date +%s.%N)
set +e
if /usr/bin/time -v true >/dev/null 2>&1; then
  /usr/bin/time -v -o "$timing" "$home/pplsim" batch "$input" > "$output"
  code=$?
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$timing")
else
  # no GNU time: the peak is the kernel's high-water mark of the process, read just before it ends
  "$home/pplsim" batch "$input" > "$output" &
  pid=$!
  rss=0
  while kill -0 "$pid" 2>/dev/null; do
    hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    [ -n "$hwm" ] && [ "$hwm" -gt "$rss" ] && rss=$hwm
    sleep 0.05
  done
  wait "$pid"
  code=$?
fi
set -e
end=$(date +%s.%N)
# the huge line is line half+1: its answer there, with its number; every other answer's id is its line's id
verdict=$(awk -v mid=$(( half + 1 )) -v n="$n" '
  { id = $0; sub(/^\{"id":/, "", id); sub(/,.*/, "", id) }
  NR == mid { if ($0 != "{\"id\":null,\"error\":\"line " mid ": the line is over the limit of 1,048,576 bytes (--max-line-bytes)\"}") bad = bad " huge-line:" $0; next }
  { want = NR < mid ? NR - 1 : NR - 2; if (id != want || index($0, "\"error\"")) { bad = bad " line" NR; if (++shown > 3) exit } }
  END { if (NR != n + 1) bad = bad " count:" NR; print bad == "" ? "yes" : "NO:" bad }' "$output")
lines=$(wc -l < "$output")
awk -v l="$lines" -v s="$start" -v f="$end" -v r="$rss" -v c="$code" -v v="$verdict" -v h="$huge" 'BEGIN {
  printf "%d lines (one of %d bytes) in %.1f s: %.0f lines/s, peak RSS %.0f MB, exit %d (JAVA_OPTS=%s)\n", l, h, f - s, l / (f - s), r / 1024, c, ENVIRON["JAVA_OPTS"]
  printf "every good line answered in order, the huge one its error at its place: %s\n", v }'
