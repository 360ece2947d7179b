#!/usr/bin/env bash
# Times lab 4's suite (4A-4C: CtrlerTest, RebalanceTest, ShardKvTest, FencingTest,
# EveryGroupLeavesTest, ChallengeTest, against the reference solution) in the simulation and on
# real threads with the same seed, and prints the figures and their ratio
# (docs/benchmarks/lab4-sharding.md records them).
#
# Usage: bench/lab4-suite.sh [--sim-only] [--seed N]
#   The real-mode half takes about two and a half minutes (the scenarios' own duration).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk25.sh
source bench/suite-run.sh
suite_args lab4-suite.sh "$@"

./mvnw -q -B -ntp -Psolution -pl lab4-sharding test-compile >/dev/null
suite_compare "lab 4 suite, 4A-4C" lab4-sharding - "$(mktemp -d)" \
  shardctrler.CtrlerTest shardctrler.RebalanceTest shardkv.ShardKvTest shardkv.FencingTest shardkv.EveryGroupLeavesTest \
  shardkv.ChallengeTest
