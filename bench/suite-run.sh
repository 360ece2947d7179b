# Shared by bench/lab2-suite.sh, bench/lab3-suite.sh and bench/lab4-suite.sh (source it; it
# defines suite_run, suite_args and suite_compare).
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

# suite_args <script name> "$@": reads [--sim-only] [--seed N] into sim_only (true/false) and
# seed (default 20240401); anything else prints the usage and exits.
suite_args() {
  local name=$1
  shift
  sim_only=false
  seed=20240401
  while [ $# -gt 0 ]; do
    case "$1" in
      --sim-only) sim_only=true ;;
      --seed) seed="$2"; shift ;;
      *) echo "usage: bench/$name [--sim-only] [--seed N]" >&2; exit 2 ;;
    esac
    shift
  done
}

# suite_compare <title> <module> <package> <log dir> <class>...: runs the classes in the
# simulation and (unless sim_only) on real threads with $seed, and prints both and their ratio.
suite_compare() {
  local title=$1 module=$2 package=$3 log_dir=$4
  shift 4
  echo "$title (reference solution, seed $seed) on $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  read -r sim_wall sim_test sim_virtual sim_pass sim_fail < <(suite_run sim "$module" "$package" "$seed" "$log_dir" "$@")
  printf '  simulation: %6.1f s test time (%5.1f s wall incl. Maven), %6.1f s of virtual time, %d passed, %d failed\n' \
    "$sim_test" "$sim_wall" "$sim_virtual" "$sim_pass" "$sim_fail"
  if [ "$sim_only" = false ]; then
    read -r real_wall real_test real_virtual real_pass real_fail < <(suite_run real "$module" "$package" "$seed" "$log_dir" "$@")
    printf '  real mode:  %6.1f s test time (%5.1f s wall incl. Maven), %d passed, %d failed\n' \
      "$real_test" "$real_wall" "$real_pass" "$real_fail"
    printf '  simulation is %.1fx faster than real mode (test time)\n' "$(echo "$real_test / $sim_test" | bc -l)"
  fi
  echo "  logs: $log_dir (per test: the PASS lines of sim.txt and real.txt)"
}
