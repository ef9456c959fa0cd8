#!/usr/bin/env bash
# Benchmarks against the running system (start it with deploy/local/run.sh first).
# Prints each figure with the baseline it was measured against in the same run.
#   bench/run.sh              all of them, in the order below
#   bench/run.sh ingest       webhook ingest                       (vs a bare Kafka send + ack)
#   bench/run.sh readiness    join webhook -> READY, sequential    (vs two bare Kafka hops)
#   bench/run.sh creation     POST /v1/sessions, driven by wrk     (vs an authenticated GET)
#   bench/run.sh mint         POST /v1/sessions/{id}/token, wrk    (vs GET /v1/me, the same JWT)
#   bench/run.sh load         second join -> READY, open loop at 100, 200, 500 joins/s (vs two Kafka hops)
#   bench/run.sh coldstart    session-service SIGKILLed and started: READY latency per 10 s after ready, open loop @100/s (vs the warm replica)
#   bench/run.sh mintcoldstart token-service SIGKILLed and started: mints/s per 10 s after ready, 8,000 customers (vs the warm replica)
#   bench/run.sh catchup      folding a queued backlog             (vs Kafka consume + batched JDBC insert)
#   bench/run.sh replicas     live fold with 1, 2, 3 replicas, one SIGKILLed (vs one replica)
#   bench/run.sh cost         CPU per session by process, idle CPU and readiness with 0 and 20,000 open
#                             sessions, LiveKit calls per reconciliation interval (vs the same with 0 open)
# catchup, replicas and cost stop the system's session-service, run their own replicas of the packaged
# jar (SESSION_SERVICE_JAR) and start it again afterwards. Sizes: BENCH_SESSIONS (catchup, 2000),
# BENCH_QUEUE=kafka (catchup: queue straight to Kafka, for very large backlogs), BENCH_LIVE_SESSIONS
# (replicas, 1500), BENCH_RATES (load, 100,200,500; cost, 100,200), BENCH_SECONDS (load, creation and mint, 10;
# cost, 20), BENCH_OPEN_SESSIONS and BENCH_IDLE_SECONDS (cost, 20000 and 60). cost runs its replica on its
# own database (rendezvous_bench, emptied first), so "0 open sessions" is true.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../deploy/local/lib.sh"
cd "$HERE"
curl -fsS -o /dev/null http://127.0.0.1:8081/q/health/ready || { echo "token-service is not running: deploy/local/run.sh" >&2; exit 1; }
curl -fsS -o /dev/null http://127.0.0.1:8082/q/health/ready || { echo "presence-service is not running: deploy/local/run.sh" >&2; exit 1; }
curl -fsS -o /dev/null http://127.0.0.1:8083/q/health/ready || { echo "session-service is not running: deploy/local/run.sh" >&2; exit 1; }
# The settings deploy/local/services.sh gives the services, for the replicas the benchmarks start.
export LIVEKIT_URL="${LIVEKIT_URL:-ws://127.0.0.1:7880}"
export LIVEKIT_API_KEY="${LIVEKIT_API_KEY:-devkey}"
export LIVEKIT_API_SECRET="${LIVEKIT_API_SECRET:-rendezvous-dev-secret-0123456789abcdef}"
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"
export BENCH_LOG_DIR="$LOG_DIR"
use_dev_jwt_unless_configured
mvn -B -q compile

bench() { mvn -B -q exec:java -Dexec.mainClass="dev.rendezvous.bench.$1"; echo; }
# Runs a benchmark that needs session-service's port for replicas of its own.
with_own_replicas() {
  stop_pid session-service "$PID_DIR/session-service.pid" >/dev/null
  local status=0
  bench "$1" || status=$?
  "$HERE/../deploy/local/services.sh" start >/dev/null
  return $status
}

which="${1:-all}"
case "$which" in all|ingest) bench WebhookIngestBench ;; esac
case "$which" in all|readiness) bench ReadinessLatencyBench ;; esac
case "$which" in all|creation) need wrk "install wrk (Debian: apt-get install wrk)"; bench CreationBench ;; esac
case "$which" in all|mint) need wrk "install wrk (Debian: apt-get install wrk)"; bench MintBench ;; esac
case "$which" in all|load) bench ReadinessLoadBench ;; esac
case "$which" in all|coldstart) RENDEZVOUS_REPO="$REPO_DIR" RENDEZVOUS_LOCAL_DIR="$LOCAL_DIR" bench ColdStartBench ;; esac
case "$which" in all|mintcoldstart) need wrk "install wrk (Debian: apt-get install wrk)"; RENDEZVOUS_REPO="$REPO_DIR" RENDEZVOUS_LOCAL_DIR="$LOCAL_DIR" bench MintColdStartBench ;; esac
case "$which" in all|catchup) with_own_replicas CatchUpBench ;; esac
case "$which" in all|replicas) with_own_replicas ReplicaThroughputBench ;; esac
case "$which" in all|cost) "$HERE/../deploy/local/postgres.sh" start >/dev/null; with_own_replicas CostBench ;; esac
