#!/usr/bin/env bash
# One full-domain proof (audit_bit_never_changes_a_decision over one build: 1,741,824 cases, 83 k protection keys),
# start to exit: cold (--store off: every key's rules run) and warm (the key runs kept by the previous run of the
# same rules and build). Usage: bench/prove.sh [runs]
set -euo pipefail
home="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
prop="$(mktemp --suffix=.yaml)"
store="$(mktemp -d)"
trap 'rm -rf "$prop" "$store"' EXIT
cat > "$prop" <<'YAML'
properties:
  - name: audit_bit_never_changes_a_decision
    why: RtlTestProtectedAccess reads only the type and the signer; bit 3 (Audit) never matters to the open.
    cite: "spec §1.1, §3.2"
    forall:
      builds: [windows-10-11]
    compare:
      change: {flipAudit: both}
      expect: {sameOutcome: true}
YAML
"$home/pplsim" decide --caller None --target None --access 1 >/dev/null   # builds the jar (and its class-data archive) outside the timing
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
time_ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
cold=$(for i in $(seq "$runs"); do time_ms "$home/pplsim" prove --store off "$prop"; done | median)
"$home/pplsim" prove --store "$store" "$prop" >/dev/null   # fills the store
warm=$(for i in $(seq "$runs"); do time_ms "$home/pplsim" prove --store "$store" "$prop"; done | median)
"$home/pplsim" prove --store "$store" "$prop" | tail -1
echo "prove, start to exit (median of $runs): cold $cold ms, warm $warm ms"
