# Sourced by ./drover and the benchmark scripts: finds a JDK >= 21 and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm. Exits with a clear
# message when there is none. Usage: source scripts/jdk.sh; use_jdk <name-for-messages>
MIN_JAVA=21

java_major() { # prints the feature version of the java binary in $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; exit}'
}

find_jdk() {
  local candidates=() home v best="" best_v=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in /usr/lib/jvm/*; do [ -d "$home" ] && candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    v="$(java_major "$home/bin/java")"; v="${v%%.*}"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$home" = "${JAVA_HOME:-}" ] && [ "$v" -ge "$MIN_JAVA" ]; then echo "$home"; return 0; fi
    if [ "$v" -ge "$MIN_JAVA" ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
  done
  [ -n "$best" ] && { echo "$best"; return 0; }
  return 1
}

use_jdk() {
  local jdk
  if ! jdk="$(find_jdk)"; then
    echo "$1: no JDK ${MIN_JAVA} or newer found." >&2
    echo "  Looked at \$JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*." >&2
    echo "  Install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}
