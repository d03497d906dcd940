#!/usr/bin/env bash
# The chat benchmark (./chat bench calls this). Usage: bench/run.sh [--quick] [--references-only]
#
#   1. makes sure the stack answers on http://localhost:8080/actuator/health (calls ./chat up otherwise)
#   2. builds loadtest-gatling once (offline Maven), then runs Gatling's main directly (what gatling:test forks)
#   3. throughput scenario over the load balancer: setup (REST), warm-up, measured window, drain
#   4. loss check against Cassandra (LossVerifier), persistence lag from the persistence consumer's
#      /actuator/prometheus, CPU/RSS of every process from /proc (ProcSampler)
#   5. reference (a): RabbitMQ PerfTest, the broker alone doing the design's hops
#      reference (b): the same Gatling throughput scenario against RabbitMQ Web-STOMP (port 15674)
#   6. bench/results/<UTC date-time>.json + a human summary (stdout); raw files are bench/results/*.raw
#
# Every step is bounded in time; load goes to 127.0.0.1/localhost only. Knobs (environment):
#   BENCH_USERS BENCH_RATE BENCH_DURATION BENCH_WARMUP BENCH_RAMP BENCH_DRAIN BENCH_GROUP_SIZE BENCH_GROUP_SHARE
#   BENCH_MESSAGE_SIZE BENCH_SETUP_RATE BENCH_ASSERT_P99 BENCH_ASSERT_ERRORS BENCH_REF_SECONDS
#   BENCH_BASE_URL (loopback only) BENCH_WEBSTOMP_URL BENCH_PERSIST_METRICS_URL BENCH_CASSANDRA (host:port)
#   BENCH_PID_DIR (./chat up pidfiles, default .chat/run) BENCH_SKIP_PERFTEST=1 BENCH_SKIP_WEBSTOMP=1
#   BENCH_GATLING_NICE (e.g. -5: the load generator before the system when the cores are short)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/loadtest-gatling"
RESULTS="$ROOT/bench/results"
QUICK=false
REFERENCES_ONLY=false
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    --references-only) REFERENCES_ONLY=true ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "bench: unknown argument $arg (use --quick, --references-only)" >&2; exit 2 ;;
  esac
done

if $QUICK; then
  D_USERS=40 D_RATE=5 D_DURATION=12 D_WARMUP=3 D_RAMP=3 D_DRAIN=10 D_REF=8 D_VERIFY_WAIT=20
else
  D_USERS=1000 D_RATE=13 D_DURATION=60 D_WARMUP=15 D_RAMP=20 D_DRAIN=20 D_REF=30 D_VERIFY_WAIT=60
fi
USERS="${BENCH_USERS:-$D_USERS}"
RATE="${BENCH_RATE:-$D_RATE}"
DURATION="${BENCH_DURATION:-$D_DURATION}"
WARMUP="${BENCH_WARMUP:-$D_WARMUP}"
RAMP="${BENCH_RAMP:-$D_RAMP}"
DRAIN="${BENCH_DRAIN:-$D_DRAIN}"
GROUP_SIZE="${BENCH_GROUP_SIZE:-5}"
GROUP_SHARE="${BENCH_GROUP_SHARE:-0.5}"
MESSAGE_SIZE="${BENCH_MESSAGE_SIZE:-100}"
SETUP_RATE="${BENCH_SETUP_RATE:-50}"
ASSERT_P99="${BENCH_ASSERT_P99:-1000}"
ASSERT_ERRORS="${BENCH_ASSERT_ERRORS:-1.0}"
REF_SECONDS="${BENCH_REF_SECONDS:-$D_REF}"
VERIFY_WAIT="${BENCH_VERIFY_WAIT:-$D_VERIFY_WAIT}"
BASE_URL="${BENCH_BASE_URL:-http://localhost:8080}"
WEBSTOMP_URL="${BENCH_WEBSTOMP_URL:-http://localhost:15674}"
CASSANDRA="${BENCH_CASSANDRA:-127.0.0.1:9042}"
AMQP_URI="amqp://guest:guest@127.0.0.1:5672"

