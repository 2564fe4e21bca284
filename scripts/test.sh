#!/usr/bin/env bash
# `npm test`: the tests run against the compiled package (what users install), so build first.
# Ends with a plain "N passed, N failed, N skipped" line.
set -uo pipefail
npm run build --silent >/dev/null || exit 1
summary="$(mktemp)"
jest --runInBand --json --outputFile="$summary" "$@"
status=$?
[ -s "$summary" ] && node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' "$summary" 2>/dev/null
rm -f "$summary"
exit $status
