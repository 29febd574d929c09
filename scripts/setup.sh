#!/usr/bin/env bash
# Installs everything Invoke Lab needs on Debian 12 (bookworm), run as root.
# Idempotent: each step checks first and says what it does; a second run is quick.
#   apt packages  -> the toolchain (g++, emscripten, clang for the sanitizers and fuzzers), test
#                    tools, Chromium and the Korean font
#   .deps/imgui   -> Dear ImGui 1.86 sources from Debian's *source* package
#   node_modules  -> npm packages from the committed package-lock.json
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

log() { printf '[setup] %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# --- 1. apt packages -------------------------------------------------------
apt_packages=(emscripten nlohmann-json3-dev libgtest-dev cmake make g++ chromium
              fonts-nanum python3-fonttools dpkg-dev xz-utils nodejs npm
              clang-14 libclang-rt-14-dev llvm-14)   # clang-14 + llvm-14: sanitizers, libFuzzer, symbolizer
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then log "apt-get update"; $SUDO apt-get update -qq; apt_updated=1; fi
}
if [ ${#missing[@]} -gt 0 ]; then
  # node and npm may come from elsewhere (the machine image ships Node 20); only
  # install Debian's when no node/npm command exists at all.
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in
      nodejs) command -v node >/dev/null || filtered+=("$p") ;;
      npm)    command -v npm  >/dev/null || filtered+=("$p") ;;
      *) filtered+=("$p") ;;
    esac
  done
  if [ ${#filtered[@]} -gt 0 ]; then
    apt_update_once
    log "apt-get install ${filtered[*]}"
    $SUDO apt-get install -y -qq --no-install-recommends "${filtered[@]}" >/dev/null
  fi
else
  log "apt packages present"
fi

# --- 2. Dear ImGui sources from the Debian source package ------------------
imgui_dir="$here/.deps/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  if ! grep -rqsE '^(Types: *deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "adding a deb-src entry for bookworm main"
    $SUDO tee /etc/apt/sources.list.d/invokelab-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_updated=0
  fi
  apt_update_once
  dl="$here/.deps/download"
  mkdir -p "$dl"
  (cd "$dl" && log "apt-get source --download-only imgui" && apt-get source --download-only imgui >/dev/null 2>&1 || apt-get source --download-only imgui)
  dsc=$(ls "$dl"/imgui_*.dsc | head -n1)
  tarball=$(ls "$dl"/imgui_*.orig.tar.* | head -n1)
  want=$(awk '/^Checksums-Sha256:/{f=1;next} /^[^ ]/{f=0} f && $3==name {print $1}' \
         name="$(basename "$tarball")" "$dsc")
  got=$(sha256sum "$tarball" | cut -d' ' -f1)
  if [ -z "$want" ] || [ "$want" != "$got" ]; then
    echo "[setup] checksum mismatch for $(basename "$tarball"): .dsc says '$want', file is '$got'" >&2
    exit 1
  fi
  log "checksum ok: $(basename "$tarball") sha256 $got"
  rm -rf "$imgui_dir" && mkdir -p "$imgui_dir"
  tar -xf "$tarball" -C "$imgui_dir" --strip-components=1
  log "ImGui sources in .deps/imgui ($(grep -m1 'define IMGUI_VERSION ' "$imgui_dir/imgui.h" | cut -d'"' -f2))"
else
  log "ImGui sources present in .deps/imgui"
fi

# --- 3. npm packages from the lockfile -------------------------------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci (playwright-core, vitepress)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
else
  log "npm packages present"
fi
log "ready"
