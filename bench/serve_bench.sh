#!/usr/bin/env bash
# Load benchmark of `dyad serve`: wrk on loopback against the API.
#
#   bench/serve_bench.sh [BUILD_DIR]      (default: build)
#
# Builds BUILD_DIR/serve-bench.db once: ingests the PolNeAR training texts
# (../shared/data/polnear/train/text/*.txt) with dyad ingest, then, when the
# pipeline coded fewer than MIN_EVENTS events (default 10000), adds synthetic
# articles with the missing events through the store API
# (tests/browser/dyad_serve_fixture --synthetic-events). An existing database
# of an older schema is migrated first (dyad ingest over an empty folder).
# Then starts dyad serve on a free loopback port and runs wrk REPEAT times on
# each request; prints the median requests/s (and the p50 / p99 latency of
# that run) and the errors, and exits non-zero if a run has errors or non-2xx
# answers, or if one of the events requests (listing, deep page, code filter,
# actor filter, with the total) has a median below MIN_RPS (default 1000)
# requests/s. The other endpoints are reported, not gated. With each median
# run: the server's CPU time per request (from /proc/PID/stat).
# Environment: DURATION (default 10s), REPEAT (3), CONNECTIONS (8),
# THREADS (2), SERVER_THREADS (16), ONLY (a regular expression: run only the
# requests whose name matches), DYAD_SHARED_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
dyad=$build/dyad
fixture=$build/tests/browser/dyad_serve_fixture
shared=${DYAD_SHARED_DIR:-$here/../shared}
db=$build/serve-bench.db
min_events=${MIN_EVENTS:-10000}
min_rps=${MIN_RPS:-1000}
duration=${DURATION:-10s}
repeat=${REPEAT:-3}
only=${ONLY:-}
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
# A database of an older schema: migrated by opening it once for writing.
empty=$(mktemp -d)
"$dyad" ingest --quiet --db "$db" "$empty" >/dev/null
rmdir "$empty"
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

# The server's CPU time (user + system, clock ticks) from /proc: divided by
# the requests of a run, the CPU one answer costs, which depends much less
# than requests/s on what else the machine runs.
clk_tck=$(getconf CLK_TCK)
server_cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

status=0
run() {
  local name=$1 path=$2 gate=${3:-}
  if [ -n "$only" ] && ! grep -Eq -- "$only" <<<"$name"; then return; fi
  curl -sf "$url$path" >/dev/null || { echo "serve_bench: $path does not answer 200" >&2; status=1; return; }
  local results=() out rps p50 p99 errors non2xx cpu0 cpu1 requests cpu
  for _ in $(seq 1 "$repeat"); do
    cpu0=$(server_cpu)
    out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url$path")
    cpu1=$(server_cpu)
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" -v t="$clk_tck" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) / t / n * 1e6 : 0) }')
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5}' <<<"$out")
    errors=${errors:-0}
    non2xx=${non2xx:-0}
    if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then
      echo "serve_bench: $name: $errors socket errors, $non2xx non-2xx answers" >&2
      status=1
    fi
    results+=("$rps $p50 $p99 $cpu")
  done
  # The median run by requests/s (the middle one of REPEAT).
  local median runs
  runs=$(printf '%s\n' "${results[@]}" | sort -n -k1,1 | awk '{printf "%s%s", sep, $1; sep="/"}')
  median=$(printf '%s\n' "${results[@]}" | sort -n -k1,1 | awk -v n="${#results[@]}" 'NR == int((n + 1) / 2)')
  read -r rps p50 p99 cpu <<<"$median"
  printf '%-30s %9s req/s   p50 %8s   p99 %8s   server CPU %5s us/req   (runs: %s)\n' \
    "$name" "$rps" "$p50" "$p99" "$cpu" "$runs"
  if [ -n "$gate" ] && ! awk -v r="$rps" -v m="$min_rps" 'BEGIN { exit !(r >= m) }'; then
    echo "serve_bench: $name: fewer than $min_rps requests/s" >&2
    status=1
  fi
}
echo "   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
article=$(curl -sf "$url/api/articles?page_size=1" | python3 -c 'import json,sys; r=json.load(sys.stdin)["rows"]; print(r[0]["id"] if r else "")')
run "events, newest 50"          "/api/events" gate
run "events, page 20 of 100"     "/api/events?page=20&page_size=100" gate
run "events, code=19"            "/api/events?code=19" gate
run "events, actor=USA"          "/api/events?actor=USA" gate
run "events, newest 50 + total"  "/api/events?count=1" gate
run "events, actor=USA + total"  "/api/events?actor=USA&count=1" gate
run "quotes + total"             "/api/quotes?count=1"
run "articles + total"           "/api/articles?count=1"
run "actors"                     "/api/actors"
run "timeline"                   "/api/timeline"
run "network"                    "/api/network"
run "issues"                     "/api/issues"
run "stats"                      "/api/stats"
[ -n "$article" ] && run "article view" "/api/article?id=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$article")"
echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
