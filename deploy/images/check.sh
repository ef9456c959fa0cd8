#!/usr/bin/env bash
# Builds the three service images the way the README tells operators to (Jib, no Docker:
# mvn package -Dquarkus.container-image.push=true), pushes them to a registry of its own on
# 127.0.0.1, then unpacks each image and runs it as a container runtime would (its entrypoint, its
# working directory and environment, in a chroot of its own file system) against the local Kafka,
# PostgreSQL and LiveKit, until /q/health/ready answers UP.
#
# The operators' base image (registry.access.redhat.com/ubi9/openjdk-17-runtime, in the parent
# POM) cannot be pulled here; the check builds the image on a minimal base made from this machine's
# JDK instead (jlink plus the libraries it links), which it pushes to the same registry. What it
# checks is everything Jib and the services add on top of a base: the layers, the entrypoint, the
# ports, and that the app in the image starts and is ready.
#
# Needs root (chroot and a /proc mount), Go (for crane, once), Java 17+ and Maven; starts the local
# infrastructure when it is not running. Prints "--- PASS: image <service>" or "--- FAIL: …" per image.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../local/lib.sh"

CRANE_VERSION=v0.22.1
CRANE="${RENDEZVOUS_CACHE:-$HOME/.cache/rendezvous}/crane-$CRANE_VERSION/crane"
REGISTRY_PORT="${IMAGE_CHECK_REGISTRY_PORT:-5055}"
REGISTRY="127.0.0.1:$REGISTRY_PORT"
WORK="$LOCAL_DIR/images"
BASE="$REGISTRY/check/jre:17"
SERVICES="token-service:18081 presence-service:18082 session-service:18083"

[ "$(id -u)" = 0 ] || fail "running an image needs root (chroot, a /proc mount); run this as root"
need go "install Go >= 1.26 to build crane (a registry and image tool)"
need java "install a Java 17+ JDK"
need mvn "install Maven"
need python3 "install python3"

install_crane() {
  [ -x "$CRANE" ] && return 0
  log "building crane $CRANE_VERSION with go install (once)"
  mkdir -p "$(dirname "$CRANE")"
  (cd /tmp && GOBIN="$(dirname "$CRANE")" go install "github.com/google/go-containerregistry/cmd/crane@$CRANE_VERSION") \
    >"$LOG_DIR/crane-build.log" 2>&1 || { tail -n 20 "$LOG_DIR/crane-build.log" >&2; fail "go install of crane failed"; }
}

start_registry() {
  port_open 127.0.0.1 "$REGISTRY_PORT" && fail "port $REGISTRY_PORT is taken (IMAGE_CHECK_REGISTRY_PORT chooses another)"
  rm -rf "$WORK" && mkdir -p "$WORK/registry"
  nohup "$CRANE" registry serve --address "$REGISTRY" --disk "$WORK/registry" >"$LOG_DIR/image-registry.log" 2>&1 </dev/null &
  echo $! >"$PID_DIR/image-registry.pid"
  wait_for_port "the image registry" 127.0.0.1 "$REGISTRY_PORT" 20 "$LOG_DIR/image-registry.log" "$PID_DIR/image-registry.pid"
}

# A Java runtime and the libraries it links, as one layer on an empty image.
push_base() {
  local java_home root="$WORK/base"
  java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  mkdir -p "$root/opt" "$root/tmp" && chmod 1777 "$root/tmp"
  "$java_home/bin/jlink" --add-modules ALL-MODULE-PATH --strip-debug --no-man-pages --no-header-files \
    --output "$root/opt/java" >"$LOG_DIR/image-base.log" 2>&1 || { cat "$LOG_DIR/image-base.log" >&2; fail "jlink failed"; }
  find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2>/dev/null \
    | grep -oE '/[^ ]+\.so[^ :]*' | grep -v "^$root" | sort -u | while read -r lib; do cp -L --parents "$lib" "$root/"; done
  tar -C "$root" -cf "$WORK/base.tar" . \
    && "$CRANE" append --insecure -f "$WORK/base.tar" -t "$BASE" >>"$LOG_DIR/image-base.log" 2>&1 \
    && "$CRANE" mutate --insecure --set-platform linux/amd64 --env PATH=/opt/java/bin:/usr/bin:/bin "$BASE" \
      >>"$LOG_DIR/image-base.log" 2>&1 || { tail -n 20 "$LOG_DIR/image-base.log" >&2; fail "could not push the base image"; }
  log "base image $BASE: $(du -sh "$root" | cut -f1) ($java_home)"
}

