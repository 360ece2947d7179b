# Sourced by .ci/run (and usable by hand: `source .ci/find-jdk25.sh`): exports JAVA_HOME pointing
# at a JDK 25 or newer. Keeps a JAVA_HOME that already qualifies; otherwise searches the usual
# install locations. Fails with a message that says what to install.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
labs_find_jdk25() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "No JDK 25 found (looked at JAVA_HOME and /usr/lib/jvm, /opt, ~/.sdkman)." >&2
  echo "Install one (for example Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
labs_find_jdk25
