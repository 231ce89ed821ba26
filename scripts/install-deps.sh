#!/usr/bin/env bash
# Installs the Debian packages dyad needs to build and test. Idempotent: when
# everything is present it prints nothing and touches nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libgtest-dev libgmock-dev libbenchmark-dev
  libgumbo-dev nlohmann-json3-dev libutf8proc-dev zlib1g-dev
  clang libclang-rt-14-dev
  libsqlite3-dev libcpp-httplib-dev   # store, serve
  chromium npm                        # dashboard browser tests
  wrk                                 # serve benchmark
)

missing=()
for p in "${packages[@]}"; do
  # A Node.js from outside Debian bundles its own npm (and conflicts with
  # Debian's): use it when it is there.
  [ "$p" = npm ] && command -v npm >/dev/null && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "dyad: installing Debian packages: ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
