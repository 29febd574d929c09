#!/usr/bin/env bash
# Prints Invoke Lab's performance and size figures, each with its unit. Figures only:
# nothing here passes or fails on a number (machines are shared and noisy; compare the
# ratios printed in one run).
#   scripts/bench.sh [--frames N]
#   1. CPU time of one ImGui frame of the canvas views with 10 000 and 100 requests
#      (native, no GPU: bench/timeline_bench)
#   2. the gzipped size of each file the page downloads (build/site, from scripts/play.sh
#      or scripts/test.sh)
#   3. the Python handlers: first-load bytes, open editor -> ready, Deploy -> first attempt
#      (bench/python-editor.mjs in headless Chromium)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
frames=300
[ "${1:-}" = "--frames" ] && frames=${2:-300}

echo "== canvas frame CPU time (bench/timeline_bench, $frames frames per case)"
cmake --preset native >/dev/null
cmake --build --preset native --target timeline_bench >/dev/null
build/native/bench/timeline_bench --frames "$frames"

echo
echo "== download size (gzip -9) of build/site"
if [ -d build/site ]; then
  total=0
  while IFS= read -r f; do
    raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c); total=$((total + gz))
    printf '%-40s %9d bytes raw %9d bytes gzip\n' "${f#build/site/}" "$raw" "$gz"
  done < <(find build/site -type f | sort)
  printf '%-40s %9s           %9d bytes gzip\n' "total" "" "$total"
else
  echo "build/site is missing: run scripts/test.sh (or scripts/play.sh) first"
fi

echo
echo "== Python handlers in the page (bench/python-editor.mjs, headless Chromium)"
if [ -f build/site/index.html ] && [ -x /usr/bin/chromium ]; then
  node bench/python-editor.mjs 3 || echo "bench/python-editor.mjs failed (figures only; see above)"
else
  echo "build/site or chromium is missing: run scripts/test.sh (or scripts/play.sh) first"
fi
