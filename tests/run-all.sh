#!/usr/bin/env bash
# `npm test`: every check and every test, then one closing line `N passed, N failed[, N skipped]` summed over
# the static checks (lint, typecheck, build), vitest and Playwright, read from their JSON reports; the failed
# ones are named above it (tests/summarize.mjs).
set -uo pipefail
cd "$(dirname "$0")/.."

# Without the programs the tests start, hundreds of them would fail for one reason: say it once, then stop.
echo "▶ preflight"
if ! node tests/preflight.mjs; then
  echo "0 passed, 1 failed"
  exit 1
fi

reports=.cache/test-reports
rm -rf "$reports" && mkdir -p "$reports"

check() { # name, command… — a static check counts as one test
  local name=$1; shift
  echo "▶ $name"
  if "$@"; then echo "pass" > "$reports/check-$name"; else echo "fail" > "$reports/check-$name"; fi
}

check lint npx eslint .
check typecheck npm run --silent typecheck
check build npm run --silent build

echo "▶ unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

if [ -f out/main/web-shell.js ]; then
  echo "▶ browser tests (Playwright, web shell in Chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright-web-shell.json" npx playwright test --project=web-shell --reporter=list,json
  echo "▶ desktop tests (Playwright, Electron)"
  # Headless Chromium needs no display, Electron does: where its binary exists and there is none, Xvfb gives one.
  electron=(npx playwright test --project=electron --reporter=list,json)
  if [ -z "${DISPLAY:-}" ] && node --input-type=module -e \
    "const { findElectronBinary } = await import('./scripts/electron-binary.mjs'); process.exit('path' in findElectronBinary() ? 0 : 1)"; then
    electron=(xvfb-run --auto-servernum "${electron[@]}")
  fi
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright-electron.json" "${electron[@]}"
else
  echo "Playwright übersprungen: der Build ist fehlgeschlagen (out/main/web-shell.js fehlt)."
fi

node tests/summarize.mjs "$reports"
