#!/usr/bin/env bash
# Byte-identity of every 2D output: runs the CLI on small settings (each preset, each baseline, the filter
# study, analyze/compare reports, every export format) and compares the SHA-256 of each file written with
# tests/golden/outputs.sha256, recorded before the project was restructured (issue 12). A refactor that changes
# a single byte of a mask, a report or an export fails here.
# The analysis JSON files print doubles in full; their last digits come from FFTW, whose codelets depend on the
# CPU's SIMD (the checksums were taken on an AVX machine; one without AVX prints other last digits there, and
# every mask, image and report.md is still the same). Issue 12's switch to FFTW moved only such digits (at most
# 3e-13 relative, and figures at the double-precision floor such as a checkerboard's -325 dB).
#   golden_outputs.sh CLI WORKDIR          check
#   golden_outputs.sh CLI WORKDIR --record rewrite outputs.sha256 (only for a deliberate change of outputs)
set -euo pipefail
cli=$1
work=$2
mode=${3:-check}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
cd "$work"
# The reports dither a photo: the generated test chart, whatever images the machine has.
export SPECDITHER_IMAGE_DIR=$work/no-images
mkdir -p "$SPECDITHER_IMAGE_DIR"
run() { "$cli" "$@" >/dev/null 2>stderr.log || { cat stderr.log >&2; echo "failed: $*" >&2; exit 1; }; }

run generate --size 16 --out hvs_16.png
run generate --width 40 --height 24 --out hvs_40x24.png
run generate --size 16 --out hvs_16.npy
run generate --preset wronski2020 --size 16 --steps 2000 --out w_16.png
run generate --preset wronski2020 --width 20 --height 12 --steps 500 --out w_20x12.npy
run generate --preset wronski2020 --size 16 --steps 300 --optimizer adam --lr 0.01 --histogram triangular --out w_adam.npy
for m in vac bayer white lottes; do
  run generate --size 16 --method "$m" --out "${m}_16.png"
  # Bayer needs power-of-two sides.
  if [ "$m" = bayer ]; then run generate --width 32 --height 8 --method "$m" --out "${m}_32x8.npy"
  else run generate --width 40 --height 24 --method "$m" --out "${m}_40x24.npy"; fi
done
run generate --size 32 --method vac --sigma 1.5 --out vac_32_s15.png
for ext in ktx2 h glsl npy png; do run export hvs_16.png "hvs_16_export.$ext"; done
run export hvs_40x24.png hvs_40x24_export.ktx2
# The reports' photo: a picture the CLI makes itself (a 256x256 Bayer matrix), so that the checksums do not depend
# on whether the shared Kodak images are beside the checkout.
run generate --size 256 --method bayer --out photo.png
run analyze hvs_16.png --report report_hvs_16 --photo photo.png
"$cli" analyze hvs_40x24.png --json > analyze_hvs_40x24.json 2>/dev/null
run compare hvs_16.png vac_16.png w_16.png --report compare_16 --photo photo.png
"$cli" compare hvs_16.png vac_16.png bayer_16.png --json > compare_16.json 2>/dev/null
run filter --diameter 12 --rank 2 --steps 200 --out filter_12.json --sheet filter_12.png --header filter_12.h
run filter --diameter 9 --rank 1 --steps 50 --sweep --out filter_sweep.json
rm -rf stderr.log no-images photo.png
# Timings are not outputs: drop them from the JSON files before hashing.
for j in filter_12.json filter_sweep.json; do
  sed -E -i 's/"([a-z_]*seconds|[a-z_]*per_second)": *[-0-9.e+]+/"\1": 0/g' "$j"
done
if [ "$mode" = "--record" ]; then
  find . -type f | LC_ALL=C sort | xargs sha256sum > "$here/outputs.sha256"
  echo "recorded $(wc -l < "$here/outputs.sha256") files"
else
  diff -u <(sed 's/^[0-9a-f]*  //' "$here/outputs.sha256") <(find . -type f | LC_ALL=C sort) ||
    { echo "the set of output files changed" >&2; exit 1; }
  sha256sum --quiet -c "$here/outputs.sha256"
  echo "1 passed, 0 failed: $(wc -l < "$here/outputs.sha256") outputs byte-identical"
fi
