#!/usr/bin/env bash
# Runs the JMH benchmarks (src/test/java/dev/pplsim/bench) with the reference measured in the same run.
# Usage: bench/jmh.sh [JMH options, e.g. DecisionBenchmark -f 1 -wi 2 -i 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -DskipTests test-compile
mvn -q -B -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "$@"
