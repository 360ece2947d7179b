#!/usr/bin/env bash
# Lab 1 benchmark: word count on a generated ~100 MB corpus, sequential runner vs. the reference
# coordinator with 1, 2 and 4 worker JVMs. Prints wall time, MB/s and speed-up.
#   bench/lab1-wordcount.sh [megabytes [files [worker counts]]]    (defaults: 100 16 1,2,4)
# The corpus goes to a temporary directory that is deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/find-jdk25.sh

# Build the reference solution (tests skipped) and write the module's test class path.
./mvnw -B -ntp -q -pl lab1-mapreduce -am -Psolution -DskipTests test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

module="$PWD/lab1-mapreduce"
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$classpath" mapreduce.WordCountBenchmark "$@"
