#!/usr/bin/env bash
# Times lab 4's suite (4A-4C: CtrlerTest, RebalanceTest, ShardKvTest, ChallengeTest, against the
# reference solution) in the simulation and on real threads with the same seed, and prints the
# figures and their ratio (docs/benchmarks/lab4-sharding.md records them).
#
# Usage: bench/lab4-suite.sh [--sim-only] [--seed N]
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
    *) echo "usage: bench/lab4-suite.sh [--sim-only] [--seed N]" >&2; exit 2 ;;
  esac
  shift
done

classes=(shardctrler.CtrlerTest shardctrler.RebalanceTest shardkv.ShardKvTest shardkv.ChallengeTest)
log_dir=$(mktemp -d)

./mvnw -q -B -ntp -Psolution -pl lab4-sharding test-compile >/dev/null

echo "lab 4 suite (4A-4C, reference solution, seed $seed) on $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
read -r sim_wall sim_test sim_virtual sim_pass sim_fail < <(suite_run sim lab4-sharding - "$seed" "$log_dir" "${classes[@]}")
printf '  simulation: %6.1f s test time (%5.1f s wall incl. Maven), %6.1f s of virtual time, %d passed, %d failed\n' \
  "$sim_test" "$sim_wall" "$sim_virtual" "$sim_pass" "$sim_fail"
if [ "$sim_only" = false ]; then
  read -r real_wall real_test real_virtual real_pass real_fail < <(suite_run real lab4-sharding - "$seed" "$log_dir" "${classes[@]}")
  printf '  real mode:  %6.1f s test time (%5.1f s wall incl. Maven), %d passed, %d failed\n' \
    "$real_test" "$real_wall" "$real_pass" "$real_fail"
  printf '  simulation is %.1fx faster than real mode (test time)\n' "$(echo "$real_test / $sim_test" | bc -l)"
fi
echo "  logs: $log_dir (per test: grep '^  PASS' in sim.txt and real.txt)"
