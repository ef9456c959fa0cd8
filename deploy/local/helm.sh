#!/usr/bin/env bash
# Installs (once, with the Go toolchain) the Helm binary the deployment checks render the chart with.
# Usage: helm.sh install|path
set -euo pipefail
source "$(dirname "$0")/lib.sh"

VERSION="${HELM_VERSION:-v4.3.2}"
CACHE_DIR="${RENDEZVOUS_CACHE:-$HOME/.cache/rendezvous}"
BIN="$CACHE_DIR/helm-$VERSION/helm"

case "${1:-install}" in
  install)
    [ -x "$BIN" ] && exit 0
    need go "install Go >= 1.26 to build Helm (the deployment checks render deploy/helm with it)"
    log "building helm $VERSION with go install (once, about a minute); log: $LOG_DIR/helm-build.log"
    mkdir -p "$(dirname "$BIN")" "$LOG_DIR"
    (cd /tmp && GOBIN="$(dirname "$BIN")" go install "helm.sh/helm/v4/cmd/helm@$VERSION") \
      >"$LOG_DIR/helm-build.log" 2>&1 || { tail -n 20 "$LOG_DIR/helm-build.log" >&2; fail "go install of helm failed"; }
    ;;
  path) echo "$BIN" ;;
  *) fail "usage: $0 install|path" ;;
esac
