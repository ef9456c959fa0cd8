#!/usr/bin/env bash
# Runs the whole system locally: Kafka, PostgreSQL, LiveKit (when Go can build it), the three
# services and the demo page, all in the background. Stop everything with deploy/local/stop.sh.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/lib.sh"

"$HERE/infra.sh" start
"$HERE/services.sh" start
if [ -x "$HERE/demo.sh" ]; then "$HERE/demo.sh" start; fi

cat <<TXT

Rendezvous is running:
  token-service     http://127.0.0.1:8081   (POST /v1/sessions/{id}/token)
  presence-service  http://127.0.0.1:8082   (POST /v1/livekit/webhook)
  session-service   http://127.0.0.1:8083   (/v1/sessions, /stream, /diagnosis)
  each service      /q/health/ready  /q/metrics  /q/openapi
  Kafka             127.0.0.1:9092    PostgreSQL 127.0.0.1:5432    LiveKit ws://127.0.0.1:7880
  logs              $LOG_DIR
Stop it all with: deploy/local/stop.sh
TXT
if [ -f "$LOCAL_DIR/demo/urls.txt" ]; then cat "$LOCAL_DIR/demo/urls.txt"; fi
# The integrator's first credential, when the demo server mints development JWTs (docs/integrating.md).
if curl -fsS -o /dev/null 'http://127.0.0.1:8080/dev/token?sub=probe&groups=backend' 2>/dev/null; then
  cat <<'TXT'
A backend JWT for curl (development keys only; ?sub=&groups=&ttl=, or ?session=&role= for a roster member):
  BACKEND=$(curl -s 'http://127.0.0.1:8080/dev/token?sub=my-backend&groups=backend' | sed -E 's/.*"token":"([^"]+)".*/\1/')
Then the quickstart in docs/integrating.md: create, read, stream, mint, end.
TXT
fi