loopback='^https?://(localhost|127\.[0-9]+\.[0-9]+\.[0-9]+)(:[0-9]+)?$'
for url in "$BASE_URL" "$WEBSTOMP_URL"; do
  if [[ ! "$url" =~ $loopback ]]; then
    echo "bench: $url is not a loopback address; the local bench only loads 127.0.0.1 (use the simulations" \
         "directly for AWS, see docs/benchmarks.md)" >&2
    exit 2
  fi
done

TS="$(date -u +%Y-%m-%dT%H-%M-%SZ)"
RUN_ID="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$RESULTS/$TS"
mkdir -p "$RESULTS"
COMMANDS="$RAW.commands.raw"
: > "$COMMANDS"
NOTES=()
log() { echo "[bench $(date -u +%H:%M:%S)] $*" >&2; }
record() { # the command as run, with the long class paths shown by name
  local line="$*"
  [[ -n "${CP:-}" ]] && line="${line//"$CP"/\$GATLING_CLASSPATH}"
  [[ -n "${TOOLS_CP:-}" ]] && line="${line//"$TOOLS_CP"/\$TOOLS_CLASSPATH}"
  [[ -n "${PT_CP:-}" ]] && line="${line//"$PT_CP"/\$PERFTEST_CLASSPATH}"
  printf '%s\n' "$line" >> "$COMMANDS"
}

# ---- 1. the stack ---------------------------------------------------------------------------------------------
healthy() { curl -fsS -m 3 "$BASE_URL/actuator/health" > /dev/null 2>&1; }
if ! $REFERENCES_ONLY && ! healthy; then
  if [[ -x "$ROOT/chat" ]]; then
    log "stack not answering on $BASE_URL/actuator/health: ./chat up"
    "$ROOT/chat" up
    for _ in $(seq 1 60); do healthy && break; sleep 2; done
  fi
  if ! healthy; then
    echo "bench: $BASE_URL/actuator/health does not answer (run ./chat up, or bench/run.sh --references-only)" >&2
    exit 1
  fi
fi

# ---- 2. build once ---------------------------------------------------------------------------------------------
# shellcheck source=lib/build-loadtest.sh
source "$ROOT/bench/lib/build-loadtest.sh"
build_loadtest
MVN=("$ROOT/mvnw" -q -B)
JAVA=(java -XX:+UseParallelGC)

# ---- /proc sampler (stops by itself; stopped explicitly at the end) -------------------------------------------
SAMPLER_PID=""
stop_sampler() {
  if [[ -n "$SAMPLER_PID" ]]; then
    touch "$RAW.stop.raw"
    kill "$SAMPLER_PID" 2> /dev/null || true
    wait "$SAMPLER_PID" 2> /dev/null || true
    SAMPLER_PID=""
  fi
}
trap stop_sampler EXIT
SAMPLER_ARGS=(--out "$RAW.proc.raw" --pid-dir "${BENCH_PID_DIR:-$ROOT/.chat/run}" --stop-file "$RAW.stop.raw" --interval-ms 1000
  --max-seconds 1800 --cmdline gatling=io.gatling.app.Gatling --cmdline perftest-hop1=ref-hop1 --cmdline perftest-hop3=ref-hop3)
for proc in beam.smp redis-server; do
  pid="$(pgrep -o -x "$proc" || true)"
  [[ -n "$pid" ]] && SAMPLER_ARGS+=(--pid "${proc%%.*}=$pid")
done
"${JAVA[@]}" -Xmx64m -cp "$TOOLS_CP" dev.realtime.chat.loadtest.bench.ProcSampler "${SAMPLER_ARGS[@]}" \
  2> "$RAW.sampler.raw" &
SAMPLER_PID=$!

