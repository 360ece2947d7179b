#!/usr/bin/env bash
# What the race detector (-Dlabs.race=true) costs on lab 2's Raft suite (2A-2D, 30 tests, the
# reference solution): test time (the sum of surefire's per-class times: JVM start and Maven
# not included) and the test JVM's heap (the largest heap in use after a GC, and the largest
# heap the JVM reserved), with the detector off and on, alternating, over several rounds.
# docs/benchmarks/race-detector.md records the figures.
#
# Usage: bench/race-detector.sh [--rounds N] [--seed S] [--seeds K]
#   each round runs the suite with K seeds per test (S, S+1, ...) once off and once on
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk25.sh

rounds=2
seed=20240401
seeds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --seeds) seeds="$2"; shift ;;
    *) echo "usage: bench/race-detector.sh [--rounds N] [--seed S] [--seeds K]" >&2; exit 2 ;;
  esac
  shift
done

classes=(ElectionTest AgreementTest PersistenceTest SnapshotTest)
tests=$(IFS=,; echo "${classes[*]}")
reports=lab2-raft/target/surefire-reports
work=$(mktemp -d)

./mvnw -q -B -ntp -Psolution -pl lab2-raft test-compile >/dev/null

# run <off|on> <round>: prints "test-seconds passed failed live-MB committed-MB"
run() {
  local race=false log="$work/$1-$2.txt" gcdir="$work/gc-$1-$2" status=0 c xmls=()
  [ "$1" = on ] && race=true
  mkdir -p "$gcdir"
  for c in "${classes[@]}"; do
    xmls+=("$reports/TEST-raft.$c.xml")
  done
  rm -f "${xmls[@]}"
  JDK_JAVA_OPTIONS="-Xlog:gc:file=$gcdir/gc-%p.log" ./mvnw -B -ntp -Psolution -pl lab2-raft test -Dtest="$tests" \
    -Dlabs.seed="$seed" -Dlabs.iterations="$seeds" -Dlabs.race="$race" >"$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ]; then
    echo "  (the $1 run failed: see $log)" >&2
  fi
  local test_time passed failed fork
  test_time=$(sed -n 's/.*<testsuite [^>]*time="\([0-9.]*\)".*/\1/p' "${xmls[@]}" 2>/dev/null \
    | awk '{ s += $1 } END { printf "%.1f", s }')
  passed=$(grep -c '^  PASS' "$log" || true)
  failed=$(grep -c '<<< FAILURE!$' "$log" || true)
  # the test JVM's log is the one that is not Maven's own: the one with the most GCs
  fork=$(for f in "$gcdir"/gc-*.log; do echo "$(grep -c 'Pause' "$f") $f"; done | sort -n | tail -1 | cut -d' ' -f2)
  # "Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(256M)": after-GC use and the heap's size
  read -r live committed < <(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$fork" \
    | sed 's/[0-9]*M->\([0-9]*\)M(\([0-9]*\)M)/\1 \2/' | awk '{ if ($1 > l) l = $1; if ($2 > c) c = $2 } END { print l+0, c+0 }')
  echo "$test_time $passed $failed $live $committed"
}

echo "lab 2 suite (30 tests x $seeds seeds from $seed, reference solution), race detector off vs on, $rounds rounds,"
echo "on $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
printf '  %-6s %-4s %10s %8s %8s %14s %16s\n' round race "test time" passed failed "live heap" "heap reserved"
sum_off=0
sum_on=0
for r in $(seq 1 "$rounds"); do
  for mode in off on; do
    read -r t p f l c < <(run "$mode" "$r")
    printf '  %-6s %-4s %8.1f s %8d %8d %11d MB %13d MB\n' "$r" "$mode" "$t" "$p" "$f" "$l" "$c"
    if [ "$mode" = off ]; then sum_off=$(echo "$sum_off + $t" | bc); else sum_on=$(echo "$sum_on + $t" | bc); fi
  done
done
printf '  detector on / off (test time, all rounds): %.2fx\n' "$(echo "$sum_on / $sum_off" | bc -l)"
echo "  logs: $work"
