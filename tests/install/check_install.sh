#!/usr/bin/env bash
# `cmake --install` into a fresh prefix, then an outside project (tests/install/consumer) configured with
# find_package(specdither) against that prefix alone, built and run; its in-process mask must be the same
# bytes as `specdither generate` (the installed program) writes for the same settings.
#   check_install.sh BUILD_DIR WORKDIR
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" >/dev/null
for f in include/specdither/generate.h include/specdither/filter/filter_kernel.h \
         lib/cmake/specdither/specditherConfig.cmake bin/specdither; do
  [ -e "$work/prefix/$f" ] || { echo "not installed: $f" >&2; exit 1; }
done
# Every installed header stands alone: it compiles by itself against the installed tree (no private header, no
# source-tree include path behind it).
for h in $(cd "$work/prefix/include" && find specdither -name '*.h' ! -name '*_shared.h' ! -name gpu_types.h); do
  echo "#include <$h>" | c++ -std=c++17 -fsyntax-only -x c++ -I"$work/prefix/include" - ||
    { echo "installed header $h does not compile on its own" >&2; exit 1; }
done
# SPECDITHER_CONSUMER_FLAGS: compile and link flags the consumer needs to use this build (the sanitizers').
flags=${SPECDITHER_CONSUMER_FLAGS:-}
cmake -S "$here/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" \
      >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; exit 1; }
cmake --build "$work/consumer" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
"$work/consumer/consumer" "$work/in_process.png"
"$work/prefix/bin/specdither" generate --size 16 --out "$work/cli.png" >/dev/null 2>&1
cmp "$work/in_process.png" "$work/cli.png"
echo "1 passed, 0 failed: installed tree, find_package(specdither), in-process mask == CLI mask"