# Exactly the README's build, pointed at this registry and base.
build_images() {
  log "mvn package -Dquarkus.container-image.push=true (log: $LOG_DIR/image-build.log)"
  (cd "$REPO_DIR" && mvn -B package -DskipTests -pl token-service,presence-service,session-service -am \
    -Dquarkus.container-image.push=true -Dquarkus.container-image.registry="$REGISTRY" \
    -Dquarkus.container-image.insecure=true -Dquarkus.jib.base-jvm-image="$BASE") >"$LOG_DIR/image-build.log" 2>&1 \
    || { tail -n 30 "$LOG_DIR/image-build.log" >&2; fail "the image build failed"; }
}

# Runs one image's entrypoint in its own file system; true once its readiness answers 200.
run_image() {
  local name=$1 port=$2 image="$REGISTRY/rendezvous/$1:1.0.0" root="$WORK/$1" status=1
  mkdir -p "$root"
  "$CRANE" export --insecure "$image" - | tar --warning=no-unknown-keyword -x -C "$root" || { echo "could not export $image"; return 1; }
  "$CRANE" config --insecure "$image" >"$WORK/$name.config.json"
  mkdir -p "$root/proc" "$root/tmp" "$root/etc/rendezvous" && chmod 1777 "$root/tmp"
  cp "${MP_JWT_VERIFY_PUBLICKEY_LOCATION#file:}" "$root/etc/rendezvous/publicKey.pem"
  mount -t proc proc "$root/proc" || return 1
  local suffix="images-$$"
  env -i HOME=/tmp PORT="$port" \
    KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" KAFKA_GROUP_ID="$suffix" \
    PARTICIPANT_EVENTS_TOPIC="participant-events-$suffix" TOKEN_EVENTS_TOPIC="token-events-$suffix" \
    SESSION_SIGNALS_TOPIC="session-signals-$suffix" RECONCILE_INTERVAL=off \
    DB_HOST=127.0.0.1 DB_NAME=rendezvous_test SESSION_SERVICE_URL="http://127.0.0.1:18083" \
    LIVEKIT_URL="${LIVEKIT_URL:-ws://127.0.0.1:7880}" LIVEKIT_API_KEY="${LIVEKIT_API_KEY:-devkey}" \
    LIVEKIT_API_SECRET="${LIVEKIT_API_SECRET:-rendezvous-dev-secret-0123456789abcdef}" \
    MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:/etc/rendezvous/publicKey.pem MP_JWT_VERIFY_ISSUER="$MP_JWT_VERIFY_ISSUER" \
    python3 "$HERE/run_image.py" "$root" "$WORK/$name.config.json" >"$LOG_DIR/image-$name.log" 2>&1 &
  local pid=$!
  local deadline=$((SECONDS + 120))
  while [ $SECONDS -lt $deadline ] && kill -0 $pid 2>/dev/null; do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; then status=0; break; fi
    sleep 1
  done
  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  umount "$root/proc"
  [ $status = 0 ] || tail -n 20 "$LOG_DIR/image-$name.log"
  return $status
}

cleanup() {
  stop_pid "the image registry" "$PID_DIR/image-registry.pid" >/dev/null
  # The unpacked images and the registry's blobs are about a gigabyte: the logs stay, they go.
  for entry in $SERVICES; do mountpoint -q "$WORK/${entry%%:*}/proc" && umount "$WORK/${entry%%:*}/proc"; done
  rm -rf "$WORK"
  for part in "${started[@]}"; do "$HERE/../local/$part.sh" stop >/dev/null 2>&1 || true; done
}
started=()
for part in kafka postgres livekit; do
  if ! "$HERE/../local/$part.sh" status >/dev/null 2>&1; then started+=("$part"); fi
done
trap cleanup EXIT

"$HERE/../local/infra.sh" start >/dev/null || fail "the local infrastructure did not start"
use_dev_jwt_unless_configured
install_crane
start_registry
push_base
build_images
failed=0
for entry in $SERVICES; do
  name=${entry%%:*}; port=${entry##*:}
  start=$SECONDS
  if run_image "$name" "$port"; then
    entrypoint=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; print(" ".join(c["Entrypoint"]), "| ports", *c["ExposedPorts"])' \
      "$WORK/$name.config.json" 2>/dev/null || true)
    echo "--- PASS: image $name ($(( SECONDS - start )) s to ready; $entrypoint)"
  else
    echo "--- FAIL: image $name did not become ready; its output: $LOG_DIR/image-$name.log"
    failed=1
  fi
done
exit $failed
