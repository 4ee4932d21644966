# Sourced by ./attain and .ci/run: exports JAVA_HOME pointing at a JDK >= 21 — $JAVA_HOME if it
# qualifies, else the java on the PATH, else the newest under /usr/lib/jvm — and puts it first on PATH.
# A JDK 21+ is the project's only prerequisite; build machines may default to an older java.

# Major version of the java binary $1 (8 for 1.8), or nothing if it does not run.
attain_java_major() {
  local version
  version="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)" || true
  version="${version#1.}"
  echo "${version%%.*}"
}

attain_java_ok() {
  local major
  [ -x "$1" ] || return 1
  major="$(attain_java_major "$1")"
  [ -n "$major" ] && [ "$major" -ge 21 ]
}

attain_select_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && attain_java_ok "$JAVA_HOME/bin/java"; then
    :
  elif candidate="$(command -v java)" && attain_java_ok "$candidate"; then
    candidate="$(readlink -f "$candidate")"
    JAVA_HOME="$(dirname "$(dirname "$candidate")")"
  elif [ -x /usr/libexec/java_home ] && candidate="$(/usr/libexec/java_home -v 21+ 2>/dev/null)" \
      && attain_java_ok "$candidate/bin/java"; then
    JAVA_HOME="$candidate"
  else
    JAVA_HOME=""
    if [ -d /usr/lib/jvm ]; then
      while IFS= read -r candidate; do
        candidate="${candidate%/}"
        if attain_java_ok "$candidate/bin/java"; then
          JAVA_HOME="$candidate"
          break
        fi
      done < <(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r)
    fi
    if [ -z "$JAVA_HOME" ]; then
      echo "Attain needs a JDK 21 or newer: set JAVA_HOME or put one on the PATH." >&2
      return 1
    fi
  fi
  export JAVA_HOME
  export PATH="$JAVA_HOME/bin:$PATH"
}
