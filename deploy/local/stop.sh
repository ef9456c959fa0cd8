#!/usr/bin/env bash
# Stops everything deploy/local/run.sh started.
set -uo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
if [ -x "$HERE/demo.sh" ]; then "$HERE/demo.sh" stop; fi
"$HERE/services.sh" stop
"$HERE/infra.sh" stop
