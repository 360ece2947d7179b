#!/usr/bin/env bash
# Prints the runtime's speed: virtual seconds per real second for a 5-node heartbeat workload,
# simulated RPCs per real second, and the same workload on real threads.
# Usage: bench/runtime.sh [seconds of the real-threads run, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk25.sh
./mvnw -q -B -ntp -pl labs test-compile
cp=$(./mvnw -q -B -ntp -pl labs dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
exec "$JAVA_HOME/bin/java" --add-opens java.base/java.lang=ALL-UNNAMED -Djdk.trackAllThreads=false \
  -cp "labs/target/test-classes:labs/target/classes:$cp" labs.runtime.test.RuntimeBenchmark "$@"
