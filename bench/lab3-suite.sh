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
tests=$(IFS=,; echo "${classes[*]}")
module="$PWD/lab3-kvraft"
reports=$module/target/surefire-reports
log_dir=$(mktemp -d)

# Build the reference (tests skipped) and write the module's test class path, for the throughput run.
./mvnw -q -B -ntp -Psolution -pl lab3-kvraft -DskipTests test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null

# run <runtime>: runs the suite, prints "wall test-time virtual-sum passed failed"
run() {
  local runtime=$1 log="$log_dir/$1.txt" start end status=0 c xmls=()
  for c in "${classes[@]}"; do
    xmls+=("$reports/TEST-kvraft.$c.xml")
  done
  rm -f "${xmls[@]}"
  start=$(date +%s.%N)
  ./mvnw -B -ntp -Psolution -pl lab3-kvraft test -Dtest="$tests" \
    -Dlabs.seed="$seed" -Dlabs.runtime="$runtime" >"$log" 2>&1 || status=$?
  end=$(date +%s.%N)
  local test_time virtual passed failed
  test_time=$(sed -n 's/.*<testsuite [^>]*time="\([0-9.]*\)".*/\1/p' "${xmls[@]}" 2>/dev/null \
    | awk '{ s += $1 } END { printf "%.1f", s }')
  virtual=$(sed -n 's/.* \([0-9.]*\) s virtual .*/\1/p' "$log" | awk '{ s += $1 } END { printf "%.1f", s }')
  passed=$(grep -c '^  PASS' "$log" || true)
  failed=$(grep -c '<<< FAILURE!$' "$log" || true)
  if [ "$status" -ne 0 ]; then
    echo "  ($runtime run failed: see $log)" >&2
  fi
  echo "$(echo "$end - $start" | bc) $test_time $virtual $passed $failed"
}

echo "lab 3 suite (35 tests, reference solution, seed $seed) on $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
read -r sim_wall sim_test sim_virtual sim_pass sim_fail < <(run sim)
printf '  simulation: %6.1f s test time (%5.1f s wall incl. Maven), %6.1f s of virtual time, %d passed, %d failed\n' \
  "$sim_test" "$sim_wall" "$sim_virtual" "$sim_pass" "$sim_fail"
if [ "$sim_only" = false ]; then
  read -r real_wall real_test real_virtual real_pass real_fail < <(run real)
  printf '  real mode:  %6.1f s test time (%5.1f s wall incl. Maven), %d passed, %d failed\n' \
    "$real_test" "$real_wall" "$real_pass" "$real_fail"
  printf '  simulation is %.1fx faster than real mode (test time)\n' "$(echo "$real_test / $sim_test" | bc -l)"
fi
echo "  logs: $log_dir"

classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
"$JAVA_HOME/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Djdk.trackAllThreads=false \
  -cp "$classpath" kvraft.ThroughputBenchmark 5 200 3 "$seed"
