#!/usr/bin/env bash
# The layer check: inside core/, a folder includes only folders below it (or itself).
#
#   util -> sim -> aws -> services -> lambda -> world -> learn -> shell      (bottom to top)
#
# Above core/, wasm/ and tools/ may include any core folder; core/ never includes them.
# Usage:
#   scripts/check-layers.sh [ROOT]     checks ROOT/core (default: the repository); exit 1 on
#                                      any upward include, each printed as file:line
#   scripts/check-layers.sh --self-test  plants an upward include in a temporary copy and
#                                      expects the check to fail there (and pass on the copy
#                                      without it), so the check itself cannot rot into "always ok"
set -uo pipefail
layers=(util sim aws services lambda world learn shell)
above_core=(wasm app views tools)                   # folders of the browser app and the tools

rank_of() {
  local i
  for i in "${!layers[@]}"; do [ "${layers[$i]}" = "$1" ] && { echo "$i"; return; }; done
  for i in "${above_core[@]}"; do [ "$i" = "$1" ] && { echo 99; return; }; done
  echo -1                                            # not a project folder (nlohmann/…, gtest/…)
}

check() {
  local root=$1 bad=0 layer own file line target trank
  [ -d "$root/core" ] || { echo "check-layers: no $root/core" >&2; return 2; }
  for layer in "$root"/core/*/; do
    layer=$(basename "$layer")
    own=$(rank_of "$layer")
    if [ "$own" -lt 0 ] || [ "$own" -eq 99 ]; then
      echo "check-layers: core/$layer is not in the layer list (add it to scripts/check-layers.sh)"
      bad=1; continue
    fi
    while IFS= read -r hit; do
      [ -n "$hit" ] || continue
      file=${hit%%:*}; rest=${hit#*:}; line=${rest%%:*}
      target=$(printf '%s' "$rest" | sed -nE 's/^[0-9]+:[[:space:]]*#[[:space:]]*include[[:space:]]*"([^/"]+)\/.*/\1/p')
      [ -n "$target" ] || continue
      trank=$(rank_of "$target")
      if [ "$trank" -gt "$own" ]; then
        echo "${file#"$root"/}:$line: core/$layer includes $target/ (a higher layer)"
        bad=1
      fi
    done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$root/core/$layer" --include='*.h' --include='*.cpp' --include='*.hpp' || true)
  done
  if [ "$bad" -eq 0 ]; then echo "check-layers: ok (${layers[*]})"; fi
  return "$bad"
}

self_test() {
  local here tmp rc
  here=$(cd "$(dirname "$0")/.." && pwd)
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  cp -r "$here/core" "$tmp/core"
  if ! check "$tmp" >/dev/null; then echo "self-test: the clean copy already fails"; check "$tmp"; return 1; fi
  printf '#include "world/world.h"\n' >> "$tmp/core/util/base64.h"
  check "$tmp" > "$tmp/out.txt"; rc=$?
  if [ "$rc" -ne 1 ] || ! grep -q '^core/util/base64.h:[0-9]*: core/util includes world/' "$tmp/out.txt"; then
    echo "self-test: a planted upward include (util -> world) was not caught:"; cat "$tmp/out.txt"; return 1
  fi
  cp "$here/core/util/base64.h" "$tmp/core/util/base64.h"
  printf '#include "shell/shell.h"\n' >> "$tmp/core/learn/facts.h"
  check "$tmp" > "$tmp/out.txt"; rc=$?
  if [ "$rc" -ne 1 ] || ! grep -q '^core/learn/facts.h:[0-9]*: core/learn includes shell/' "$tmp/out.txt"; then
    echo "self-test: a planted upward include (learn -> shell) was not caught:"; cat "$tmp/out.txt"; return 1
  fi
  echo "check-layers self-test: ok (planted util -> world and learn -> shell includes were caught)"
}

if [ "${1:-}" = "--self-test" ]; then self_test; exit $?; fi
check "${1:-$(cd "$(dirname "$0")/.." && pwd)}"
