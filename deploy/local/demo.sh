#!/usr/bin/env bash
# Starts or stops the demo session page on http://127.0.0.1:8080 and creates a demo session.
# Usage: demo.sh start|stop
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DEMO_DIR="$REPO_DIR/deploy/demo"
PORT="${DEMO_PORT:-8080}"
PID_FILE="$PID_DIR/demo.pid"
LOG_FILE="$LOG_DIR/demo.log"

start() {
  use_dev_jwt_unless_configured
  if ! command -v node >/dev/null 2>&1; then log "Node.js is not installed: no demo page"; return 0; fi
  if ! pid_alive "$PID_FILE"; then
    if [ ! -d "$DEMO_DIR/node_modules/livekit-client" ]; then
      log "installing the demo page's packages (npm ci)"
      (cd "$DEMO_DIR" && npm ci --no-audit --no-fund) >"$LOG_DIR/demo-npm.log" 2>&1 || fail "npm ci failed; see $LOG_DIR/demo-npm.log"
    fi
    # On this machine only (the server listens on 127.0.0.1): the demo session and the e2e suite
    # act as a backend with tokens from the dev endpoint.
    DEV_TOKENS_BACKEND="${DEV_TOKENS_BACKEND:-true}" nohup node "$DEMO_DIR/server.mjs" >"$LOG_FILE" 2>&1 </dev/null &
    echo $! >"$PID_FILE"
    wait_for_port demo 127.0.0.1 "$PORT" 20 "$LOG_FILE" "$PID_FILE"
  fi
  [ -n "${RENDEZVOUS_DEV_JWT_KEY:-}" ] && create_demo_session
  return 0
}

# A session for the printed URLs, created as a backend would (dev tokens only).
create_demo_session() {
  local backend session
  backend=$(curl -fsS "http://127.0.0.1:$PORT/dev/token?sub=demo-backend&groups=backend" | sed -E 's/.*"token":"([^"]+)".*/\1/') || return 0
  session=$(curl -fsS -X POST http://127.0.0.1:8083/v1/sessions -H "Authorization: Bearer $backend" \
    -H 'Content-Type: application/json' \
    -d '{"members":[{"userId":"demo-customer","role":"customer"},{"userId":"demo-mechanic","role":"mechanic"},{"userId":"demo-supervisor","role":"supervisor"}]}' \
    | sed -E 's/.*"sessionId":"([^"]+)".*/\1/') || { log "could not create a demo session"; return 0; }
  mkdir -p "$LOCAL_DIR/demo"
  cat >"$LOCAL_DIR/demo/urls.txt" <<TXT
Demo session $session — open each in its own browser window:
  customer  http://127.0.0.1:$PORT/?session=$session&role=customer
  mechanic  http://127.0.0.1:$PORT/?session=$session&role=mechanic
  supervisor  http://127.0.0.1:$PORT/?session=$session&role=supervisor   (looks in hidden: the other two never see them)
TXT
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid demo "$PID_FILE" ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
