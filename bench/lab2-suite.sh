#!/usr/bin/env bash
# Times lab 2's full Raft suite (2A-2D, all 43 tests, against the reference solution) in the
# simulation and on real threads, and prints the figures and their ratio
# (docs/benchmarks/lab2-raft.md records them).
#
# Usage: bench/lab2-suite.sh [--sim-only] [--seed N]
#   The real-mode run takes about eight minutes (the tests' scenarios last that long on a wall clock).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk25.sh
source bench/suite-run.sh
suite_args lab2-suite.sh "$@"

./mvnw -q -B -ntp -Psolution -pl lab2-raft test-compile >/dev/null
suite_compare "lab 2 suite, 2A-2D" lab2-raft raft "$(mktemp -d)" ElectionTest AgreementTest PersistenceTest SnapshotTest
