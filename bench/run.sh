#!/usr/bin/env bash
# Benchmarks against the running system (start it with deploy/local/run.sh first).
# Prints each figure with the baseline it was measured against in the same run.
set -euo pipefail
cd "$(dirname "$0")"
curl -fsS -o /dev/null http://127.0.0.1:8082/q/health/ready || { echo "presence-service is not running: deploy/local/run.sh" >&2; exit 1; }
mvn -B -q compile exec:java
