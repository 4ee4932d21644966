#!/usr/bin/env bash
# Gateway load benchmark: the same authenticated GET directly to an upstream and through the gateway, in one run.
# Usage (from anywhere):
#   bench/gateway-load/run.sh [upstream=trivial|pipeline] [key=value ...]
#       e.g. upstream=pipeline rate=200 seconds=15 rounds=2 ceiling-seconds=10 concurrency=32
#       (rate defaults to 1000 req/s for trivial, 200 req/s for pipeline)
# upstream=trivial (default): a Vert.x server answering a fixed deal; shows the gateway's own cost.
# upstream=pipeline: the real pipeline-service (PostgreSQL, Kafka, Keycloak tokens) via deploy/local's Suite,
#   GET /api/pipeline/deals/<id> of a deal the benchmark user owns.
# Build first: ./mvnw -q -pl gateway -am install -DskipTests
#   (and for upstream=pipeline: ./mvnw -q -pl deploy/local,pipeline-service -am install -DskipTests).
# baseline=<another quarkus-run.jar> compares two gateway builds side by side instead: both run behind the same
#   upstream and the load alternates between them; in the output "direct"/"upstream" is then the baseline gateway,
#   "gateway" the one under test (GATEWAY_JAR), and the CPU figures are those of the two gateways.
# GATEWAY_JAVA_OPTS adds JVM options to the gateway, e.g. a flight recording:
#   GATEWAY_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/gw.jfr,settings=profile
# GATEWAY_JAR runs another build of the gateway (e.g. a copy of an earlier quarkus-app, for a before/after run).
# MAVEN_ARGS (read by Maven itself) reaches the one Maven call, e.g. MAVEN_ARGS=-Dmaven.repo.local=/tmp/m2.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
GATEWAY_JAR="${GATEWAY_JAR:-gateway/target/quarkus-app/quarkus-run.jar}"
WORK=bench/gateway-load/target
UPSTREAM_PORT="${UPSTREAM_PORT:-18082}"
GATEWAY_PORT="${GATEWAY_PORT:-18080}"
SOURCE=bench/gateway-load/GatewayLoad.java

UPSTREAM=trivial
RATE=
BASELINE_JAR=
LOAD_ARGS=()
for arg in "$@"; do
  case "$arg" in
    upstream=*) UPSTREAM="${arg#upstream=}" ;;
    rate=*) RATE="${arg#rate=}" ;;
    baseline=*) BASELINE_JAR="${arg#baseline=}" ;;
    *) LOAD_ARGS+=("$arg") ;;
  esac
done
# pipeline-service needs milliseconds of CPU per GET (token check, database): on the 2-core build machine it does
# not sustain 1,000 req/s at all, so its fixed-rate phase runs at a rate it does sustain unless told otherwise.
if [[ -z "$RATE" ]]; then
  [[ "$UPSTREAM" == pipeline ]] && RATE=200 || RATE=1000
fi
LOAD_ARGS+=("rate=$RATE")
if [[ "$UPSTREAM" != trivial && "$UPSTREAM" != pipeline ]]; then
  echo "upstream must be trivial or pipeline, not $UPSTREAM" >&2
  exit 2
fi

if [[ ! -f "$GATEWAY_JAR" ]]; then
  echo "No $GATEWAY_JAR: run ./mvnw -pl gateway -am install -DskipTests first" >&2
  exit 1
fi
if [[ "$UPSTREAM" == pipeline && ( ! -f deploy/local/target/classpath.txt
    || ! -f pipeline-service/target/quarkus-app/quarkus-run.jar ) ]]; then
  echo "upstream=pipeline needs: ./mvnw -q -pl deploy/local,pipeline-service -am install -DskipTests" >&2
  exit 1
fi
mkdir -p "$WORK"

# The load generator and the trivial upstream use the gateway's own Vert.x and HdrHistogram.
./mvnw -q -o -pl gateway dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$ROOT/$WORK/classpath.txt" > /dev/null
CP="$(cat "$WORK/classpath.txt")"

PIDS=()
cleanup() {
  # Last started first: the gateway before its upstream. The stack's shutdown hook stops its children.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill "${PIDS[$i]}" 2> /dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2> /dev/null || true; done
}
trap cleanup EXIT

# PID of the process listening on a loopback TCP port.
listener_pid() {
  ss -Hltnp "sport = :$1" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2
}

GATEWAY_ENV=()
if [[ "$UPSTREAM" == trivial ]]; then
  "$JAVA" -cp "$CP" "$SOURCE" keys "$WORK"
  "$JAVA" -Xmx256m -cp "$CP" "$SOURCE" upstream "$UPSTREAM_PORT" > "$WORK/upstream.log" 2>&1 &
  PIDS+=($!)
  UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
  TOKEN_FILE="$WORK/token.txt"
  REQUEST_PATH=/api/pipeline/deals/42
  # Tokens are verified with the run's key instead of a Keycloak's JWKS.
  GATEWAY_ENV+=(QUARKUS_OIDC_PUBLIC_KEY="$(cat "$WORK/public-key.txt")"
    QUARKUS_OIDC_TOKEN_ISSUER="$(cat "$WORK/issuer.txt")")
  for _ in $(seq 1 60); do
    curl -sf "$UPSTREAM_URL/" > /dev/null && break
    sleep 1
  done
