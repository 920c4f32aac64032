#!/usr/bin/env bash
# Sets up, builds and runs every test (GoogleTest via ctest) on lavapipe with the validation layers on.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
jobs=$(nproc 2>/dev/null || echo 2)
cd "$build"
ctest --output-on-failure -j "$jobs" "$@"
