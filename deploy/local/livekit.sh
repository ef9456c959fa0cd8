#!/usr/bin/env bash
# Installs (once, with the Go toolchain) and starts or stops a local LiveKit server on 127.0.0.1:7880,
# its webhooks pointed at presence-service. Keys match the services' local defaults.
# Usage: livekit.sh install|start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

VERSION="${LIVEKIT_SERVER_VERSION:-v1.13.5}"
CACHE_DIR="${RENDEZVOUS_CACHE:-$HOME/.cache/rendezvous}"
BIN="$CACHE_DIR/livekit-$VERSION/server"
PORT="${LIVEKIT_PORT:-7880}"
API_KEY="${LIVEKIT_API_KEY:-devkey}"
API_SECRET="${LIVEKIT_API_SECRET:-rendezvous-dev-secret-0123456789abcdef}"
WEBHOOK_URL="${LIVEKIT_WEBHOOK_URL:-http://127.0.0.1:8082/v1/livekit/webhook}"
CONF="$LOCAL_DIR/livekit/livekit.yaml"
PID_FILE="$PID_DIR/livekit.pid"
LOG_FILE="$LOG_DIR/livekit.log"

install() {
  [ -x "$BIN" ] && return 0
  need go "install Go >= 1.26 (https://go.dev/dl) to build the LiveKit server, or set LIVEKIT_URL to a running one"
  log "building livekit-server $VERSION with go install (once, a few minutes); log: $LOG_DIR/livekit-build.log"
  mkdir -p "$(dirname "$BIN")"
  (cd /tmp && GOBIN="$(dirname "$BIN")" go install "github.com/livekit/livekit-server/cmd/server@$VERSION") \
    >"$LOG_DIR/livekit-build.log" 2>&1 || { tail -n 20 "$LOG_DIR/livekit-build.log" >&2; fail "go install of livekit-server failed"; }
}

write_config() {
  mkdir -p "$(dirname "$CONF")"
  cat >"$CONF" <<YAML
port: $PORT
bind_addresses: ["127.0.0.1"]
rtc:
  tcp_port: $((PORT + 1))
  port_range_start: 50000
  port_range_end: 50200
  use_external_ip: false
  node_ip: 127.0.0.1
keys:
  $API_KEY: $API_SECRET
webhook:
  api_key: $API_KEY
  urls:
    - $WEBHOOK_URL
room:
  # Ended means closed: rooms are opened by token-service when it mints, never by a join, so a token
  # minted before a session ended cannot bring its room back.
  auto_create: false
  # Short, so a closed page is noticed quickly in local runs and tests.
  empty_timeout: 60
  departure_timeout: 10
logging:
  level: info
YAML
}

start() {
  if pid_alive "$PID_FILE"; then log "already running (pid $(cat "$PID_FILE")) on 127.0.0.1:$PORT"; return 0; fi
  if port_open 127.0.0.1 "$PORT"; then log "something already listens on 127.0.0.1:$PORT; using it as LiveKit"; return 0; fi
  install
  write_config
  log "starting LiveKit; webhooks to $WEBHOOK_URL; log: $LOG_FILE"
  nohup "$BIN" --config "$CONF" >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  wait_for_port livekit 127.0.0.1 "$PORT" 30 "$LOG_FILE" "$PID_FILE"
  log "ready on ws://127.0.0.1:$PORT (key $API_KEY)"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop_pid livekit "$PID_FILE" ;;
  status) pid_alive "$PID_FILE" && log "running (pid $(cat "$PID_FILE"))" || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
