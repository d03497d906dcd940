#!/usr/bin/env bash
# The connections bench (issue 5, "Connections"). Usage: bench/connections.sh [--quick]
#
#   1. makes sure the stack answers on http://localhost:8080/actuator/health (calls ./chat up otherwise) and that
#      the file-descriptor limits of nginx, the gateways and the Gatling JVM can hold CONN_USERS connections
#   2. builds loadtest-gatling once (offline Maven), then runs ConnectionsSimulation with Gatling's main directly:
#      CONN_ACCOUNTS accounts are registered, CONN_USERS idle STOMP connections share them (user n connects as
#      account n % CONN_ACCOUNTS), connect over CONN_RAMP s through nginx and hold CONN_HOLD s with heart-beats
#   3. snapshots every gateway (.chat/run/gateway-*.pid) after the setup and before the first connection, again
#      once all connections are up and idle, and after they closed: jcmd GC.run + GC.heap_info +
#      GC.class_histogram, /proc/<pid>/status (VmRSS, Threads), open fds, /actuator/prometheus
#      (chat_sessions_active); samples the sessions gauges every 2 s through the run
#   4. bench/results/<UTC date-time>-connections.json + a human summary (stdout): heap and RSS per connection per
#      gateway, and whether every connection stayed alive (Gatling KO, heart-beat gaps, sessions gauges stable)
#
# Raw files: bench/results/<date-time>-connections.*.raw (git-ignored). Every step is bounded in time; load goes
# to 127.0.0.1/localhost only. Knobs (environment; defaults full / --quick):
#   CONN_USERS (10000 / 400) CONN_ACCOUNTS (500 / 40) CONN_RAMP (120 / 10 s) CONN_HOLD (120 / 35 s)
#   CONN_HEARTBEAT (10000 ms) CONN_SETUP_RATE (50/s) CONN_BEFORE_WINDOW (15 / 8 s) CONN_SETTLE (5 s)
#   CONN_GATLING_HEAP (3g / 1g) CONN_GATLING_NICE (0) CONN_TARGET_KB (15) CONN_USER_PREFIX (conn)
#   CONN_BASE_URL (loopback only) CONN_PID_DIR (.chat/run) CONN_SKIP_PREFLIGHT=1 (run despite too low limits)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/loadtest-gatling"
RESULTS="$ROOT/bench/results"
CHAT_DIR="${CHAT_DIR:-$ROOT/.chat}"
QUICK=false
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "connections: unknown argument $arg (use --quick)" >&2; exit 2 ;;
  esac
done

if $QUICK; then
  D_USERS=400 D_ACCOUNTS=40 D_RAMP=10 D_HOLD=35 D_HEAP=1g D_BEFORE=8
else
  D_USERS=10000 D_ACCOUNTS=500 D_RAMP=120 D_HOLD=120 D_HEAP=3g D_BEFORE=15
fi
USERS="${CONN_USERS:-$D_USERS}"
ACCOUNTS="${CONN_ACCOUNTS:-$D_ACCOUNTS}"
RAMP="${CONN_RAMP:-$D_RAMP}"
HOLD="${CONN_HOLD:-$D_HOLD}"
HEARTBEAT="${CONN_HEARTBEAT:-10000}"
SETUP_RATE="${CONN_SETUP_RATE:-50}"
BEFORE_WINDOW="${CONN_BEFORE_WINDOW:-$D_BEFORE}"
SETTLE="${CONN_SETTLE:-5}"
GATLING_HEAP="${CONN_GATLING_HEAP:-$D_HEAP}"
TARGET_KB="${CONN_TARGET_KB:-15}"
USER_PREFIX="${CONN_USER_PREFIX:-conn}"
BASE_URL="${CONN_BASE_URL:-http://localhost:8080}"
PID_DIR="${CONN_PID_DIR:-$CHAT_DIR/run}"

