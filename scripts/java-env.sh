# Sourced by .ci/run and scripts/run-local: makes sure JAVA_HOME points at a JDK >= 21.
# Keeps a JAVA_HOME (or the java on PATH) that is new enough; otherwise picks the newest JDK >= 21
# found under /usr/lib/jvm, /usr/java or ~/.sdkman. Fails with a clear message when there is none.

java_major_of() { # $1: path to a java binary
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1
}

relay_select_jdk() {
  local required=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(java_major_of "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge "$required" ]; then return 0; fi
  elif command -v java >/dev/null 2>&1; then
    major=$(java_major_of "$(command -v java)")
    if [ "${major:-0}" -ge "$required" ]; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
      export JAVA_HOME
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major_of "$candidate/bin/java")
    if [ "${major:-0}" -ge "$required" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "error: Origin Relay needs a JDK >= $required; none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
    echo "       Install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

relay_select_jdk
