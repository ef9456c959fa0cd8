#!/usr/bin/env bash
# Benchmarks against the running system (start it with deploy/local/run.sh first).
# Prints each figure with the baseline it was measured against in the same run.
#   bench/run.sh            both benchmarks
#   bench/run.sh ingest     webhook ingest only
#   bench/run.sh readiness  join webhook -> READY on the stream only
set -euo pipefail
cd "$(dirname "$0")"
curl -fsS -o /dev/null http://127.0.0.1:8082/q/health/ready || { echo "presence-service is not running: deploy/local/run.sh" >&2; exit 1; }
curl -fsS -o /dev/null http://127.0.0.1:8083/q/health/ready || { echo "session-service is not running: deploy/local/run.sh" >&2; exit 1; }
mvn -B -q compile
which="${1:-all}"
if [ "$which" = all ] || [ "$which" = ingest ]; then
  mvn -B -q exec:java -Dexec.mainClass=dev.rendezvous.bench.WebhookIngestBench
fi
if [ "$which" = all ] || [ "$which" = readiness ]; then
  mvn -B -q exec:java -Dexec.mainClass=dev.rendezvous.bench.ReadinessLatencyBench
fi