else
  STACK="$WORK/pipeline"
  rm -f "$STACK/path.txt"
  mkdir -p "$STACK"
  "$JAVA" -cp "deploy/local/target/classes:$(cat deploy/local/target/classpath.txt)" \
    bench/gateway-load/PipelineStack.java "$ROOT" "$ROOT/$STACK" > "$WORK/pipeline-stack.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do
    [[ -f "$STACK/path.txt" ]] && break
    kill -0 "${PIDS[0]}" 2> /dev/null || { echo "the stack failed; see $WORK/pipeline-stack.log" >&2; exit 1; }
    sleep 1
  done
  [[ -f "$STACK/path.txt" ]] || { echo "the stack is not ready after 10 min; see $WORK/pipeline-stack.log" >&2; exit 1; }
  UPSTREAM_URL="$(cat "$STACK/pipeline-url.txt")"
  TOKEN_FILE="$STACK/token.txt"
  REQUEST_PATH="$(cat "$STACK/path.txt")"
  # Tokens are verified with the realm's keys (JWKS) of the stack's Keycloak, as in production.
  GATEWAY_ENV+=(QUARKUS_OIDC_AUTH_SERVER_URL="$(cat "$STACK/realm-url.txt")")
fi

# The gateway as in production (edge authentication, rate limiter, CORS, access log, retry, circuit breaker),
# except that the per-user and per-client rate limits are raised so that the single benchmark user is never refused.
# Arguments: jar, port, log file; sets STARTED_PID.
start_gateway() {
  env "${GATEWAY_ENV[@]}" \
    QUARKUS_HTTP_PORT="$2" \
    ATTAIN_TARGETS_URL="$UPSTREAM_URL" \
    ATTAIN_PIPELINE_URL="$UPSTREAM_URL" \
    ATTAIN_INCENTIVES_URL="$UPSTREAM_URL" \
    ATTAIN_GATEWAY_RATE_LIMIT_USER_REQUESTS_PER_SECOND=1000000 \
    ATTAIN_GATEWAY_RATE_LIMIT_USER_BURST=1000000 \
    ATTAIN_GATEWAY_RATE_LIMIT_CLIENT_REQUESTS_PER_SECOND=1000000 \
    ATTAIN_GATEWAY_RATE_LIMIT_CLIENT_BURST=1000000 \
    "$JAVA" ${GATEWAY_JAVA_OPTS:-} -jar "$1" > "$3" 2>&1 &
  STARTED_PID=$!
  PIDS+=($STARTED_PID)
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$2/q/health/ready" > /dev/null && break
    sleep 1
  done
}
start_gateway "$GATEWAY_JAR" "$GATEWAY_PORT" "$WORK/gateway.log"
GATEWAY_PID=$STARTED_PID
if [[ -n "$BASELINE_JAR" ]]; then
  start_gateway "$BASELINE_JAR" "$((GATEWAY_PORT + 1))" "$WORK/baseline-gateway.log"
  UPSTREAM_URL="http://127.0.0.1:$((GATEWAY_PORT + 1))"
  echo "baseline=$BASELINE_JAR: 'direct' and 'upstream' below are that gateway, 'gateway' is $GATEWAY_JAR"
fi

for target in "$UPSTREAM_URL" "http://127.0.0.1:$GATEWAY_PORT"; do
  curl -sf -H "Authorization: Bearer $(cat "$TOKEN_FILE")" "$target$REQUEST_PATH" > /dev/null \
    || { echo "GET $target$REQUEST_PATH failed; see $WORK/*.log" >&2; exit 1; }
done
UPSTREAM_PID="$(listener_pid "${UPSTREAM_URL##*:}")"

# CPU seconds (user + system) a process has used so far: how much work each side did, whatever the scheduler did.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
UPSTREAM_CPU_BEFORE=$(cpu_seconds "$UPSTREAM_PID")
GATEWAY_CPU_BEFORE=$(cpu_seconds "$GATEWAY_PID")

echo "upstream: $UPSTREAM ($UPSTREAM_URL), GET $REQUEST_PATH"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$CP" "$SOURCE" load \
  direct="$UPSTREAM_URL" gateway="http://127.0.0.1:$GATEWAY_PORT" \
  path="$REQUEST_PATH" token-file="$TOKEN_FILE" upstream-pid="$UPSTREAM_PID" gateway-pid="$GATEWAY_PID" \
  clock-ticks="$(getconf CLK_TCK)" "${LOAD_ARGS[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU used during the load: upstream $(awk "BEGIN { print $(cpu_seconds "$UPSTREAM_PID") - $UPSTREAM_CPU_BEFORE }") s" \
  "(all requests), gateway $(awk "BEGIN { print $(cpu_seconds "$GATEWAY_PID") - $GATEWAY_CPU_BEFORE }") s" \
  "(gateway requests only)"
