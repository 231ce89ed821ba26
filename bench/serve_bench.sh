#!/usr/bin/env bash
# Load benchmark of `dyad serve`: wrk on loopback against the events API.
#
#   bench/serve_bench.sh [BUILD_DIR]      (default: build)
#
# Builds BUILD_DIR/serve-bench.db once: ingests the PolNeAR training texts
# (../shared/data/polnear/train/text/*.txt) with dyad ingest, then, when the
# pipeline coded fewer than MIN_EVENTS events (default 10000), adds synthetic
# articles with the missing events through the store API
# (tests/browser/dyad_serve_fixture --synthetic-events). Then starts
# dyad serve on a free loopback port and runs wrk on a few requests; prints
# requests/s, latency percentiles and errors for each, and exits non-zero if a
# run has errors or non-2xx answers, or if one of the first three (the events
# listing, a deep page, a code filter) serves fewer than MIN_RPS (default
# 1000) requests/s. The last two (with the total count; with an actor filter
# on either side) are reported, not gated: their cost is the store's query.
# Environment: DURATION (default 20s), CONNECTIONS (8), THREADS (2),
# SERVER_THREADS (16), DYAD_SHARED_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
dyad=$build/dyad
fixture=$build/tests/browser/dyad_serve_fixture
shared=${DYAD_SHARED_DIR:-$here/../shared}
db=$build/serve-bench.db
min_events=${MIN_EVENTS:-10000}
min_rps=${MIN_RPS:-1000}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
threads=${THREADS:-2}
server_threads=${SERVER_THREADS:-16}

for t in wrk curl python3; do
  command -v "$t" >/dev/null || { echo "serve_bench: $t not found (apt-get install $t)" >&2; exit 1; }
done
[ -x "$dyad" ] || { echo "serve_bench: $dyad not built" >&2; exit 1; }

count_events() { "$dyad" query --db "$db" stats --json | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["events"])'; }

if [ ! -f "$db" ]; then
  texts="$shared/data/polnear/train/text"
  if [ -d "$texts" ]; then
    echo "== dyad ingest $(ls "$texts" | wc -l) PolNeAR training texts -> $db"
    /usr/bin/time -f "   %e s, %M KiB max RSS" "$dyad" ingest --quiet --db "$db" "$texts"
  else
    echo "== $texts absent: synthetic events only"
  fi
  coded=0
  [ -f "$db" ] && coded=$(count_events)
  echo "   events coded by the pipeline: $coded"
  if [ "$coded" -lt "$min_events" ]; then
    [ -x "$fixture" ] || { echo "serve_bench: $fixture not built (ninja dyad_serve_fixture)" >&2; exit 1; }
    echo "== adding $((min_events - coded)) synthetic events through the store API"
    "$fixture" --synthetic-events $((min_events - coded)) "$db"
  fi
fi
echo "== database: $("$dyad" query --db "$db" stats --json)"

log=$(mktemp)
"$dyad" serve --db "$db" --port 0 --threads "$server_threads" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/^dyad serve: \(http:[^ ]*\).*/\1/p' "$log" | head -1)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { cat "$log" >&2; exit 1; }
url=${url%/}
echo "== dyad serve at $url ($server_threads threads); wrk -t$threads -c$connections -d$duration, $(nproc) cores"

status=0
run() {
  local name=$1 path=$2 gate=${3:-}
  curl -sf "$url$path" >/dev/null || { echo "serve_bench: $path does not answer 200" >&2; status=1; return; }
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url$path")
  local rps p50 p99 errors non2xx
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
  errors=${errors:-0}
  non2xx=${non2xx:-0}
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   errors %s   non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "$errors" "$non2xx"
  if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then
    status=1
  fi
  if [ -n "$gate" ] && ! awk -v r="$rps" -v m="$min_rps" 'BEGIN { exit !(r >= m) }'; then
    echo "serve_bench: $name: fewer than $min_rps requests/s" >&2
    status=1
  fi
}
run "events, newest 50"              "/api/events" gate
run "events, page 20 of 100"         "/api/events?page=20&page_size=100" gate
run "events, code=19"                "/api/events?code=19" gate
run "events, newest 50 + total"      "/api/events?count=1"
run "events, actor=USA"              "/api/events?actor=USA"
exit $status
