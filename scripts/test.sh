#!/usr/bin/env bash
# `npm test` and its tiers, against the compiled package (what users install):
#   scripts/test.sh [all|fast|e2e|browser] [jest arguments...]
#   fast:    test/unit, test/simulator, test/integration, test/triggers (no real n8n, no browser)
#   e2e:     test/e2e (real n8n, every pinned version)
#   browser: test/browser (Debian's Chromium; real n8n for the editor walks)
#   all:     every test (the default; what `npm test` and CI run)
# Builds once (SKIP_BUILD=1 skips it), packs the package once for every suite that installs it into n8n,
# then prints each test file's time, what the run cost in n8n processes and package installs, and a
# plain "N passed, N failed, N skipped" line. TEST_WORKERS sets how many test files run side by side.
set -uo pipefail
tier=all
case "${1:-}" in all|fast|e2e|browser) tier="$1"; shift ;; esac
case "$tier" in
  fast) roots=(test/unit/ test/simulator/ test/integration/ test/triggers/) ;;
  e2e) roots=(test/e2e/) ;;
  browser) roots=(test/browser/) ;;
  all) roots=(test/) ;;
esac
if [ "${SKIP_BUILD:-}" != 1 ]; then npm run build --silent >/dev/null || exit 1; fi
work="$(mktemp -d "${TMPDIR:-/tmp}/clickpesa-tests-XXXXXX")"
trap 'rm -rf "$work"' EXIT
export N8N_TEST_TMP="$work" N8N_PROCESS_LOG="$work/n8n-processes.log"
: >"$N8N_PROCESS_LOG"
if [ "$tier" != fast ]; then
  tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)" || exit 1
  export N8N_PACKAGE_TARBALL="$work/$tarball"
fi
# Test paths given on the command line replace the tier's folders.
for arg in "$@"; do case "$arg" in -*) ;; *) roots=() ;; esac; done
# The n8n builds the tier runs against are installed before any test starts (once into the cache;
# minutes each on a fresh machine), so that suites running side by side do not wait for one another's
# installs inside their time limits.
if [ "$tier" != fast ] && [ ${#roots[@]} -gt 0 ]; then
  # shellcheck source=toolchain.sh
  source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
  # shellcheck disable=SC2016 # node's code, not the shell's
  for version in $(BANDS="$([ "$tier" = browser ] && echo 0 || echo 1)" node -e 'const v = require("./scripts/n8n/versions"); console.log([...new Set([...v.pinnedN8nVersions(), ...(process.env.BANDS === "1" ? v.bandN8nVersions() : [])])].join(" "))'); do
    ensure_n8n "$version" >/dev/null || exit 1
  done
fi
# Files run side by side (TEST_WORKERS, default 3): most of a test's time is spent waiting for n8n,
# the simulator's latency or a browser, so 2 cores keep 3 workers busy; e2e files start their own n8n.
jest --maxWorkers="${TEST_WORKERS:-3}" --json --outputFile="$work/summary.json" "$@" "${roots[@]}"
status=$?
[ -s "$work/summary.json" ] && node scripts/test-report.js "$work/summary.json" "$N8N_PROCESS_LOG"
exit $status
