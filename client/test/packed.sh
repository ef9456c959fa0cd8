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
echo "# packed $TARBALL: $(tar -tzf "$WORK/$TARBALL" | sort | tr '\n' ' ')"
for file in package/package.json package/rendezvous-client.js package/rendezvous-client.d.ts package/README.md; do
  tar -tzf "$WORK/$TARBALL" | grep -qx "$file" || { echo "not ok - the package lacks $file"; exit 1; }
done

mkdir "$WORK/app"
cp "$HERE"/test/consumer/* "$WORK/app/"
cd "$WORK/app"
printf '{"name":"consumer","private":true,"type":"module"}\n' >package.json
npm install --no-audit --no-fund --loglevel=error "$WORK/$TARBALL" "typescript@$(node -p "require('$HERE/package.json').devDependencies.typescript")" >/dev/null
npx tsc -p tsconfig.json
echo "# the consumer type-checks against the published types"
node --test module.test.mjs
