#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image: it installs a JDK 25
# if the image has none, then builds the grader and the pristine course once, downloading Maven,
# the plugins and the dependencies, so that every submission is graded offline and fast.
set -euo pipefail
AG="${AUTOGRADER_ROOT:-/autograder}"
course="$AG/source/course"

have_jdk25() {
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$j" ] && [ -x "$j/bin/javac" ] && "$j/bin/java" -version 2>&1 | grep -q 'version "2[5-9]' && return 0
  done
  return 1
}
if ! have_jdk25; then
  # Temurin 25 from the Adoptium package repository (Gradescope's images are Ubuntu).
  apt-get install -y -q wget gpg ca-certificates
  wget -qO - https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor \
    > /etc/apt/trusted.gpg.d/adoptium.gpg
  echo "deb https://packages.adoptium.net/artifactory/deb $(. /etc/os-release; echo "$VERSION_CODENAME") main" \
    > /etc/apt/sources.list.d/adoptium.list
  apt-get update -q
  apt-get install -y -q temurin-25-jdk
fi
chmod +x "$course/mvnw" "$course/grader/grader" "$AG/source/run_autograder"
# shellcheck source=/dev/null
source "$course/.ci/find-jdk25.sh"
cd "$course"
# Builds the grader, then the pristine course (kept under $AG/grading for every later run); the
# empty submission and the test name that matches nothing make it grade nothing.
empty="$(mktemp -d)"
grader/grader grade "$empty" --online -t no-test-has-this-name -o "$AG/grading" >/dev/null
echo "autograder ready: $(grader/grader --version)"
