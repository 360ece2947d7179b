#!/usr/bin/env bash
# The history tool: checks a recorded history for linearizability, or writes its viewer page.
#   bench/history.sh check FILE [--model register|kv|versioned-kv] [--steps N] [--timeout 10s]
#   bench/history.sh view FILE [-o page.html]
#   bench/history.sh --help
# The format is documented in labs.checker.file.HistoryFile (and the README). Exit codes:
# 0 linearizable, 1 not linearizable, 2 bad input, 3 undecided.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/.ci/find-jdk25.sh"
module="$root/labs"
if [ ! -f "$module/target/history-classpath.txt" ] || [ ! -d "$module/target/classes/labs/checker/file" ] \
    || [ -n "$(find "$module/src/main" -newer "$module/target/history-classpath.txt" -print -quit)" ]; then
  (cd "$root" && ./mvnw -B -ntp -q -pl labs -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/history-classpath.txt >&2)
fi
exec "$JAVA_HOME/bin/java" -cp "$module/target/classes:$(cat "$module/target/history-classpath.txt")" \
  labs.checker.file.HistoryTool "$@"
