#!/usr/bin/env bash
# Builds Invoke Lab for the browser and serves it on http://127.0.0.1:8080/.
#
#   scripts/play.sh [--port N] [--no-build]      (PORT=N works too)
#
# 1. runs scripts/setup.sh only if something it installs is missing (emcc, node_modules, ImGui)
# 2. builds the WebAssembly app with the size-optimised `wasm` preset (MinSizeRel)
# 3. assembles web/ + the app into build/site/
# 4. serves build/site on 127.0.0.1 (application/wasm for .wasm); Ctrl-C stops it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

port=${PORT:-8080}
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --port) [ $# -ge 2 ] || { echo "play.sh: --port needs a number" >&2; exit 2; }; port=$2; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "play.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$port" in ''|*[!0-9]*) echo "play.sh: port must be a number, got '$port'" >&2; exit 2 ;; esac

say() { printf '[play] %s\n' "$*"; }

# --- 1. toolchain ---------------------------------------------------------------
need_setup=0
command -v emcc >/dev/null 2>&1 || need_setup=1
command -v node >/dev/null 2>&1 || need_setup=1
[ -f node_modules/.package-lock.json ] || need_setup=1
[ -f .deps/imgui/imgui.cpp ] || need_setup=1
[ -f /usr/include/nlohmann/json.hpp ] || need_setup=1
# Building the site runs the page once in headless Chromium to split its module (split-wasm.mjs).
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need_setup=1
if [ "$need_setup" = 1 ]; then
  say "something is missing: running scripts/setup.sh"
  bash scripts/setup.sh
fi

# --- 2. build -------------------------------------------------------------------
export NODE_PATH=/usr/share/nodejs
if [ "$build" = 1 ]; then
  say "building the WebAssembly app (cmake preset 'wasm', MinSizeRel)"
  if [ ! -f build/wasm/CMakeCache.txt ]; then cmake --preset wasm >/dev/null; fi
  # Only the app (target `invokelab`, with its font); the core test suites have their own command.
  cmake --build --preset wasm --target invokelab
fi

# --- 3. assemble ----------------------------------------------------------------
bash scripts/assemble-site.sh

# --- 4. serve -------------------------------------------------------------------
# exec: the server replaces this shell, so Ctrl-C reaches it directly and nothing is left behind.
exec node scripts/serve.mjs build/site --port "$port"
