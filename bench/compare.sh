#!/usr/bin/env bash
# Before against after, in one sitting and interleaved: runs this directory's benchmarks in two built checkouts
# (e.g. a clone at the commit before a change, and this one), alternating which goes first each round, so a slow
# minute of the machine falls on both. Prints each run's summary line as it comes, tagged with its checkout.
# Usage: bench/compare.sh BEFORE_DIR AFTER_DIR [rounds] [what...]
#   what: startup batch distinct prove jmh (default: all of them)
set -euo pipefail
before="$(cd "$1" && pwd)"
after="$(cd "$2" && pwd)"
rounds="${3:-2}"
shift $(( $# < 3 ? $# : 3 ))
what=("$@")
[ ${#what[@]} -gt 0 ] || what=(startup batch distinct prove jmh)
one() {
  local dir="$1" tag="$2" bench="$3"
  case "$bench" in
    startup) "$dir/bench/startup.sh" 10 | grep -E "java -version|fresh JVM" ;;
    batch) "$dir/bench/batch-million.sh" 1000000 repeating ;;
    distinct) "$dir/bench/batch-million.sh" 1000000 distinct ;;
    prove) "$dir/bench/prove.sh" 3 | tail -1 ;;
    # the table's decisions against the plain-Java reference, measured in the same JVM
    jmh) (cd "$dir" && bench/jmh.sh DecisionBenchmark -f 1 -wi 3 -i 5 2>/dev/null) | grep -E "^DecisionBenchmark\." ;;
  esac | sed "s|^|$tag $bench: |"
}
for ((r = 1; r <= rounds; r++)); do
  for bench in "${what[@]}"; do
    if (( r % 2 )); then
      one "$before" before "$bench"; one "$after" after "$bench"
    else
      one "$after" after "$bench"; one "$before" before "$bench"
    fi
  done
done
