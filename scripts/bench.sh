#!/usr/bin/env bash
# Prints Invoke Lab's performance and size figures, each with its unit. Figures only:
# nothing here passes or fails on a number (machines are shared and noisy; compare the
# ratios printed in one run).
#   scripts/bench.sh [--frames N] [--runs N]
#   0. the simulation core against a bare binary heap, natively and as WASM under Node, around
#      the page's core (-O2) and a core built at -O3 (bench/core_bench: Scheduler,
#      10 000 failing async + DLQ, allocations per invocation, streamed, 10^6 with peak memory)
#   1. CPU time of one ImGui frame of the canvas views with 10 000 and 100 requests
#      (native, no GPU: bench/timeline_bench)
#   1b. the flow view's frame CPU time and time travel (bench/flow_bench), natively and
#       under WASM/Node
#   2. the size of each file of build/site as served (the .br / .gz that assemble-site.sh
#      writes beside it; from scripts/play.sh or scripts/test.sh)
#   3. the page's first frame in headless Chromium, phase by phase, and the bytes received
#      before it, next to the floor of an empty page and a bare WebGL2 page in the same browser
#      (bench/first-frame.mjs, N cold loads, default 9)
#   3b. time travel in the page: seeks in a 10 000-request history (bench/seek-page.mjs)
#   4. the Python handlers: first-load bytes, open editor -> ready, Deploy -> first attempt
#      (bench/python-editor.mjs in headless Chromium)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
frames=300 runs=9
while [ $# -gt 0 ]; do
  case "$1" in
    --frames) frames=${2:-300}; shift 2 ;;
    --runs) runs=${2:-9}; shift 2 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

echo "== simulation core against a bare binary heap (bench/core_bench, native)"
cmake --preset native >/dev/null
cmake --build --preset native --target core_bench >/dev/null
native_out=$(build/native/bench/core_bench)
echo "$native_out"

echo
echo "== the same, with glibc's malloc on transparent huge pages (GLIBC_TUNABLES=glibc.malloc.hugetlb=1):"
echo "   (c)'s memory first touched per invocation and what a first touch costs are in its 'first touch' lines"
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 build/native/bench/core_bench --big 0

echo
echo "== the same core_bench as WebAssembly under Node, around the page's core (-O2, its scheduler"
echo "   at -O3: see the top CMakeLists.txt)"
if [ -f /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake ]; then
  cmake --preset wasm >/dev/null
  NODE_PATH=/usr/share/nodejs cmake --build --preset wasm --target core_bench core_bench_speed >/dev/null
  wasm_out=$(NODE_PATH=/usr/share/nodejs node build/wasm/bench/core_bench.js)
  echo "$wasm_out"
  echo
  echo "== WebAssembly (the page's core) / native, case by case, from the two runs above"
  # Each case line ends in "<rate> <ratio to heap>[ <us> us/invocation]"; the rates are paired
  # by the case's label, which both builds print alike.
  printf '%-62s %12s %12s %7s\n' case "native /s" "wasm /s" ratio
  rates() { awk 'match($0, / +[0-9]+ +[0-9]+\.[0-9]+( +[0-9.]+ us\/invocation)?$/) {
                   label = substr($0, 1, RSTART - 1); sub(/^ +/, "", label); split(substr($0, RSTART), f, " "); print label "\t" f[1] }'; }
  LC_ALL=C join -t $'\t' <(echo "$native_out" | rates | LC_ALL=C sort) <(echo "$wasm_out" | rates | LC_ALL=C sort) |
    awk -F'\t' '{ printf "%-62s %12s %12s %7.2f\n", $1, $2, $3, ($2 > 0 ? $3 / $2 : 0) }' | sort
  echo
  echo "== again around the core built at -O3 throughout"
  NODE_PATH=/usr/share/nodejs node build/wasm/bench/core_bench_speed.js
else
  echo "emscripten is missing: run scripts/setup.sh"
fi

echo
echo "== canvas frame CPU time (bench/timeline_bench, $frames frames per case)"
cmake --preset native >/dev/null
cmake --build --preset native --target timeline_bench >/dev/null
build/native/bench/timeline_bench --frames "$frames"

echo
echo "== flow view frame CPU time, time travel seek times and checkpoint memory (bench/flow_bench)"
cmake --build --preset native --target flow_bench >/dev/null
build/native/bench/flow_bench --frames "$frames"
echo
echo "== the same under WASM/Node (the page's build; build/wasm/bench/flow_bench.js)"
if [ -f build/wasm/CMakeCache.txt ]; then
  NODE_PATH=/usr/share/nodejs cmake --build --preset wasm --target flow_bench >/dev/null
  node build/wasm/bench/flow_bench.js --frames "$frames"
else
  echo "build/wasm is not configured: cmake --preset wasm (scripts/test.sh does it)"
fi

echo
echo "== download size of build/site as served (brotli / gzip variants written by assemble-site.sh)"
if [ -d build/site ]; then
  total=0 totalbr=0
  while IFS= read -r f; do
    raw=$(stat -c %s "$f")
    br=$raw; [ -f "$f.br" ] && br=$(stat -c %s "$f.br")
    gz=$raw; [ -f "$f.gz" ] && gz=$(stat -c %s "$f.gz")
    total=$((total + raw)); totalbr=$((totalbr + br))
    printf '%-40s %9d bytes raw %9d br %9d gzip\n' "${f#build/site/}" "$raw" "$br" "$gz"
  done < <(find build/site -type f ! -name '*.br' ! -name '*.gz' | sort)
  printf '%-40s %9d bytes raw %9d br (every file; the first frame needs far fewer, see below)\n' "total" "$total" "$totalbr"
  echo
  echo "== first frame (bench/first-frame.mjs, $runs cold loads)"
  node bench/first-frame.mjs --runs "$runs"
else
  echo "build/site is missing: run scripts/test.sh (or scripts/play.sh) first"
fi

echo
echo "== time travel in the page: seeks in a 10 000-request history (bench/seek-page.mjs, headless Chromium)"
if [ -f build/site/index.html ] && [ -x /usr/bin/chromium ]; then
  node bench/seek-page.mjs || echo "bench/seek-page.mjs failed (figures only; see above)"
else
  echo "build/site or chromium is missing: run scripts/test.sh (or scripts/play.sh) first"
fi

echo
echo "== Python handlers in the page (bench/python-editor.mjs, headless Chromium)"
if [ -f build/site/index.html ] && [ -x /usr/bin/chromium ]; then
  node bench/python-editor.mjs 3 || echo "bench/python-editor.mjs failed (figures only; see above)"
else
  echo "build/site or chromium is missing: run scripts/test.sh (or scripts/play.sh) first"
fi
