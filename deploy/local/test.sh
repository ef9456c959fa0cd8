#!/usr/bin/env bash
# Runs every test against real infrastructure: starts what is not running yet (Kafka, PostgreSQL,
# LiveKit), runs the Maven build with all tests, and stops again what it started.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/lib.sh"

started=()
for part in kafka postgres livekit; do
  if ! "$HERE/$part.sh" status >/dev/null 2>&1; then started+=("$part"); fi
done
cleanup() {
  for part in "${started[@]}"; do "$HERE/$part.sh" stop >/dev/null 2>&1 || true; done
}
trap cleanup EXIT

"$HERE/infra.sh" start || exit 1
cd "$REPO_DIR" && mvn -B verify "$@"