# ---- persistence consumer metrics ----------------------------------------------------------------------------
persist_metrics_url() {
  if [[ -n "${BENCH_PERSIST_METRICS_URL:-}" ]]; then echo "$BENCH_PERSIST_METRICS_URL"; return; fi
  local pidfile pid port
  for pidfile in "${BENCH_PID_DIR:-$ROOT/.chat/run}"/persist*.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(cat "$pidfile")"
    for port in $(ss -Hltnp 2> /dev/null | grep "pid=$pid," | awk '{print $4}' | sed 's/.*://' | sort -u); do
      if curl -fsS -m 3 "http://127.0.0.1:$port/actuator/prometheus" > /dev/null 2>&1; then
        echo "http://127.0.0.1:$port/actuator/prometheus"; return
      fi
    done
  done
  # ./chat up's default port of the persistence consumer
  if curl -fsS -m 3 "http://127.0.0.1:8092/actuator/prometheus" > /dev/null 2>&1; then
    echo "http://127.0.0.1:8092/actuator/prometheus"
  fi
}
scrape() { [[ -n "$PERSIST_URL" ]] && curl -fsS -m 5 "$PERSIST_URL" > "$1" 2> /dev/null || true; }

gatling() { # gatling <simulation> <prefix> <log> -D...
  local simulation="$1" prefix="$2" logfile="$3"
  shift 3
  local bound=$(( (USERS * 20) / SETUP_RATE + RAMP + 60 + WARMUP + DURATION + DRAIN + 240 ))
  # the JVM options gatling-maven-plugin gives the JVM it forks (GatlingConstants), plus a 2 GB heap;
  # BENCH_GATLING_NICE=-5 gives the load generator priority over the system when both fight for the 2 cores
  local cmd=(timeout "$bound" nice -n "${BENCH_GATLING_NICE:-0}" java -Xms1g -Xmx2g -XX:-UseCodeCacheFlushing -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED -cp "$CP" -Drun.id="$RUN_ID" -Dresults.prefix="$prefix"
    -Dusers="$USERS" -Drate="$RATE" -Dduration="$DURATION" -Dwarmup="$WARMUP" -Dramp="$RAMP" -Ddrain="$DRAIN"
    -Dgroup.size="$GROUP_SIZE" -Dgroup.share="$GROUP_SHARE" -Dmessage.size="$MESSAGE_SIZE"
    -Dsetup.rate="$SETUP_RATE" -Dassert.p99="$ASSERT_P99" -Dassert.errors="$ASSERT_ERRORS" "$@"
    io.gatling.app.Gatling -s "dev.realtime.chat.loadtest.simulation.$simulation"
    -rf "$MODULE/target/gatling" -rd "bench $TS")
  record "(cd $MODULE && ${cmd[*]})"
  local status=0
  (cd "$MODULE" && "${cmd[@]}") > "$logfile" 2>&1 || status=$?
  grep -E '^\[bench\]|Reports generated|: (true|false) \(actual' "$logfile" >&2 || true
  return "$status"
}
report_dir() { grep -o 'file://[^ ]*index.html' "$1" | tail -1 | sed 's|^file://||' || true; }

# ---- 3 + 4. the system ------------------------------------------------------------------------------------------
LEDGER=""
VERIFIER=""
OURS_REPORT=""
PERSIST_URL=""
if ! $REFERENCES_ONLY; then
  PERSIST_URL="$(persist_metrics_url || true)"
  [[ -z "$PERSIST_URL" ]] && NOTES+=("persistence consumer /actuator/prometheus not found (pidfile .chat/run/persist*.pid or BENCH_PERSIST_METRICS_URL)")
  scrape "$RAW.prom-before.raw"
  log "throughput scenario: $USERS users x $RATE msg/s, ${WARMUP}s warm-up + ${DURATION}s measured, via $BASE_URL"
  status=0
  gatling ThroughputSimulation "$RAW.throughput" "$RAW.gatling-throughput.raw" -Dtarget=chat \
    -Dbase.url="$BASE_URL" || status=$?
  [[ $status -ne 0 ]] && NOTES+=("throughput simulation exited with $status (2 = assertions failed: see the Gatling report)")
  LEDGER="$RAW.throughput.ledger.raw"
  OURS_REPORT="$(report_dir "$RAW.gatling-throughput.raw")"
  if [[ -s "$RAW.throughput.acked.raw" ]]; then
    log "loss check against Cassandra $CASSANDRA (waits up to ${VERIFY_WAIT}s for persistence)"
    cmd=("${JAVA[@]}" -Xmx1g -cp "$TOOLS_CP" dev.realtime.chat.loadtest.verify.LossVerifier
      --acked "$RAW.throughput.acked.raw" --out "$RAW.verifier.raw" --contact-point "$CASSANDRA"
      --keyspace chat --wait-seconds "$VERIFY_WAIT")
    record "${cmd[*]}"
    timeout $(( VERIFY_WAIT + 120 )) "${cmd[@]}" >&2 || NOTES+=("loss verifier reported loss, duplicates or failed (exit $?)")
    VERIFIER="$RAW.verifier.raw"
  else
    NOTES+=("no acknowledged messages to verify in Cassandra")
  fi
  scrape "$RAW.prom-after.raw"
