#!/usr/bin/env bash
# Runs a command under Node 24 (fetched once into the cache from the npm registry when the machine's
# Node is older) with the project's dev dependencies installed. Used by the npm scripts, so that
# `npm start` and `npm test` work on a fresh clone with only Node 20 and npm.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=toolchain.sh
source "$ROOT/scripts/toolchain.sh"
use_node24
ensure_project_deps "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"
cd "$ROOT"
exec "$@"
