#!/usr/bin/env bash
# Sets up, builds and runs the main job: the studio where a display exists, otherwise the headless generator
# on its default settings. Extra arguments go to the program.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$build/bin/specdither-studio" ]; then
  exec "$build/bin/specdither-studio" "$@"
fi
out=${SPECDITHER_OUT:-$root/out}
mkdir -p "$out"
exec "$build/bin/specdither" generate --size 64 --out "$out/mask_64x64.png" "$@"
