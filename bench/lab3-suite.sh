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

sim_only=false
seed=20240401
while [ $# -gt 0 ]; do
  case "$1" in
    --sim-only) sim_only=true ;;
    --seed) seed="$2"; shift ;;
    *) echo "usage: bench/lab3-suite.sh [--sim-only] [--seed N]" >&2; exit 2 ;;
  esac
  shift
done

classes=(RsmTest KvTest SnapshotTest)
module="$PWD/lab3-kvraft"
log_dir=$(mktemp -d)

# Build the reference (tests skipped) and write the module's test class path, for the throughput run.
./mvnw -q -B -ntp -Psolution -pl lab3-kvraft -DskipTests test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null


echo "lab 3 suite (35 tests, reference solution, seed $seed) on $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
read -r sim_wall sim_test sim_virtual sim_pass sim_fail < <(suite_run sim lab3-kvraft kvraft "$seed" "$log_dir" "${classes[@]}")
printf '  simulation: %6.1f s test time (%5.1f s wall incl. Maven), %6.1f s of virtual time, %d passed, %d failed\n' \
  "$sim_test" "$sim_wall" "$sim_virtual" "$sim_pass" "$sim_fail"
if [ "$sim_only" = false ]; then
  read -r real_wall real_test real_virtual real_pass real_fail < <(suite_run real lab3-kvraft kvraft "$seed" "$log_dir" "${classes[@]}")
  printf '  real mode:  %6.1f s test time (%5.1f s wall incl. Maven), %d passed, %d failed\n' \
    "$real_test" "$real_wall" "$real_pass" "$real_fail"
  printf '  simulation is %.1fx faster than real mode (test time)\n' "$(echo "$real_test / $sim_test" | bc -l)"
fi
echo "  logs: $log_dir"

classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
"$JAVA_HOME/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Djdk.trackAllThreads=false \
  -cp "$classpath" kvraft.ThroughputBenchmark 5 200 3 "$seed"
