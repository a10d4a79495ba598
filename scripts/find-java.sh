# Sourced by ./infrapivot and ./run-tests: defines find_java, which prints the path of a java binary
# of a JDK 21 or newer (INFRAPIVOT_JAVA_HOME, JAVA_HOME, PATH, then the usual JVM folders).
java_version_of() { # prints the feature version of a java binary, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

find_java() {
  local candidates=()
  [ -n "${INFRAPIVOT_JAVA_HOME:-}" ] && candidates+=("$INFRAPIVOT_JAVA_HOME/bin/java")
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local d
  for d in ${INFRAPIVOT_JVM_DIRS:-/usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*}; do
    [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] && candidates+=("$d/bin/java")
  done
  local c v
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    v="$(java_version_of "$c")"
    v="${v%%.*}"
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

