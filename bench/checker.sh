#!/usr/bin/env bash
# Prints the linearizability checker's timings on Porcupine's data set, on a generated large
# key/value history, and on the hard classes (many clients, crashed operations) with and without
# the fast paths (see docs/benchmarks/checker.md).
#   bench/checker.sh [--quick] [--hard-only | --no-hard] [--only=TEXT (hard classes named so)]
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk25.sh

./mvnw -B -ntp -q -pl labs -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

module="$PWD/labs"
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx4g -cp "$classpath" labs.checker.CheckerBenchmark "$@"
