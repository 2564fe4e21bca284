#!/usr/bin/env bash
# `npm test`: the tests run against the compiled package (what users install), so build first.
set -euo pipefail
npm run build --silent >/dev/null
exec jest --runInBand "$@"
