# Sourced by bench/run.sh and bench/connections.sh: builds loadtest-gatling (and the modules it uses, -am, so a
# fresh machine needs nothing installed in ~/.m2) once (offline first, online once if an
# artifact is missing) and sets CP (simulations) and TOOLS_CP (report tools). Needs ROOT, MODULE, RAW and log().
build_loadtest() {
  local mvn=("$ROOT/mvnw" -q -B)
  log "building loadtest-gatling (offline)"
  _build() {
    "${mvn[@]}" "$@" -f "$ROOT/pom.xml" -pl loadtest-gatling -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$RAW.classpath.raw" -Dmdep.includeScope=test
  }
  if ! _build -o > "$RAW.build.raw" 2>&1; then
    log "offline build failed, retrying online once (missing artifact?)"
    _build > "$RAW.build.raw" 2>&1 || { cat "$RAW.build.raw" >&2; exit 1; }
  fi
  CP="$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$RAW.classpath.raw")"
  TOOLS_CP="$MODULE/target/classes:$(cat "$RAW.classpath.raw")"
}