loopback='^https?://(localhost|127\.[0-9]+\.[0-9]+\.[0-9]+)(:[0-9]+)?$'
if [[ ! "$BASE_URL" =~ $loopback ]]; then
  echo "connections: $BASE_URL is not a loopback address; this bench only loads 127.0.0.1 (run" \
       "ConnectionsSimulation directly for AWS, see docs/benchmarks.md)" >&2
  exit 2
fi
for n in "$USERS" "$ACCOUNTS" "$RAMP" "$HOLD" "$HEARTBEAT" "$BEFORE_WINDOW" "$SETTLE"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "connections: '$n' is not a whole number (CONN_* knobs)" >&2; exit 2; }
done
(( USERS >= 2 && ACCOUNTS >= 1 )) || { echo "connections: CONN_USERS >= 2 and CONN_ACCOUNTS >= 1" >&2; exit 2; }
(( ACCOUNTS > USERS )) && ACCOUNTS="$USERS"

TS="$(date -u +%Y-%m-%dT%H-%M-%SZ)"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)c"
RAW="$RESULTS/$TS-connections"
SNAP="$RAW.snapshots.raw"
SESSIONS="$RAW.sessions.raw"
READY="$RAW.ready.raw"
GATLING_LOG="$RAW.gatling.raw"
COMMANDS="$RAW.commands.raw"
mkdir -p "$RESULTS" "$SNAP"
: > "$COMMANDS"
: > "$SESSIONS"
NOTES=()
log() { echo "[connections $(date -u +%H:%M:%S)] $*" >&2; }
note() { NOTES+=("$*"); log "note: $*"; }
now_ms() { date +%s%3N; }
record() { # the command as run, with the long class paths shown by name
  local line="$*"
  [[ -n "${CP:-}" ]] && line="${line//"$CP"/\$GATLING_CLASSPATH}"
  [[ -n "${TOOLS_CP:-}" ]] && line="${line//"$TOOLS_CP"/\$TOOLS_CLASSPATH}"
  printf '%s\n' "$line" >> "$COMMANDS"
}

# ---- 1. the stack ----------------------------------------------------------------------------------------------
healthy() { curl -fsS -m 3 "$BASE_URL/actuator/health" > /dev/null 2>&1; }
if ! healthy; then
  if [[ -x "$ROOT/chat" ]]; then
    log "stack not answering on $BASE_URL/actuator/health: ./chat up"
    "$ROOT/chat" up
    for _ in $(seq 1 60); do healthy && break; sleep 2; done
  fi
  if ! healthy; then
    echo "connections: $BASE_URL/actuator/health does not answer (run ./chat up)" >&2
    exit 1
  fi
fi

# the gateways of ./chat up: NAME:PID:PORT
GATEWAYS=()
for pidfile in "$PID_DIR"/gateway-*.pid; do
  [[ -f "$pidfile" ]] || continue
  name="$(basename "$pidfile" .pid)"
  pid="$(cat "$pidfile")"
  kill -0 "$pid" 2> /dev/null || { note "$name (pid $pid) is not running: not measured"; continue; }
  port="$(cat "$PID_DIR/$name.port" 2> /dev/null || true)"
  if [[ -z "$port" ]]; then # no portfile: the port it listens on that answers /actuator/prometheus
    for p in $(ss -Hltnp 2> /dev/null | grep "pid=$pid," | awk '{print $4}' | sed 's/.*://' | sort -u); do
      curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$p/actuator/prometheus" 2> /dev/null && { port="$p"; break; }
    done
  fi
  [[ -n "$port" ]] || { note "$name (pid $pid): no port found: not measured"; continue; }
  GATEWAYS+=("$name:$pid:$port")
