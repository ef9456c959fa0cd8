#!/usr/bin/env bash
# Packs the module as npm would publish it, installs the tarball into an empty project with
# TypeScript, type-checks a consumer against the published .d.ts and runs the module's tests there:
# what an integrator gets from `npm install @rendezvous/client`, not the working copy.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$HERE"
TARBALL="$(npm pack --pack-destination "$WORK" --silent | tail -n1)"
# Listed once: `tar | grep -q` under pipefail fails whenever grep stops reading before tar is done (SIGPIPE).
LISTING="$(tar -tzf "$WORK/$TARBALL" | sort)"
echo "# packed $TARBALL: $(tr '\n' ' ' <<<"$LISTING")"
for file in package/package.json package/rendezvous-client.js package/rendezvous-client.d.ts package/README.md; do
  grep -qx "$file" <<<"$LISTING" || { echo "not ok - the package lacks $file"; exit 1; }
done

mkdir "$WORK/app"
cp "$HERE"/test/consumer/* "$WORK/app/"
cd "$WORK/app"
printf '{"name":"consumer","private":true,"type":"module"}\n' >package.json
npm install --no-audit --no-fund --loglevel=error "$WORK/$TARBALL" "typescript@$(node -p "require('$HERE/package.json').devDependencies.typescript")" >/dev/null
npx tsc -p tsconfig.json
echo "# the consumer type-checks against the published types"
node --test module.test.mjs
