#!/usr/bin/env bash
# Prints the linearizability checker's timings on Porcupine's data set and on a generated large
# key/value history (see docs/benchmarks/checker.md). Pass --quick for a short run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
exec ./mvnw -B -ntp -q -pl labs test-compile exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=labs.checker.CheckerBenchmark -Dexec.args="$*"
