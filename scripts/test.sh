#!/usr/bin/env bash
# Sets up, builds and runs every test (GoogleTest via ctest) on lavapipe with the validation layers on; then
# builds everything again with AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/, or $ASAN_BUILD_DIR)
# and runs the whole suite there too. SPECDITHER_SKIP_SANITIZERS=1 skips that second pass (CI always runs it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build=${BUILD_DIR:-$root/build}
jobs=$(nproc 2>/dev/null || echo 2)
(cd "$build" && ctest --output-on-failure -j "$jobs" "$@")

if [ "${SPECDITHER_SKIP_SANITIZERS:-0}" = 1 ]; then
  echo "test: sanitizer pass skipped (SPECDITHER_SKIP_SANITIZERS=1)" >&2
  exit 0
fi
asan=${ASAN_BUILD_DIR:-$root/build-asan}
start=$(date +%s)
# -O1 -g1: half the compile time of -O2 -g (VkFFT's translation unit dominates), the suite still runs in about a
# minute, and line tables are all a report needs.
flags="-O1 -g1 -DNDEBUG"
cmake -S "$root" -B "$asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSPECDITHER_SANITIZE=ON \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$flags" -DCMAKE_C_FLAGS_RELWITHDEBINFO="$flags" >/dev/null
cmake --build "$asan" -j "$jobs"
# Libraries stay loaded (tests/sanitizers/keep_libraries_loaded.c says why); it is preloaded ahead of the ASan
# runtime, hence verify_asan_link_order=0 (it allocates nothing and intercepts nothing ASan does).
cc -shared -fPIC -O2 -o "$asan/keep_libraries_loaded.so" "$root/tests/sanitizers/keep_libraries_loaded.c"
built=$(date +%s)

# Every report stops its process with exit code 86. AddressSanitizer and LeakSanitizer write theirs to a log file
# per process, checked below, since the CLI and the studio run as subprocesses of the tests, which read their
# stderr. UndefinedBehaviorSanitizer (GCC, next to ASan) writes to stderr whatever log_path says: the tests'
# runShell (tests/support) fails the test on it. The suppressions name third-party code only.
logs="$asan/sanitizer-logs"
rm -rf "$logs"
mkdir -p "$logs"
supp="$root/tests/sanitizers"
export LANG=C.UTF-8 LC_ALL=C.UTF-8  # a desktop's UTF-8 locale: VkFFT's locale handling once failed only there
asan_options=(log_path="$logs/asan" exitcode=86 detect_leaks=1 verify_asan_link_order=0 strict_string_checks=1
              check_initialization_order=1 detect_stack_use_after_return=1)
ubsan_options=(exitcode=86 print_stacktrace=1 halt_on_error=1 suppressions="$supp/ubsan.supp")
status=0
(cd "$asan" &&
  LD_PRELOAD="$asan/keep_libraries_loaded.so" ASAN_OPTIONS=$(IFS=:; echo "${asan_options[*]}") \
  LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0" UBSAN_OPTIONS=$(IFS=:; echo "${ubsan_options[*]}") \
  ctest --output-on-failure -j "$jobs" "$@") || status=$?
# A report in a subprocess whose exit code a test does not look at still fails the run.
reports=$(grep -l -E "ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:" "$logs"/* 2>/dev/null || true)
if [ -n "$reports" ]; then
  for f in $reports; do
    echo "=== $f" >&2
    cat "$f" >&2
  done
  echo "test: sanitizer reports above" >&2
  status=1
fi
echo "test: sanitizer pass: build $((built - start)) s, suite $(($(date +%s) - built)) s" >&2
exit "$status"
