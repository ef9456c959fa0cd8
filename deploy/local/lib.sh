# Shared helpers for the deploy/local scripts; sourced, never run.
# Everything a local run creates lives under RENDEZVOUS_LOCAL_DIR (default: <repo>/.local).

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="${RENDEZVOUS_LOCAL_DIR:-$REPO_DIR/.local}"
LOG_DIR="$LOCAL_DIR/logs"
PID_DIR="$LOCAL_DIR/pids"
mkdir -p "$LOG_DIR" "$PID_DIR"

log()  { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }
fail() { printf '[%s] ERROR: %s\n' "$(basename "$0" .sh)" "$*" >&2; exit 1; }

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# wait_for_port NAME HOST PORT SECONDS LOGFILE [PIDFILE]
wait_for_port() {
  local name=$1 host=$2 port=$3 seconds=$4 logfile=$5 pidfile=${6:-}
  local deadline=$((SECONDS + seconds))
  until port_open "$host" "$port"; do
    if [ -n "$pidfile" ] && ! pid_alive "$pidfile"; then
      tail -n 30 "$logfile" >&2 || true
      fail "$name exited during start; its log is $logfile"
    fi
    if [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$logfile" >&2 || true
      fail "$name did not accept connections on $host:$port within ${seconds}s; its log is $logfile"
    fi
    sleep 0.5
  done
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid NAME PIDFILE: TERM, then KILL after 20 s; a missing process is fine.
stop_pid() {
  local name=$1 pidfile=$2
  if ! pid_alive "$pidfile"; then rm -f "$pidfile"; log "$name is not running"; return 0; fi
  local pid; pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  # Up to 60 s: a JVM recording its AOT cache or class archive writes it on the way out (10-15 s here).
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  rm -f "$pidfile"
  log "$name stopped"
}

need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is not installed: $2"; }

# User JWTs: verified with the key the caller gives (MP_JWT_VERIFY_PUBLICKEY[_LOCATION]); without
# one, a local development key pair is used (generated once) and the demo page signs with it.
use_dev_jwt_unless_configured() {
  [ -n "${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-}${MP_JWT_VERIFY_PUBLICKEY:-}" ] && return 0
  local dir="$LOCAL_DIR/jwt"
  if [ ! -f "$dir/privateKey.pem" ]; then
    need openssl "install openssl (Debian: apt-get install openssl)"
    mkdir -p "$dir"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/privateKey.pem" 2>/dev/null
    openssl rsa -in "$dir/privateKey.pem" -pubout -out "$dir/publicKey.pem" 2>/dev/null
    log "generated a development JWT key pair in $dir"
  fi
  export MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$dir/publicKey.pem"
  export MP_JWT_VERIFY_ISSUER="${MP_JWT_VERIFY_ISSUER:-https://rendezvous.dev/issuer}"
  export RENDEZVOUS_DEV_JWT_KEY="$dir/privateKey.pem"
}
