#!/usr/bin/env bash
# Starts or stops all local infrastructure: Kafka, PostgreSQL and, where it can be built, LiveKit.
# Usage: infra.sh start|stop
set -euo pipefail
HERE="$(dirname "$0")"
case "${1:-}" in
  start)
    "$HERE/kafka.sh" start
    "$HERE/postgres.sh" start
    if [ -n "${LIVEKIT_URL:-}" ] && [ "${LIVEKIT_URL}" != "ws://127.0.0.1:7880" ]; then
      echo "[infra] LIVEKIT_URL=$LIVEKIT_URL given: not starting a local LiveKit server"
    elif command -v go >/dev/null 2>&1 || "$HERE/livekit.sh" status >/dev/null 2>&1; then
      "$HERE/livekit.sh" start
    else
      echo "[infra] Go is not installed, so no local LiveKit server: rooms cannot be joined (set LIVEKIT_URL to use one)"
    fi ;;
  stop)
    "$HERE/livekit.sh" stop || true
    "$HERE/postgres.sh" stop || true
    "$HERE/kafka.sh" stop || true ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