done
if (( ${#GATEWAYS[@]} == 0 )); then
  echo "connections: no running gateway found through $PID_DIR/gateway-*.pid (./chat up writes them)" >&2
  exit 1
fi
log "gateways: ${GATEWAYS[*]}"
NGINX_MASTER="$(cat "$PID_DIR/nginx.pid" 2> /dev/null || true)"
nginx_workers() { [[ -n "$NGINX_MASTER" ]] && pgrep -P "$NGINX_MASTER" 2> /dev/null || true; }
soft_nofile() { awk '/^Max open files/ {print $4}' "/proc/$1/limits" 2> /dev/null || true; }

# ---- file-descriptor limits ---------------------------------------------------------------------------------------
PREFLIGHT_FAIL=()
# Gatling: one socket per connection, plus jars and the JVM's own
need=$(( USERS + 2048 ))
hard="$(ulimit -Hn)"
if [[ "$(ulimit -Sn)" != unlimited ]] && (( $(ulimit -Sn) < need )); then
  if [[ "$hard" == unlimited ]] || (( hard >= need )); then ulimit -Sn "$need"; else ulimit -Sn "$hard"; fi
fi
if [[ "$(ulimit -Sn)" != unlimited ]] && (( $(ulimit -Sn) < need )); then
  PREFLIGHT_FAIL+=("the Gatling JVM needs ~$need fds, ulimit -n allows $(ulimit -Sn) (hard $hard)")
fi
# nginx: two connections and two fds per WebSocket (client + upstream), spread over its workers
workers=($(nginx_workers))
if (( ${#workers[@]} > 0 )); then
  conf="$CHAT_DIR/nginx/nginx.conf"
  wc_per_worker="$(grep -oE 'worker_connections[[:space:]]+[0-9]+' "$conf" 2> /dev/null | grep -oE '[0-9]+$' || echo 512)"
  per_worker_need=$(( (2 * USERS / ${#workers[@]}) * 11 / 10 + 150 ))
  for w in "${workers[@]}"; do
    limit="$(soft_nofile "$w")"
    [[ "$limit" == unlimited || -z "$limit" ]] && limit=1000000
    capacity=$(( wc_per_worker < limit - 50 ? wc_per_worker : limit - 50 ))
    if (( capacity < per_worker_need )); then
      PREFLIGHT_FAIL+=("nginx worker $w holds at most $capacity connections (worker_connections $wc_per_worker, fd limit $limit); $USERS WebSockets need ~$per_worker_need per worker over ${#workers[@]} worker(s): fix config/nginx.conf.template, then restart the load balancer (kill $NGINX_MASTER; ./chat up)")
    fi
  done
  if (( ${#workers[@]} > 1 )) && ! grep -q reuseport "$conf" 2> /dev/null; then
    note "nginx has ${#workers[@]} workers without 'reuseport': connections may pile up on one worker"
  fi
else
  note "no nginx started by ./chat ($PID_DIR/nginx.pid): the load balancer's limits are not checked"
fi
# gateways: their share of the sockets (round robin) plus what they hold anyway; Tomcat's max-connections 8192
share=$(( USERS / ${#GATEWAYS[@]} ))
for gw in "${GATEWAYS[@]}"; do
  IFS=: read -r name pid port <<< "$gw"
  limit="$(soft_nofile "$pid")"
  if [[ -n "$limit" && "$limit" != unlimited ]] && (( limit < share * 13 / 10 + 1000 )); then
    PREFLIGHT_FAIL+=("$name may hold ~$share connections but its fd limit is $limit")
  fi
done
(( share > 8000 )) && note "$share connections per gateway: above Tomcat's default max-connections (8192)?"
read -r port_lo port_hi < /proc/sys/net/ipv4/ip_local_port_range || true
if [[ -n "${port_hi:-}" ]] && (( port_hi - port_lo < USERS + 1000 )); then
  note "ephemeral ports $port_lo-$port_hi: fewer than $USERS + 1000 for the connections to nginx"
fi
if (( ${#PREFLIGHT_FAIL[@]} > 0 )); then
  for failure in "${PREFLIGHT_FAIL[@]}"; do log "limit: $failure"; done
  if [[ "${CONN_SKIP_PREFLIGHT:-0}" != 1 ]]; then
    echo "connections: limits too low for $USERS connections (see above; CONN_SKIP_PREFLIGHT=1 runs anyway)" >&2
    exit 1
  fi
  for failure in "${PREFLIGHT_FAIL[@]}"; do NOTES+=("limit: $failure"); done
fi

# ---- 2. build once -------------------------------------------------------------------------------------------------
# shellcheck source=lib/build-loadtest.sh
source "$ROOT/bench/lib/build-loadtest.sh"
build_loadtest

# ---- snapshots ---------------------------------------------------------------------------------------------------
JCMD_FILE="$RAW.jcmd-commands.raw"
printf 'GC.run\nGC.heap_info\nGC.class_histogram\n' > "$JCMD_FILE"
snapshot_process() { # PHASE NAME ROLE PID [PORT]
  local phase="$1" name="$2" role="$3" pid="$4" port="${5:-}"
  local dir="$SNAP/$phase/$name" start
  if ! kill -0 "$pid" 2> /dev/null; then
    [[ "$role" == gateway ]] && note "$phase: $name (pid $pid) is no longer running"
    return 0
  fi
  mkdir -p "$dir"
  start="$(now_ms)"
  if [[ "$role" == gateway ]]; then # a full GC, the heap right after it, then the live objects by class
    timeout 120 jcmd "$pid" -f "$JCMD_FILE" > "$dir/jcmd.txt" 2>&1 || note "$phase: jcmd on $name (pid $pid) failed"
  fi
  cat "/proc/$pid/status" > "$dir/status.txt" 2> /dev/null || true
  { ls "/proc/$pid/fd" 2> /dev/null | wc -l; } > "$dir/fds.txt"
  cat "/proc/$pid/limits" > "$dir/limits.txt" 2> /dev/null || true
  if [[ -n "$port" ]]; then
    curl -fsS -m 10 "http://127.0.0.1:$port/actuator/prometheus" > "$dir/prom.txt" 2> /dev/null \
      || note "$phase: /actuator/prometheus of $name did not answer"
  fi
  printf 'pid=%s\nport=%s\nrole=%s\nstartMillis=%s\nendMillis=%s\n' "$pid" "$port" "$role" "$start" "$(now_ms)" \
    > "$dir/meta"
}
snapshot() { # PHASE
  local gw name pid port w
  for gw in "${GATEWAYS[@]}"; do
    IFS=: read -r name pid port <<< "$gw"
    snapshot_process "$1" "$name" gateway "$pid" "$port"
  done
  for w in $(nginx_workers); do snapshot_process "$1" "nginx-worker-$w" nginx "$w"; done
  if [[ -n "${GATLING_JAVA:-}" ]]; then snapshot_process "$1" gatling gatling "$GATLING_JAVA"; fi
}
gauge() { # the chat_sessions_active gauge of the gateway on port $1 (empty when it does not answer)
  curl -fsS -m 3 "http://127.0.0.1:$1/actuator/prometheus" 2> /dev/null \
    | awk '/^chat_sessions_active[{ ]/ {s += $NF; found = 1} END {if (found) printf "%d", s}' || true
}
sessions_total() { # sum over the gateways, empty when one does not answer
  local gw name pid port v total=0
  for gw in "${GATEWAYS[@]}"; do
    IFS=: read -r name pid port <<< "$gw"
    v="$(gauge "$port")"
    [[ -z "$v" ]] && return 0
    total=$(( total + v ))
  done
  echo "$total"
}

# ---- background: the sessions gauges every 2 s; Gatling --------------------------------------------------------------
SAMPLER_PID="" GATLING_PID="" GATLING_JAVA=""
cleanup() {
  [[ -n "$SAMPLER_PID" ]] && { kill "$SAMPLER_PID" 2> /dev/null || true; wait "$SAMPLER_PID" 2> /dev/null || true; }
  SAMPLER_PID=""
  if [[ -n "$GATLING_PID" ]] && kill -0 "$GATLING_PID" 2> /dev/null; then
    kill "$GATLING_PID" 2> /dev/null || true # timeout passes the signal on to the Gatling JVM
  fi
}
trap cleanup EXIT
(
  deadline=$(( $(date +%s) + 3600 ))
  while (( $(date +%s) < deadline )); do
    t="$(now_ms)"
    for gw in "${GATEWAYS[@]}"; do
      IFS=: read -r name pid port <<< "$gw"
      v="$(gauge "$port")"
      printf '%s\t%s\t%s\n' "$t" "$name" "${v:-NA}"
    done >> "$SESSIONS"
    sleep 2
  done
) &
SAMPLER_PID=$!

BASELINE="$(sessions_total)"
[[ -z "$BASELINE" ]] && note "a gateway gave no chat_sessions_active gauge: waiting for the connections by time"

setup_bound=$(( ACCOUNTS * 20 / SETUP_RATE + 120 ))
bound=$(( setup_bound + BEFORE_WINDOW + RAMP + 60 + HOLD + 240 ))
cmd=(timeout "$bound" nice -n "${CONN_GATLING_NICE:-0}" java -Xms512m -Xmx"$GATLING_HEAP" -XX:MaxInlineLevel=20
  -XX:MaxTrivialSize=12 --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
  -cp "$CP" -Drun.id="$RUN_ID" -Dresults.prefix="$RAW.gatling" -Dtarget=chat -Dbase.url="$BASE_URL"
  -Dusers="$USERS" -Daccounts="$ACCOUNTS" -Dramp="$RAMP" -Dwarmup=0 -Dduration="$HOLD" -Dheartbeat="$HEARTBEAT"
  -Dsetup.rate="$SETUP_RATE" -Duser.prefix="$USER_PREFIX" -Dready.file="$READY" -Dconnect.delay="$BEFORE_WINDOW"
  -Dassert.errors=0
  io.gatling.app.Gatling -s dev.realtime.chat.loadtest.simulation.ConnectionsSimulation
  -rf "$MODULE/target/gatling" -rd "connections $TS")
record "(ulimit -Sn $(ulimit -Sn); cd $MODULE && ${cmd[*]})"
log "ConnectionsSimulation: $USERS connections as $ACCOUNTS accounts, ramp ${RAMP}s, hold ${HOLD}s, via $BASE_URL"
(cd "$MODULE" && exec "${cmd[@]}") > "$GATLING_LOG" 2>&1 &
GATLING_PID=$!
gatling_running() { kill -0 "$GATLING_PID" 2> /dev/null; }
for _ in $(seq 1 50); do
  GATLING_JAVA="$(pgrep -P "$GATLING_PID" -n 2> /dev/null || true)"
  [[ -n "$GATLING_JAVA" ]] && break
  sleep 0.1
done

# ---- 3. before: the setup is done, no connection yet -------------------------------------------------------------------
log "waiting for the account setup ($ACCOUNTS accounts; register + login)"
deadline=$(( $(date +%s) + setup_bound ))
while [[ ! -s "$READY" ]] && gatling_running && (( $(date +%s) < deadline )); do sleep 0.5; done
if [[ -s "$READY" ]]; then
  read -r ready_ms ready_accounts < "$READY"
  log "setup done ($ready_accounts of $ACCOUNTS accounts logged in); snapshot before the connections"
  (( ready_accounts < ACCOUNTS )) && note "only $ready_accounts of $ACCOUNTS accounts logged in: their users do not connect"
  snapshot before
  before_end="$(now_ms)"
  (( before_end > ready_ms + BEFORE_WINDOW * 1000 )) && \
    note "the snapshot before took longer than CONN_BEFORE_WINDOW (${BEFORE_WINDOW}s): the first connections may be in it"
else
  note "the simulation never finished its setup (see $GATLING_LOG)"
fi

# ---- during: every connection up and idle ------------------------------------------------------------------------
ALL_CONNECTED_MS=""
if [[ -s "$READY" ]] && gatling_running; then
  target=$(( ${BASELINE:-0} + USERS ))
  deadline=$(( $(date +%s) + BEFORE_WINDOW + RAMP + 90 ))
  log "waiting for $USERS connections (sessions gauges: $target in all)"
  last_log=0 total=""
  while gatling_running && (( $(date +%s) < deadline )); do
    if [[ -n "$BASELINE" ]]; then
      total="$(sessions_total)"
      if [[ -n "$total" ]] && (( total >= target )); then ALL_CONNECTED_MS="$(now_ms)"; break; fi
    elif (( $(now_ms) > ready_ms + (BEFORE_WINDOW + RAMP + 10) * 1000 )); then
      break
    fi
    if (( $(date +%s) - last_log >= 10 )); then
      log "  sessions ${total:-?} of $target"; last_log=$(date +%s)
    fi
    sleep 2
  done
  if [[ -n "$ALL_CONNECTED_MS" ]]; then
    log "all $USERS connected; idle for ${SETTLE}s, then the snapshot while connected"
  elif gatling_running; then
    note "not all $USERS connections came up in time (sessions ${total:-?} of $target): measured with what is connected"
  fi
  if gatling_running; then
    sleep "$SETTLE"
    snapshot during
    log "snapshot while connected done; holding until the simulation ends"
  else
    note "the simulation ended before all connections were up (see $GATLING_LOG)"
  fi
fi

gatling_status=0
wait "$GATLING_PID" || gatling_status=$?
GATLING_PID=""
grep -E '^\[bench\]|Reports generated|: (true|false) \(actual' "$GATLING_LOG" >&2 || true
(( gatling_status == 124 )) && note "the simulation was stopped by its time bound (${bound}s)"
(( gatling_status != 0 && gatling_status != 124 )) && \
  note "ConnectionsSimulation exited with $gatling_status (2 = assertions failed: a KO; see the Gatling report)"

# ---- after: every connection closed -----------------------------------------------------------------------------------
if [[ -d "$SNAP/before" ]]; then
  if [[ -n "$BASELINE" ]]; then # the gateways forget the closed sessions (another client may keep its own)
    deadline=$(( $(date +%s) + 20 ))
    while (( $(date +%s) < deadline )); do
      total="$(sessions_total)"
      [[ -n "$total" ]] && (( total <= BASELINE )) && break
      sleep 1
    done
  else
    sleep 5
  fi
  GATLING_JAVA=""
  snapshot after
fi
kill "$SAMPLER_PID" 2> /dev/null || true
wait "$SAMPLER_PID" 2> /dev/null || true
SAMPLER_PID=""

# ---- 4. the report ------------------------------------------------------------------------------------------------------
REPORT_DIR="$(grep -o 'file://[^ ]*index.html' "$GATLING_LOG" | tail -1 | sed 's|^file://||' || true)"
report_args=(--out-json "$RESULTS/$TS-connections.json" --out-text "$RAW.summary.raw" --run-id "$TS-connections"
  --quick "$QUICK" --snapshots "$SNAP" --sessions "$SESSIONS" --ledger "$RAW.gatling.ledger.raw"
  --gatling-log "$GATLING_LOG" --gatling-status "$gatling_status" --ready "$READY" --users "$USERS"
  --accounts "$ACCOUNTS" --ramp "$RAMP" --hold "$HOLD" --heartbeat "$HEARTBEAT" --base-url "$BASE_URL"
  --target-kb "$TARGET_KB" --commands "$COMMANDS")
[[ -n "$ALL_CONNECTED_MS" ]] && report_args+=(--all-connected-millis "$ALL_CONNECTED_MS")
[[ -n "$REPORT_DIR" ]] && report_args+=(--gatling-report "$REPORT_DIR")
for n in "${NOTES[@]+"${NOTES[@]}"}"; do report_args+=(--note "$n"); done
java -XX:+UseParallelGC -Xmx256m -cp "$TOOLS_CP" dev.realtime.chat.loadtest.bench.ConnectionsReport "${report_args[@]}"
echo
echo "results: $RESULTS/$TS-connections.json"
[[ -n "$REPORT_DIR" ]] && echo "Gatling report: $REPORT_DIR"
exit 0
