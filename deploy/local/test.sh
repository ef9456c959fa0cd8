#!/usr/bin/env bash
# Runs every test against real infrastructure: starts what is not running yet (Kafka, PostgreSQL,
# LiveKit), runs the Maven build with all tests, then the end-to-end test (the packaged services,
# the demo page and two headless Chromium browsers), and stops again what it started. First of
# all it validates the deployment files (deploy/check, Go); after the Maven build it builds the
# images with Jib and runs each until ready (deploy/images/check.sh, as root).
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

# The deployment files: docker-compose.yml, every kustomize overlay and the Helm chart (helm lint, helm
# template with the default and the production values, compared with the prod overlay), validated offline.
if command -v go >/dev/null 2>&1; then
  "$HERE/helm.sh" install || exit 1
  (cd "$REPO_DIR/deploy/check" && HELM="$("$HERE/helm.sh" path)" go test -count=1 -v ./... 2>&1 | grep -E '^(---|ok|FAIL|PASS)|_test.go' \
    | tee "$LOG_DIR/deploy-check.log") || { echo "[test] the deployment checks failed" >&2; exit 1; }
else
  echo "[test] Go is not installed: skipping the deployment checks (deploy/check)"
fi

"$HERE/infra.sh" start || exit 1
(cd "$REPO_DIR" && mvn -B verify "$@") || exit 1

# The browser module as npm publishes it: packed, installed, type-checked and tested (client/test/packed.sh).
(cd "$REPO_DIR/client" && npm test 2>&1 | tee "$LOG_DIR/client.log"; exit "${PIPESTATUS[0]}") \
  || { echo "[test] the browser module's package tests failed" >&2; exit 1; }

# The images, built with Jib as the README says and each run until ready (needs root for chroot).
if [ "$(id -u)" = 0 ] && command -v go >/dev/null 2>&1; then
  "$REPO_DIR/deploy/images/check.sh" 2>&1 | tee "$LOG_DIR/images.log"
  [ "${PIPESTATUS[0]}" = 0 ] || { echo "[test] the image check failed" >&2; exit 1; }
else
  echo "[test] not root, or Go missing: skipping the image check (deploy/images/check.sh)" | tee "$LOG_DIR/images.log"
fi

# One line for everything that ran: Maven's test reports, the deployment checks, the browser test.
summary() {
  local passed=0 failed=0 report head tests failures errors
  for report in "$REPO_DIR"/*/target/surefire-reports/TEST-*.xml "$REPO_DIR"/*/target/failsafe-reports/TEST-*.xml; do
    [ -f "$report" ] || continue
    head=$(grep -o -m1 '<testsuite [^>]*' "$report")
    tests=$(attribute "$head" tests); failures=$(attribute "$head" failures); errors=$(attribute "$head" errors)
    passed=$((passed + tests - failures - errors)); failed=$((failed + failures + errors))
  done
  passed=$((passed + $(count '^--- PASS' "$LOG_DIR/deploy-check.log") + $(count '^--- PASS' "$LOG_DIR/images.log")))
  failed=$((failed + $(count '^--- FAIL' "$LOG_DIR/deploy-check.log") + $(count '^--- FAIL' "$LOG_DIR/images.log")))
  passed=$((passed + $(last_number '^# pass [0-9]+$' "$LOG_DIR/client.log") + $(last_number '^# pass [0-9]+$' "$LOG_DIR/e2e.log")))
  failed=$((failed + $(last_number '^# fail [0-9]+$' "$LOG_DIR/client.log")))
  failed=$((failed + $(last_number '^# fail [0-9]+$' "$LOG_DIR/e2e.log")))
  echo "$passed passed, $failed failed"
}
attribute() { local v; v=$(printf '%s' "$1" | grep -oE " $2=\"[0-9]+\"" | grep -oE '[0-9]+'); echo "${v:-0}"; }
count() { local n; n=$(grep -cE "$1" "$2" 2>/dev/null); echo "${n:-0}"; }
last_number() { local n; n=$(grep -E "$1" "$2" 2>/dev/null | tail -n1 | grep -oE '[0-9]+$'); echo "${n:-0}"; }

if [ "${E2E:-1}" = 0 ]; then summary; exit 0; fi
pid_alive "$PID_DIR/session-service.pid" || own_services=1
# The browser test waits for a wait to turn overdue: 15 s instead of two minutes (also for the restart it does).
export WAIT_OVERDUE_AFTER="${WAIT_OVERDUE_AFTER:-PT15S}"
"$HERE/services.sh" start || exit 1
"$HERE/demo.sh" start || exit 1
(cd "$REPO_DIR/e2e" && npm ci --no-audit --no-fund --loglevel=error && npm test 2>&1 | tee "$LOG_DIR/e2e.log")
status=$?
summary
exit $status
