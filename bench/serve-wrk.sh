#!/usr/bin/env bash
# pplsim serve under load, beside pplsim batch in the same sitting (docs/serve.md). Starts the server from the
# jar, warms it, then runs wrk (Debian's package) with POST /v1/decide at 1, 16 and 64 connections: requests a
# second and latency percentiles. The requests are protection-only opens that the learnt table answers (as batch
# answers them), cycling through 12 protections x 12 x 7 rights x 2 objects, each with its own id. Then the same
# lines through pplsim batch, and the page's first paint from a cold server (FirstPaint, headless Chromium).
# Usage: bench/serve-wrk.sh [seconds per run, default 15] [batch lines, default 1000000]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:-15}"
n="${2:-1000000}"
cd "$home"
command -v wrk >/dev/null || { echo "serve-wrk: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
[ -f target/pplsim.jar ] && [ -z "$(find src/main pom.xml -newer target/pplsim.jar -print -quit)" ] || mvn -q -B -DskipTests package
work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
# the request bodies: one per line, cycled by the Lua script, each with its own id
awk 'BEGIN {
  split("0x00 0x11 0x21 0x31 0x41 0x51 0x61 0x72 0x81 0x12 0x52 0x62", p, " ");
  split("PROCESS_VM_READ PROCESS_TERMINATE PROCESS_QUERY_LIMITED_INFORMATION PROCESS_VM_WRITE PROCESS_CREATE_THREAD SYNCHRONIZE PROCESS_SUSPEND_RESUME", r, " ");
  n = 0;
  for (c = 1; c <= 12; c++) for (t = 1; t <= 12; t++) for (k = 1; k <= 7; k++) for (o = 0; o < 2; o++) {
    obj = o ? "thread" : "process"; d = o ? "SYNCHRONIZE" : r[k];
    printf "{\"id\":%d,\"caller\":{\"protection\":\"%s\"},\"target\":{\"protection\":\"%s\",\"object\":\"%s\"},\"desired\":\"%s\"}\n", n++, p[c], p[t], obj, d
  }
}' > "$work/bodies.jsonl"
cat > "$work/decide.lua" <<LUA
local bodies = {}
for line in io.lines("$work/bodies.jsonl") do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/v1/decide", {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, bodies[i])
end
init = function(args) token = args[1] end
LUA
port=18$(( RANDOM % 900 + 100 ))
java -XX:+UseParallelGC -jar target/pplsim.jar serve --port "$port" --token-file "$work/token" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/token" ] && break; sleep 0.1; done
token="$(cat "$work/token")"
url="http://127.0.0.1:$port/v1/decide"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
curl -s -H "Authorization: Bearer $token" -d "$(head -1 "$work/bodies.jsonl")" "$url"; echo
# warm-up: the JIT and the table's keys
wrk -t2 -c64 -d10s -s "$work/decide.lua" "$url" -- "$token" > /dev/null
for c in 1 16 64; do
  t=$(( c < 2 ? 1 : 2 ))
  out="$(wrk -t$t -c$c -d${secs}s --latency -s "$work/decide.lua" "$url" -- "$token")"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"; p90="$(awk '$1 == "90%" {print $2}' <<<"$out")"; p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errs="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
  printf 'serve decide  %2d connections: %10s req/s  p50 %8s  p90 %8s  p99 %8s  %s\n' "$c" "$rps" "$p50" "$p90" "$p99" "$errs"
done
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
# the same lines through pplsim batch, in the same sitting
awk -v n="$n" '{ l[NR] = substr($0, index($0, ",")) } END { for (i = 0; i < n; i++) print "{\"id\":" i l[i % NR + 1] }' "$work/bodies.jsonl" > "$work/batch.jsonl"
start=$(date +%s.%N)
./pplsim batch "$work/batch.jsonl" > "$work/batch.out"
end=$(date +%s.%N)
awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "pplsim batch: %d lines in %.2f s: %.0f lines/s (one process, JVM start included)\n", n, e - s, n / (e - s) }'
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  mvn -q -B -o test-compile >/dev/null
  java -cp "target/classes:target/test-classes:$(mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)" dev.pplsim.bench.FirstPaint 5
fi
