#!/usr/bin/env bash
# Runs every test against real infrastructure: starts what is not running yet (Kafka, PostgreSQL,
# LiveKit), runs the Maven build with all tests, then the end-to-end test (the packaged services,
# the demo page and two headless Chromium browsers), and stops again what it started. First of
# all it validates the deployment files (deploy/check, Go).
# Arguments are passed to Maven; E2E=0 skips the browser test.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/lib.sh"

started=()
for part in kafka postgres livekit; do
  if ! "$HERE/$part.sh" status >/dev/null 2>&1; then started+=("$part"); fi
done
cleanup() {
  for name in demo services; do
    if [ "${own_services:-0}" = 1 ]; then "$HERE/$name.sh" stop >/dev/null 2>&1 || true; fi
  done
  for part in "${started[@]}"; do "$HERE/$part.sh" stop >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

# The deployment files: docker-compose.yml and every kustomize overlay, validated offline.
if command -v go >/dev/null 2>&1; then
  (cd "$REPO_DIR/deploy/check" && go test -count=1 -v ./... 2>&1 | grep -E '^(---|ok|FAIL|PASS)|_test.go') \
    || { echo "[test] the deployment checks failed" >&2; exit 1; }
else
  echo "[test] Go is not installed: skipping the deployment checks (deploy/check)"
fi

"$HERE/infra.sh" start || exit 1
(cd "$REPO_DIR" && mvn -B verify "$@") || exit 1

[ "${E2E:-1}" = 0 ] && exit 0
pid_alive "$PID_DIR/session-service.pid" || own_services=1
"$HERE/services.sh" start || exit 1
"$HERE/demo.sh" start || exit 1
cd "$REPO_DIR/e2e" && npm ci --no-audit --no-fund --loglevel=error && npm test
