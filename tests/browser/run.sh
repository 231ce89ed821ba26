#!/usr/bin/env bash
# End-to-end test of the dashboard: ingest the sample articles, build a store
# from hand-written documents, start `dyad serve` on free loopback ports, and
# drive headless Chromium through every view (dashboard.test.mjs).
#
#   run.sh DYAD SOURCE_DIR FIXTURE_TOOL WORK_DIR
#
# Installs playwright-core from package-lock.json into WORK_DIR/node (npm ci,
# skipped when that lock is already installed). Exit 77: Node.js, npm or
# Chromium is missing (the message says which).
set -euo pipefail

dyad=$1
src=$2
fixture_tool=$3
work=$4
here="$src/tests/browser"
chromium=${DYAD_CHROMIUM:-/usr/bin/chromium}

for tool in node npm; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool not found (scripts/install-deps.sh installs it)" >&2
    exit 77
  fi
done
if [ ! -x "$chromium" ]; then
  echo "SKIP: $chromium not found (Debian package chromium; or set DYAD_CHROMIUM)" >&2
  exit 77
fi

mkdir -p "$work/node" "$work/screenshots"
work=$(cd "$work" && pwd)
# Offline-safe: npm ci runs only when the installed lock differs from ours.
if ! cmp -s "$here/package-lock.json" "$work/node/package-lock.json" ||
   [ ! -d "$work/node/node_modules/playwright-core" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$work/node/"
  (cd "$work/node" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

rm -f "$work/examples.db" "$work/examples.db-wal" "$work/examples.db-shm"
"$dyad" ingest --quiet --db "$work/examples.db" "$src/examples/"
"$fixture_tool" "$work/fixture.db" >/dev/null

# Starts dyad serve on a free port (--port 0); sets $url to its base URL and
# remembers its pid for the cleanup.
start_server() {
  local db=$1 log=$2
  "$dyad" serve --db "$db" --port 0 --threads 8 >"$log" 2>&1 &
  pids+=($!)
  url=
  for _ in $(seq 1 100); do
    url=$(sed -n 's/^dyad serve: \(http:[^ ]*\)\/ .*/\1/p' "$log" | head -1)
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "dyad serve did not start:" >&2
  cat "$log" >&2
  return 1
}

start_server "$work/examples.db" "$work/serve-examples.log"
examples_url=$url
start_server "$work/fixture.db" "$work/serve-fixture.log"
fixture_url=$url

echo "examples: $examples_url  fixture: $fixture_url"
export DYAD_EXAMPLES_URL=$examples_url DYAD_FIXTURE_URL=$fixture_url
export DYAD_SCREENSHOTS="$work/screenshots" DYAD_NODE_MODULES="$work/node/node_modules"
export DYAD_CHROMIUM=$chromium
node --test "$here/text.test.mjs" "$here/dashboard.test.mjs"
echo "screenshots: $work/screenshots"
