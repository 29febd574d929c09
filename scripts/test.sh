#!/usr/bin/env bash
# Runs every test of Invoke Lab, from a fresh clone on Debian 12:
#   1. setup (only when something is missing)       scripts/setup.sh
#   2. the layer check (scripts/check-layers.sh: no core/ folder includes a higher one) and its
#      self-test (a planted upward include must be caught)
#   3. native build with -Wall -Wextra -Werror + the GoogleTest suites (ctest)
#   4. WASM build (the browser app) + the same core suites compiled to WASM, run under Node
#   4b. the core suites again, built with clang under AddressSanitizer + UndefinedBehaviorSanitizer
#      (preset asan: any report fails), and each libFuzzer harness (fuzz/) for a bounded time
#      (scripts/fuzz.sh --ci: INVOKELAB_FUZZ_SECONDS each, 40 by default; any finding fails)
#   5. the page assembled (build/site)
#   6. the docs site build (VitePress), with the page copied in as its playground
#   6b. Node tests of the page's Python runtime (tests/node)
#   7. browser end-to-end tests in headless Chromium: the page, and the built docs' embeds
# Exits non-zero on any failure; the last line is "N passed, N failed" over every test run.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export NODE_PATH=/usr/share/nodejs
start=$(date +%s)
passed=0
failed=0
failures=()