fi

# ---- 5a. reference: RabbitMQ PerfTest ----------------------------------------------------------------------------
PT1="" PT3=""
if [[ "${BENCH_SKIP_PERFTEST:-0}" != 1 ]]; then
  log "reference (a): RabbitMQ PerfTest, ${REF_SECONDS}s, hop 1 (topic -> 2 durable queues) and hop 3 concurrently"
  # PerfTest's class path, resolved once (Maven start-up costs ~20 s on a busy 2-core box) and reused
  ptcp="$MODULE/target/perftest.classpath"
  cached_classpath_ok() { [[ -s "$ptcp" ]] && for jar in $(tr ':' ' ' < "$ptcp"); do [[ -f "$jar" ]] || return 1; done; }
  if cached_classpath_ok || "${MVN[@]}" -o -f "$ROOT/bench/perftest/pom.xml" dependency:build-classpath \
      -Dmdep.outputFile="$ptcp" > /dev/null 2>&1 || "${MVN[@]}" -f "$ROOT/bench/perftest/pom.xml" \
      dependency:build-classpath -Dmdep.outputFile="$ptcp" > "$RAW.perftest-build.raw" 2>&1; then
    PT_CP="$(cat "$ptcp")"
    hop1=("${JAVA[@]}" -Xmx512m -cp "$PT_CP" com.rabbitmq.perf.PerfTest --uri "$AMQP_URI"
      --id ref-hop1 --exchange bench.ref.messages --type topic --routing-key message.0
      --queue-pattern 'bench.ref.persist-%d' --queue-pattern-from 1 --queue-pattern-to 2 --auto-delete false
      --producers 1 --consumers 2 --flag persistent --confirm 1000 --qos 1000 --size 200 --time "$REF_SECONDS")
    hop3=("${JAVA[@]}" -Xmx512m -cp "$PT_CP" com.rabbitmq.perf.PerfTest --uri "$AMQP_URI"
      --id ref-hop3 --exchange bench.ref.gateways --type direct
      --queue-pattern 'bench.ref.gateway-%d' --queue-pattern-from 1 --queue-pattern-to 1 --auto-delete true
      --queue-args x-expires=60000 --producers 1 --consumers 1 --confirm 1000 --qos 1000 --size 200
      --time "$REF_SECONDS")
    record "${hop1[*]}"
    record "${hop3[*]}  # at the same time"
    timeout $(( REF_SECONDS + 60 )) "${hop1[@]}" > "$RAW.perftest-hop1.raw" 2>&1 &
    p1=$!
    timeout $(( REF_SECONDS + 60 )) "${hop3[@]}" > "$RAW.perftest-hop3.raw" 2>&1 &
    p3=$!
    wait "$p1" || NOTES+=("PerfTest hop 1 failed: see $RAW.perftest-hop1.raw")
    wait "$p3" || NOTES+=("PerfTest hop 3 failed: see $RAW.perftest-hop3.raw")
    grep -h "rate avg" "$RAW.perftest-hop1.raw" "$RAW.perftest-hop3.raw" >&2 || true
    PT1="$RAW.perftest-hop1.raw" PT3="$RAW.perftest-hop3.raw"
    if command -v rabbitmqctl > /dev/null 2>&1; then # the durable queues PerfTest left behind
      rabbitmqctl -q delete_queue bench.ref.persist-1 > /dev/null 2>&1 || true
      rabbitmqctl -q delete_queue bench.ref.persist-2 > /dev/null 2>&1 || true
    fi
  else
    NOTES+=("could not resolve com.rabbitmq:perf-test: reference (a) skipped")
  fi
