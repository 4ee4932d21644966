#!/usr/bin/env bash
# Gateway load benchmark: the same GET directly to an upstream and through the gateway, in one run.
# Usage (from anywhere; build the gateway first: ./mvnw -pl gateway -am install -DskipTests):
#   bench/gateway-load/run.sh [key=value ...]     e.g. rate=1000 seconds=15 rounds=2 ceiling-seconds=10 concurrency=32
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JAVA="$JAVA_HOME/bin/java"
GATEWAY_JAR=gateway/target/quarkus-app/quarkus-run.jar
WORK=bench/gateway-load/target
UPSTREAM_PORT="${UPSTREAM_PORT:-18082}"
GATEWAY_PORT="${GATEWAY_PORT:-18080}"
SOURCE=bench/gateway-load/GatewayLoad.java

if [[ ! -f "$GATEWAY_JAR" ]]; then
  echo "No $GATEWAY_JAR: run ./mvnw -pl gateway -am install -DskipTests first" >&2
  exit 1
fi
mkdir -p "$WORK"

# The load generator and the upstream use the gateway's own Vert.x and HdrHistogram.
./mvnw -q -o -pl gateway dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$ROOT/$WORK/classpath.txt" > /dev/null
CP="$(cat "$WORK/classpath.txt")"

"$JAVA" -cp "$CP" "$SOURCE" keys "$WORK"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
}
trap cleanup EXIT

"$JAVA" -Xmx256m -cp "$CP" "$SOURCE" upstream "$UPSTREAM_PORT" > "$WORK/upstream.log" 2>&1 &
PIDS+=($!)

# The gateway as in production (edge authentication, rate limiter, CORS, access log, retry, circuit breaker),
# except: tokens are verified with the run's key instead of Keycloak's JWKS, and the per-user and per-client
# rate limits are raised so that the single benchmark user is never refused.
QUARKUS_HTTP_PORT="$GATEWAY_PORT" \
ATTAIN_TARGETS_URL="http://127.0.0.1:$UPSTREAM_PORT" \
ATTAIN_PIPELINE_URL="http://127.0.0.1:$UPSTREAM_PORT" \
ATTAIN_INCENTIVES_URL="http://127.0.0.1:$UPSTREAM_PORT" \
QUARKUS_OIDC_PUBLIC_KEY="$(cat "$WORK/public-key.txt")" \
QUARKUS_OIDC_TOKEN_ISSUER="$(cat "$WORK/issuer.txt")" \
ATTAIN_GATEWAY_RATE_LIMIT_USER_REQUESTS_PER_SECOND=1000000 \
ATTAIN_GATEWAY_RATE_LIMIT_USER_BURST=1000000 \
ATTAIN_GATEWAY_RATE_LIMIT_CLIENT_REQUESTS_PER_SECOND=1000000 \
ATTAIN_GATEWAY_RATE_LIMIT_CLIENT_BURST=1000000 \
  "$JAVA" -jar "$GATEWAY_JAR" > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$GATEWAY_PORT/q/health/ready" > /dev/null \
      && curl -sf "http://127.0.0.1:$UPSTREAM_PORT/" > /dev/null; then
    break
  fi
  sleep 1
done
curl -sf -H "Authorization: Bearer $(cat "$WORK/token.txt")" \
  "http://127.0.0.1:$GATEWAY_PORT/api/pipeline/deals/42" > /dev/null \
  || { echo "gateway not answering; see $WORK/gateway.log" >&2; exit 1; }

# CPU seconds (user + system) a process has used so far: how much work each side did, whatever the scheduler did.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"
}
UPSTREAM_CPU_BEFORE=$(cpu_seconds "${PIDS[0]}")
GATEWAY_CPU_BEFORE=$(cpu_seconds "${PIDS[1]}")

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -cp "$CP" "$SOURCE" load \
  direct="http://127.0.0.1:$UPSTREAM_PORT" gateway="http://127.0.0.1:$GATEWAY_PORT" \
  path=/api/pipeline/deals/42 token-file="$WORK/token.txt" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "CPU used during the load: upstream $(awk "BEGIN { print $(cpu_seconds "${PIDS[0]}") - $UPSTREAM_CPU_BEFORE }") s" \
  "(all requests), gateway $(awk "BEGIN { print $(cpu_seconds "${PIDS[1]}") - $GATEWAY_CPU_BEFORE }") s" \
  "(gateway requests only)"
