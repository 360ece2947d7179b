# Shared by bench/lab2-suite.sh, bench/lab3-suite.sh and bench/lab4-suite.sh (source it; it
# defines one function).
#
# suite_run <runtime> <module> <package> <seed> <log dir> <class>...
#   A class written with its package (shardkv.ShardKvTest) is looked up there instead of in
#   <package>, for modules whose tests span several packages.
#   Runs the classes' tests of <module> against the reference with one seed in <runtime> (sim or
#   real) and prints "wall test-time virtual-sum passed failed": the Maven command's wall time,
#   the sum of surefire's per-class times (JVM start and Maven not included), the virtual time of
#   the passing tests' summary lines, and the counts of passed and failed tests.
suite_run() {
  local runtime=$1 module=$2 package=$3 seed=$4 log_dir=$5
  shift 5
  local classes=("$@") log="$log_dir/$runtime.txt" start end status=0 c xmls=()
  local tests reports="$module/target/surefire-reports"
  local names=()
  for c in "${classes[@]}"; do
    if [[ $c == *.* ]]; then
      xmls+=("$reports/TEST-$c.xml")
    else
      xmls+=("$reports/TEST-$package.$c.xml")
    fi
    names+=("${c##*.}")
  done
  tests=$(IFS=,; echo "${names[*]}")
  rm -f "${xmls[@]}"
  start=$(date +%s.%N)
  ./mvnw -B -ntp -Psolution -pl "$module" test -Dtest="$tests" \
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
