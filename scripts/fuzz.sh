#!/usr/bin/env bash
# Runs the libFuzzer harnesses (fuzz/) for a long time, one after the other (one process at a
# time: CI machines have two cores):
#   scripts/fuzz.sh [--minutes N | --hours N] [--ci] [harness...]
#     harness: shell payload share scenario embed (default: all); the time is split evenly.
#     --ci     the bounded run scripts/test.sh does: no fork mode, stop at the first finding,
#              exit non-zero on any (crash, leak, undefined behaviour, timeout, out of memory).
# Long runs use fork mode and keep going after a crash; every crashing input is saved under
# build/fuzz/crashes/<harness>/ (--ci: build/fuzz/ci-crashes/<harness>/) (reproduce: build/asan/fuzz/<harness>_fuzzer FILE), the grown
# corpus under build/fuzz/corpus/<harness>/ (seeded from fuzz/corpus/<harness>/), the logs under
# build/fuzz/logs/. At the end it prints executions, corpus size, coverage and findings per harness.
# Builds the `asan` preset (clang, ASan + UBSan) first when a harness is missing;
# INVOKELAB_FUZZ_BIN=DIR runs the harnesses found in DIR instead.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

all=(shell payload share scenario embed)
seconds=600
ci=0
harnesses=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) seconds=$(( $2 * 60 )); shift 2 ;;
    --hours) seconds=$(( $2 * 3600 )); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --ci) ci=1; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) if printf '%s\n' "${all[@]}" | grep -qx "$1"; then harnesses+=("$1"); shift
       else echo "fuzz.sh: unknown harness or option '$1' (harnesses: ${all[*]})" >&2; exit 2; fi ;;
  esac
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
per=$(( seconds / ${#harnesses[@]} ))
[ "$per" -ge 1 ] || per=1

# Per harness: the longest input, and the dictionaries it uses.
max_len() { case "$1" in shell) echo 4096 ;; payload) echo 65536 ;; share) echo 24100 ;; scenario) echo 16384 ;; embed) echo 6000 ;; esac; }
dicts() { case "$1" in shell) echo shell ;; payload) echo json ;; share) echo "learn shell" ;; scenario) echo "learn shell" ;; embed) echo "learn json shell" ;; esac; }

bin=${INVOKELAB_FUZZ_BIN:-build/asan/fuzz}          # another folder: a copy that a rebuild cannot replace mid-run
missing=0
for h in "${harnesses[@]}"; do [ -x "$bin/${h}_fuzzer" ] || missing=1; done
if [ "$missing" = 1 ] && [ -z "${INVOKELAB_FUZZ_BIN:-}" ]; then
  echo "fuzz.sh: building the harnesses (cmake --preset asan)"
  cmake --preset asan >/dev/null && cmake --build --preset asan --target fuzzers || { echo "fuzz.sh: build failed" >&2; exit 1; }
fi

work=build/fuzz
logs="$work/logs"; [ "$ci" = 1 ] && logs="$work/ci-logs"    # a bounded run next to a long one keeps its own logs
mkdir -p "$logs" "$work/dict"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
[ -x /usr/bin/llvm-symbolizer-14 ] && export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-/usr/bin/llvm-symbolizer-14}

summary=()
failed=0
for h in "${harnesses[@]}"; do
  dict="$work/dict/$h-$$.dict"
  : > "$dict"
  for d in $(dicts "$h"); do cat "fuzz/dict/$d.dict" >> "$dict"; done
  crashes="$work/crashes/$h"; [ "$ci" = 1 ] && crashes="$work/ci-crashes/$h"
  log="$logs/$h.log"
  mkdir -p "$crashes"
  common=(-max_len="$(max_len "$h")" -dict="$dict" -timeout=20 -rss_limit_mb=2048 -max_total_time="$per"
          -artifact_prefix="$crashes/" -print_final_stats=1)
  before=$(find "$crashes" -type f | wc -l)
  start=$(date +%s)
  if [ "$ci" = 1 ]; then
    # Bounded and reproducible: a fresh working corpus, a fixed seed, the first finding stops it.
    corpus="$work/ci-corpus/$h"
    rm -rf "$corpus"; mkdir -p "$corpus"
    "$bin/${h}_fuzzer" "${common[@]}" -seed=1 "$corpus" "fuzz/corpus/$h" > "$log" 2>&1
    rc=$?
  else
    corpus="$work/corpus/$h"
    mkdir -p "$corpus"
    "$bin/${h}_fuzzer" "${common[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
      "$corpus" "fuzz/corpus/$h" > "$log" 2>&1
    rc=$?
  fi
  took=$(( $(date +%s) - start ))
  rm -f "$dict"
  after=$(find "$crashes" -type f | wc -l)
  # libFuzzer's status lines: "#N ... cov: C ft: F corp: U/S ..."; fork mode prints "#N: cov: …".
  last=$(grep -aE '^#[0-9]+:?[[:space:]].*cov: ' "$log" | tail -n1)
  execs=$(grep -aoE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -n1)
  [ -n "$execs" ] || execs=$(printf '%s' "$last" | grep -oE '^#[0-9]+' | tr -d '#')
  cov=$(printf '%s' "$last" | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+')
  ft=$(printf '%s' "$last" | grep -oE 'ft: [0-9]+' | grep -oE '[0-9]+')
  corp=$(printf '%s' "$last" | grep -oE 'corp: [0-9]+(/[0-9]+[a-zA-Z]*)?' | cut -d' ' -f2)
  findings=$(( after - before ))
  reports=$(grep -acE '==(ERROR|invokelab-fuzz==)|runtime error:|ERROR: libFuzzer' "$log")
  line=$(printf '%-9s %5ss  execs %-10s cov %-6s ft %-6s corpus %-12s new findings %s (reports in log: %s)' \
         "$h" "$took" "${execs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$findings" "$reports")
  summary+=("$line")
  echo "$line"
  if [ "$ci" = 1 ] && { [ "$rc" -ne 0 ] || [ "$findings" -gt 0 ]; }; then
    failed=$((failed + 1))
    echo "--- $h: exit $rc; the report (from $log):"
    grep -aE -A40 '==[0-9]+==ERROR|==invokelab-fuzz==|runtime error:|ERROR: libFuzzer' "$log" | head -n 60
    ls -d "$crashes"/* 2>/dev/null | head
  fi
done

echo
echo "fuzz summary ($(date -u +%FT%TZ), ${per}s per harness):"
printf '  %s\n' "${summary[@]}"
if [ "$ci" = 1 ]; then
  echo "fuzz: $(( ${#harnesses[@]} - failed )) passed, $failed failed"
  [ "$failed" -eq 0 ]
else
  echo "crashing inputs: $work/crashes/<harness>/ (reproduce: $bin/<harness>_fuzzer FILE)"
fi