step() { printf '\n=== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
fail_step() { failed=$((failed + 1)); failures+=("$1"); echo "FAILED: $1"; }

# Adds a runner's own summary line "LABEL: N passed, M failed" (in $2, its output) to the
# totals; $3 is its exit code, $4 what its failures are called.
tally() {
  local label=$1 out=$2 rc=$3 what=$4 line p f
  line=$(printf '%s\n' "$out" | grep -E "^$label: [0-9]+ passed, [0-9]+ failed" | tail -n1)
  if [ -z "$line" ]; then fail_step "$label printed no summary (exit $rc)"; return; fi
  p=$(echo "$line" | sed -E "s/^$label: ([0-9]+) passed, ([0-9]+) failed.*/\1/")
  f=$(echo "$line" | sed -E "s/^$label: ([0-9]+) passed, ([0-9]+) failed.*/\2/")
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("$label: $f $what")
  [ "$rc" -eq 0 ] || [ "$f" -ne 0 ] || fail_step "$label runner exited $rc"
}

# Counts GoogleTest results from the XML files the suites wrote (tests= / failures= / errors=).
# A suite that crashed writes no XML: every suite ctest knows must have one, or it counts as
# a failure.
count_gtest_xml() {
  local dir=$1 label=$2 preset=$3 t f e suite
  for suite in $(ctest --preset "$preset" -N 2>/dev/null | sed -nE 's/^ *Test +#[0-9]+: +([A-Za-z0-9_]+).*/\1/p'); do
    [ -f "$dir/$suite.xml" ] || fail_step "$label $suite: crashed or did not run (no $dir/$suite.xml)"
  done
  shopt -s nullglob
  local files=("$dir"/*.xml)
  shopt -u nullglob
  if [ ${#files[@]} -eq 0 ]; then fail_step "$label: no test results in $dir"; return; fi
  for x in "${files[@]}"; do
    t=$(grep -m1 -o '<testsuites[^>]*' "$x" | grep -o ' tests="[0-9]*"' | grep -o '[0-9]*')
    f=$(grep -m1 -o '<testsuites[^>]*' "$x" | grep -o ' failures="[0-9]*"' | grep -o '[0-9]*')
    e=$(grep -m1 -o '<testsuites[^>]*' "$x" | grep -o ' errors="[0-9]*"' | grep -o '[0-9]*')
    t=${t:-0}; f=${f:-0}; e=${e:-0}
    passed=$((passed + t - f - e))
    failed=$((failed + f + e))
    [ $((f + e)) -eq 0 ] || failures+=("$label: $(basename "$x" .xml) had $((f + e)) failing tests")
    echo "$label $(basename "$x" .xml): $((t - f - e)) passed, $((f + e)) failed"
  done
}

needs_setup() {
  command -v emcc >/dev/null || return 0
  command -v cmake >/dev/null || return 0
  [ -f /usr/include/nlohmann/json.hpp ] || return 0
  [ -f /usr/src/googletest/CMakeLists.txt ] || return 0
  [ -x /usr/bin/chromium ] || return 0
  [ -f /usr/share/fonts/truetype/nanum/NanumGothic.ttf ] || return 0
  command -v pyftsubset >/dev/null || return 0
  command -v clang++-14 >/dev/null || return 0
  compgen -G "/usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null || return 0
  command -v llvm-symbolizer-14 >/dev/null || return 0
  [ -f .deps/imgui/imgui.cpp ] || return 0
  [ -f node_modules/.package-lock.json ] || return 0
  [ package-lock.json -nt node_modules/.package-lock.json ] && return 0
  return 1
}

step "setup"
if needs_setup; then
  bash scripts/setup.sh || { fail_step "setup"; echo "$passed passed, $failed failed"; exit 1; }
else
  echo "everything present"
fi

step "layer check (core/: util -> sim -> aws -> services -> lambda -> world -> learn -> shell)"
if scripts/check-layers.sh; then passed=$((passed + 1)); else fail_step "layer check: an upward include (listed above)"; fi
if scripts/check-layers.sh --self-test; then passed=$((passed + 1)); else fail_step "layer check self-test"; fi

# Builds one CMake preset and runs its GoogleTest suites through ctest; results are
# counted from the XML files (a crashed suite has none and counts as failed).
build_and_test() {
  local preset=$1 what=$2
  step "$preset build ($what)"
  rm -rf "build/$preset/test-results"
  if cmake --preset "$preset" >/dev/null && cmake --build --preset "$preset"; then
    step "$preset tests (ctest)"
    ctest --preset "$preset" || true
    count_gtest_xml "build/$preset/test-results" "$preset" "$preset"
  else
    fail_step "$preset build"
  fi
}
build_and_test native "-Wall -Wextra -Werror"
build_and_test wasm "browser app + the same core suites, run under Node"

# The same core suites under ASan + UBSan (clang; the build also makes the fuzzers), then each
# fuzzer for a bounded time from the seed corpus. One count per fuzzer.
export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
build_and_test asan "clang, -fsanitize=address,undefined -fno-sanitize-recover=all; core suites and fuzzers"
step "fuzzers, ${INVOKELAB_FUZZ_SECONDS:-40}s each (ASan + UBSan; scripts/fuzz.sh --ci)"
if [ -x build/asan/fuzz/shell_fuzzer ]; then
  n=$(ls fuzz/corpus | wc -l)
  out=$(scripts/fuzz.sh --ci --seconds $(( ${INVOKELAB_FUZZ_SECONDS:-40} * n )) 2>&1); rc=$?
  printf '%s\n' "$out"
  tally fuzz "$out" $rc "harnesses found something (inputs in build/fuzz/ci-crashes/)"
else
  fail_step "fuzzers were not built (build/asan/fuzz/)"
fi

# The page is assembled first, so the docs build can embed it (docs-site/public/playground/)
# and the browser tests can open both: build/site, and the built docs (docs-embed.test.mjs).
step "assemble the page (build/site)"
assembled=0
if [ -x scripts/assemble-site.sh ]; then
  if scripts/assemble-site.sh; then assembled=1; else fail_step "assemble site"; fi
else
  fail_step "scripts/assemble-site.sh is missing"
fi

step "node tests (the page's Python runtime on MicroPython: tests/node)"
if [ -f tests/node/run.mjs ]; then
  out=$(node tests/node/run.mjs 2>&1); rc=$?
  printf '%s\n' "$out" | grep -v -E 'MODULE_TYPELESS|Reparsing as ES|add "type": "module"|--trace-warnings'
  tally node "$out" $rc "failing tests"
fi

step "docs site build (VitePress, with the playground copied in)"
rm -rf docs-site/public/playground
if [ -d build/site ]; then mkdir -p docs-site/public && cp -r build/site docs-site/public/playground; fi
if npx --no-install vitepress build docs-site >/tmp/invokelab-docs.log 2>&1; then
  passed=$((passed + 1)); echo "docs build: ok"
else
  tail -n 30 /tmp/invokelab-docs.log
  fail_step "docs build"
fi

step "browser end-to-end tests (headless Chromium: the page, and the docs site's embeds)"
if [ "$assembled" -eq 1 ] && [ -f tests/browser/run.mjs ]; then
  out=$(node tests/browser/run.mjs 2>&1); rc=$?
  printf '%s\n' "$out"
  tally browser "$out" $rc "failing tests"
elif [ "$assembled" -eq 1 ]; then
  fail_step "browser tests are missing (tests/browser/run.mjs)"
fi

step "done"
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failures:"; for f in "${failures[@]}"; do echo "  - $f"; done
fi
echo "wall time: $(( $(date +%s) - start ))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
