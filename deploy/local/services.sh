#!/usr/bin/env bash
# Starts or stops the three packaged services in the background (built first when missing or stale).
# Settings come from the environment (see README, "Configuration"); unset ones get local defaults.
# Usage: services.sh start|stop
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SERVICES="token-service:8081 presence-service:8082 session-service:8083"

export LIVEKIT_URL="${LIVEKIT_URL:-ws://127.0.0.1:7880}"
export LIVEKIT_API_KEY="${LIVEKIT_API_KEY:-devkey}"
export LIVEKIT_API_SECRET="${LIVEKIT_API_SECRET:-rendezvous-dev-secret-0123456789abcdef}"
export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}"
# Every record's dataschema URL points where session-service serves the schemas.
export SCHEMA_BASE_URL="${SCHEMA_BASE_URL:-http://127.0.0.1:8083/schemas}"

build() {
  # SKIP_BUILD=1 starts the jars as they are (the fault suite restarts a killed service this way).
  [ "${SKIP_BUILD:-0}" = 1 ] && return 0
  local stale=0
  for entry in $SERVICES; do
    local jar="$REPO_DIR/${entry%%:*}/target/quarkus-app/quarkus-run.jar"
    if [ ! -f "$jar" ] || [ -n "$(find "$REPO_DIR/${entry%%:*}/src/main" "$REPO_DIR/${entry%%:*}/pom.xml" "$REPO_DIR/kernel/src/main" \
        "$REPO_DIR/contracts/schemas" "$REPO_DIR/pom.xml" -newer "$jar" -print -quit)" ]; then
      stale=1
    fi
  done
  if [ $stale = 1 ]; then
    log "building the services (mvn package -DskipTests); log: $LOG_DIR/build.log"
    (cd "$REPO_DIR" && mvn -B -q package -DskipTests) >"$LOG_DIR/build.log" 2>&1 \
      || { tail -n 30 "$LOG_DIR/build.log" >&2; fail "the build failed; see $LOG_DIR/build.log"; }
  fi
}

# The JVM the services run on: JAVA_HOME's when set, else the newest JDK 25 or later installed under
# /usr/lib/jvm (its AOT cache, below, is what lets a restarted replica serve well at once), else java on PATH.
# The services are built for Java 17 and run on any later JVM.
java_bin() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME/bin/java"; return; fi
  local newest
  newest=$(ls -d /usr/lib/jvm/*-2[5-9]* /usr/lib/jvm/*-[3-9][0-9]* 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$newest" ] && [ -x "$newest/bin/java" ]; then echo "$newest/bin/java"; else echo java; fi
}
JAVA_BIN="$(java_bin)"
java_major() { "$JAVA_BIN" -version 2>&1 | head -n 1 | sed -E 's/^[^"]*"([0-9]+).*/\1/'; }

# Class archives (docs/benchmarks.md, "A replica that has just started"). On Java 25 and later, an AOT
# cache (JEP 483/515): the service's classes loaded and linked, and its methods' profiles, as its last
# clean run left them, so the JIT compiles the hot paths at once instead of after minutes of profiling.
# On Java 17-24, an AppCDS archive: the classes only. The first run of a build records it when it stops
# (SIGTERM: stop.sh, a restart); every later start of the same build uses it. An archive of another
# build is never used. APPCDS=0 turns both off.
class_archive() {
  [ "${APPCDS:-1}" = 1 ] || return 0
  local name=$1 app="$REPO_DIR/$1/target/quarkus-app" key archive
  key=$(cat "$app/quarkus-run.jar" "$app"/app/*.jar "$app/quarkus/quarkus-application.dat" 2>/dev/null | cksum | cut -d' ' -f1)
  mkdir -p "$LOCAL_DIR/appcds"
  if [ "$JAVA_MAJOR" -ge 25 ] 2>/dev/null; then
    archive="$LOCAL_DIR/appcds/$name-$key-java$JAVA_MAJOR.aot"
    if [ -s "$archive" ]; then echo "-XX:AOTCache=$archive -Xlog:aot=off -Xlog:cds=off"; return; fi
    find "$LOCAL_DIR/appcds" -name "$name-*" -delete
    echo "-XX:AOTCacheOutput=$archive -Xlog:aot=off -Xlog:cds=off"
    return
  fi
  archive="$LOCAL_DIR/appcds/$name-$key.jsa"
  if [ -s "$archive" ]; then
    echo "-XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  else
    find "$LOCAL_DIR/appcds" -name "$name-*" -delete
    echo "-XX:ArchiveClassesAtExit=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
}

start() {
  need "$JAVA_BIN" "install a Java 17+ runtime"
  JAVA_MAJOR=$(java_major)
  log "services run on $JAVA_BIN (Java $JAVA_MAJOR)"
  use_dev_jwt_unless_configured
  build
  for entry in $SERVICES; do
    local name=${entry%%:*} port=${entry##*:}
    local pid_file="$PID_DIR/$name.pid"
    if pid_alive "$pid_file"; then log "$name already running (pid $(cat "$pid_file"))"; continue; fi
    port_open 127.0.0.1 "$port" && fail "port $port is taken; stop whatever uses it before starting $name"
    # Appended, so the log of a run that crashed is still there after the restart.
    echo "----- $(date -u +%FT%TZ) starting $name" >>"$LOG_DIR/$name.log"
    # shellcheck disable=SC2046 # the options are words
    nohup "$JAVA_BIN" ${JAVA_OPTS:--Xmx384m} $(class_archive "$name") -jar "$REPO_DIR/$name/target/quarkus-app/quarkus-run.jar" \
      >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
    echo $! >"$pid_file"
  done
  for entry in $SERVICES; do
    local name=${entry%%:*} port=${entry##*:}
    wait_for_port "$name" 127.0.0.1 "$port" 90 "$LOG_DIR/$name.log" "$PID_DIR/$name.pid"
    wait_until_ready "$name" "$port"
    log "$name on http://127.0.0.1:$port (log: $LOG_DIR/$name.log)"
  done
}

# Ready, not just listening: session-service warms its hot paths before readiness turns UP (WARMUP_TIME).
# A dependency that is down keeps a service not ready: say so and go on (it serves once the dependency is back).
wait_until_ready() {
  local name=$1 port=$2 deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    pid_alive "$PID_DIR/$name.pid" || fail "$name exited during start; its log is $LOG_DIR/$name.log"
    if [ $SECONDS -ge $deadline ]; then
      log "$name is listening but not ready after 60 s: see http://127.0.0.1:$port/q/health/ready"
      return 0
    fi
    sleep 0.5
  done
}

stop() {
  for entry in $SERVICES; do stop_pid "${entry%%:*}" "$PID_DIR/${entry%%:*}.pid"; done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
