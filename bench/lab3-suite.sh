#!/usr/bin/env bash
# Times lab 3's suite (3A-3C: RsmTest, KvTest, SnapshotTest, against the reference solution) in
# the simulation and on real threads with the same seed, prints the figures and their ratio, then
# measures the reference's throughput (committed operations per second) in both runtimes
# (docs/benchmarks/lab3-kvraft.md records them).
#
# Usage: bench/lab3-suite.sh [--sim-only] [--seed N]
#   The real-mode half takes several minutes (the scenarios last that long on a wall clock).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk25.sh
source bench/suite-run.sh
suite_args lab3-suite.sh "$@"

module="$PWD/lab3-kvraft"

# Build the reference (tests skipped) and write the module's test class path, for the throughput run.
./mvnw -q -B -ntp -Psolution -pl lab3-kvraft -DskipTests test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

suite_compare "lab 3 suite, 35 tests" lab3-kvraft kvraft "$(mktemp -d)" RsmTest KvTest SnapshotTest

classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
"$JAVA_HOME/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Djdk.trackAllThreads=false \
  -cp "$classpath" kvraft.ThroughputBenchmark 5 200 3 "$seed"
