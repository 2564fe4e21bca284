#!/usr/bin/env bash
# Runs a command under Node 24 (fetched once into the cache from the npm registry when the machine's
# Node is older) with the project's dev dependencies installed. Used by the npm scripts, so that
# `npm start` and `npm test` work on a fresh clone with only Node 20 and npm.
# --start-ports (npm start): checks and picks the ports first (scripts/start-ports.js, on the machine's
# own Node), so a busy port is reported within seconds, not after minutes of installs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = "--start-ports" ]; then
  shift
  ports="$(node "$ROOT/scripts/start-ports.js")" || exit 1
  # shellcheck disable=SC2086 # "N8N_PORT=5678 SIMULATOR_PORT=4010"
  export $ports
fi
# shellcheck source=toolchain.sh
source "$ROOT/scripts/toolchain.sh"
use_node24
ensure_project_deps "$ROOT"
export PATH="$ROOT/node_modules/.bin:$PATH"
cd "$ROOT"
exec "$@"