fi

# ---- 5b. reference: the same scenario against RabbitMQ Web-STOMP -----------------------------------------------
WEBSTOMP="" WEBSTOMP_REPORT=""
if [[ "${BENCH_SKIP_WEBSTOMP:-0}" != 1 ]]; then
  # The local broker's Web-STOMP plugin is off on a fresh machine: turn it on (it stays on, listening on :15674).
  if ! curl -s -m 3 -o /dev/null "$WEBSTOMP_URL/ws" && [[ "$WEBSTOMP_URL" == http://localhost:15674 ]] \
      && command -v rabbitmq-plugins >/dev/null; then
    log "enabling RabbitMQ's Web-STOMP plugin (rabbitmq-plugins enable rabbitmq_web_stomp)"
    if [[ $(id -u) -eq 0 ]]; then rabbitmq-plugins enable rabbitmq_web_stomp >/dev/null 2>&1 || true
    else sudo -n rabbitmq-plugins enable rabbitmq_web_stomp >/dev/null 2>&1 || true; fi
    for _ in 1 2 3 4 5 6 7 8 9 10; do curl -s -m 2 -o /dev/null "$WEBSTOMP_URL/ws" && break; sleep 1; done
  fi
  if curl -s -m 3 -o /dev/null "$WEBSTOMP_URL/ws"; then
    log "reference (b): throughput scenario against RabbitMQ Web-STOMP $WEBSTOMP_URL"
    status=0
    gatling ThroughputSimulation "$RAW.webstomp" "$RAW.gatling-webstomp.raw" -Dtarget=rabbitmq \
      -Dbase.url="$WEBSTOMP_URL" || status=$?
    [[ $status -ne 0 ]] && NOTES+=("Web-STOMP reference exited with $status")
    WEBSTOMP="$RAW.webstomp.ledger.raw"
    WEBSTOMP_REPORT="$(report_dir "$RAW.gatling-webstomp.raw")"
  else
    NOTES+=("RabbitMQ Web-STOMP not answering on $WEBSTOMP_URL (rabbitmq-plugins enable rabbitmq_web_stomp): reference (b) skipped")
  fi
fi
stop_sampler

# ---- 6. the report ---------------------------------------------------------------------------------------------
report_args=(--out-json "$RESULTS/$TS.json" --out-text "$RAW.summary.raw" --run-id "$TS" --quick "$QUICK"
  --proc "$RAW.proc.raw" --clk-tck "$(getconf CLK_TCK)" --commands "$COMMANDS")
[[ -n "$LEDGER" ]] && report_args+=(--ledger "$LEDGER" --gatling-report "$OURS_REPORT")
[[ -n "$VERIFIER" ]] && report_args+=(--verifier "$VERIFIER")
[[ -s "$RAW.prom-after.raw" ]] && report_args+=(--prom-before "$RAW.prom-before.raw" --prom-after "$RAW.prom-after.raw")
[[ -n "$PT1" ]] && report_args+=(--perftest-hop1 "$PT1" --perftest-hop3 "$PT3")
[[ -n "$WEBSTOMP" ]] && report_args+=(--webstomp "$WEBSTOMP" --webstomp-report "$WEBSTOMP_REPORT")
$REFERENCES_ONLY && NOTES+=("--references-only: the chat system was not measured")
for note in "${NOTES[@]+"${NOTES[@]}"}"; do report_args+=(--note "$note"); done
"${JAVA[@]}" -Xmx256m -cp "$TOOLS_CP" dev.realtime.chat.loadtest.bench.BenchReport "${report_args[@]}"
echo
echo "results: $RESULTS/$TS.json"
[[ -n "$OURS_REPORT" ]] && echo "Gatling report: $OURS_REPORT"
[[ -n "$WEBSTOMP_REPORT" ]] && echo "Web-STOMP Gatling report: $WEBSTOMP_REPORT"
exit 0
