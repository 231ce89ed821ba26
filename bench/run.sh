#!/usr/bin/env bash
# Runs every benchmark once (each reports the median of several runs inside).
set -euo pipefail
build=${1:-build}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for b in "$build"/bench/*_bench; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b"
done
echo "== serve_bench.sh (wrk against dyad serve)"
bash "$(dirname "$0")/serve_bench.sh" "$build"
