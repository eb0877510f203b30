#!/usr/bin/env bash
# Generates N batch lines (default 1,000,000) cycling through callers, targets, objects and rights, then runs
# ./pplsim batch over them with the heap capped, and prints lines per second. Usage: bench/batch-million.sh [N]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-1000000}"
input="$(mktemp --suffix=.jsonl)"
output="$(mktemp --suffix=.jsonl)"
trap 'rm -f "$input" "$output"' EXIT
awk -v n="$n" 'BEGIN {
  split("0x00 0x11 0x21 0x31 0x41 0x51 0x61 0x72 0x81 0x12 0x52 0x62", p, " ");
  split("PROCESS_VM_READ PROCESS_TERMINATE PROCESS_QUERY_LIMITED_INFORMATION MAXIMUM_ALLOWED GENERIC_READ SYNCHRONIZE PROCESS_SUSPEND_RESUME", pr, " ");
  split("THREAD_SUSPEND_RESUME THREAD_RESUME THREAD_QUERY_LIMITED_INFORMATION THREAD_ALL_ACCESS", tr, " ");
  for (i = 0; i < n; i++) {
    c = p[i % 12 + 1]; t = p[int(i / 12) % 12 + 1];
    if (i % 5 == 0) { obj = "thread"; d = tr[i % 4 + 1] } else { obj = "process"; d = pr[i % 7 + 1] }
    mode = (i % 11 == 0) ? "kernel" : "user";
    printf "{\"id\":%d,\"caller\":{\"protection\":\"%s\"},\"target\":{\"protection\":\"%s\",\"object\":\"%s\"},\"desired\":\"%s\",\"mode\":\"%s\"}\n", i, c, t, obj, d, mode
  }
}' > "$input"
# builds the jar on first use, and records the class-data-sharing archive, outside the timing
"$home/pplsim" decide --caller None --target None --access 1 >/dev/null
export JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
start=$(date +%s.%N)
"$home/pplsim" batch "$input" > "$output"
end=$(date +%s.%N)
lines=$(wc -l < "$output")
errors=$(grep -c '"error"' "$output" || true)
awk -v l="$lines" -v e="$errors" -v s="$start" -v f="$end" 'BEGIN { printf "%d lines (%d errors) in %.1f s: %.0f lines/s (JAVA_OPTS=%s)\n", l, e, f - s, l / (f - s), ENVIRON["JAVA_OPTS"] }'
