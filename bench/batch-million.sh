#!/usr/bin/env bash
# Generates N batch lines (default 1,000,000) cycling through callers, targets, objects and rights, then runs
# ./pplsim batch over them with the heap capped, and prints lines per second.
# Usage: bench/batch-million.sh [N] [repeating|distinct]
#   repeating (default): a few thousand requests under distinct ids, as a test suite's batch repeats its cases
#   distinct: the same requests, each line spelled differently (protections and masks as names, hex of varied
#             width or decimal; optional fields present or not), so that no line's text repeats another's and
#             every line is parsed and decided (the table stays warm: a few thousand keys)
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-1000000}"
kind="${2:-repeating}"
input="$(mktemp --suffix=.jsonl)"
output="$(mktemp --suffix=.jsonl)"
trap 'rm -f "$input" "$output"' EXIT
awk -v n="$n" -v kind="$kind" 'BEGIN {
  split("0x00 0x11 0x21 0x31 0x41 0x51 0x61 0x72 0x81 0x12 0x52 0x62", p, " ");
  split("0 17 33 49 65 81 97 114 129 18 82 98", pd, " ");
  split("None Authenticode-Light CodeGen-Light Antimalware-Light Lsa-Light Windows-Light WinTcb-Light WinSystem App-Light Authenticode Windows WinTcb", pn, " ");
  split("PROCESS_VM_READ PROCESS_TERMINATE PROCESS_QUERY_LIMITED_INFORMATION MAXIMUM_ALLOWED GENERIC_READ SYNCHRONIZE PROCESS_SUSPEND_RESUME", pr, " ");
  split("16 1 4096 33554432 2147483648 1048576 2048", pv, " ");
  split("THREAD_SUSPEND_RESUME THREAD_RESUME THREAD_QUERY_LIMITED_INFORMATION THREAD_ALL_ACCESS", tr, " ");
  split("2 4096 2048 2097151", tv, " ");
  for (i = 0; i < n; i++) {
    ci = i % 12 + 1; ti = int(i / 12) % 12 + 1;
    c = p[ci]; t = p[ti];
    if (i % 5 == 0) { obj = "thread"; d = tr[i % 4 + 1]; dv = tv[i % 4 + 1] } else { obj = "process"; d = pr[i % 7 + 1]; dv = pv[i % 7 + 1] }
    mode = (i % 11 == 0) ? "kernel" : "user";
    if (kind == "repeating") {
      printf "{\"id\":%d,\"caller\":{\"protection\":\"%s\"},\"target\":{\"protection\":\"%s\",\"object\":\"%s\"},\"desired\":\"%s\",\"mode\":\"%s\"}\n", i, c, t, obj, d, mode
      continue
    }
    # the spelling varies with the line number: a caller, target and mask spelled in 3 x 3 x 10 ways, four optional
    # defaults present or not (16): 1,440 spellings of each request, drawn so that consecutive repeats are far apart
    h = (i * 2654435761) % 4294967296; k = int(i / 1728);
    cs = (h % 3 == 0) ? c : (h % 3 == 1) ? pn[ci] : pd[ci];
    ts = (int(h / 3) % 3 == 0) ? t : (int(h / 3) % 3 == 1) ? pn[ti] : pd[ti];
    w = k % 10; ds = (w == 0) ? "\"" d "\"" : (w == 1) ? dv : sprintf("\"0x%0" (w - 1) "X\"", dv);
    extra = "";
    if (int(k / 10) % 2) extra = extra ",\"relation\":\"none\"";
    if (int(k / 20) % 2) extra = extra ",\"build\":\"windows-10-11\"";
    if (int(k / 40) % 2) extra = extra ",\"forceAccessCheck\":false";
    if (int(k / 80) % 2) extra = extra ",\"sdGranted\":null";
    printf "{\"id\":%d,\"caller\":{\"protection\":\"%s\"},\"target\":{\"protection\":\"%s\",\"object\":\"%s\"},\"desired\":%s,\"mode\":\"%s\"%s}\n", i, cs, ts, obj, ds, mode, extra
  }
}' > "$input"
# builds the jar (and its class-data archive) on first use, outside the timing
"$home/pplsim" decide --caller None --target None --access 1 >/dev/null
export kind JAVA_OPTS="${JAVA_OPTS:--Xmx256m}"
start=$(date +%s.%N)
"$home/pplsim" batch "$input" > "$output"
end=$(date +%s.%N)
lines=$(wc -l < "$output")
errors=$(grep -c '"error"' "$output" || true)
awk -v l="$lines" -v e="$errors" -v s="$start" -v f="$end" 'BEGIN { printf "%d %s lines (%d errors) in %.1f s: %.0f lines/s (JAVA_OPTS=%s)\n", l, ENVIRON["kind"], e, f - s, l / (f - s), ENVIRON["JAVA_OPTS"] }'
