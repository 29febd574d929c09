#!/usr/bin/env bash
# Assembles the page into build/site/: web/ as is, content/ (lessons, quizzes, scenarios;
# the page fetches them after its first frame) as build/site/content/, plus the WebAssembly app
# (invokelab.js, invokelab.wasm) and every run-time file the app build lists in
# site-files.txt (one path per line, relative to the app build directory; a line "lazy:PATH"
# is copied but not downloaded before the first frame: the page fetches it when needed).
#
# For the first frame (issue 9): app-files.json lists the files the page downloads before it
# ([{path, bytes}], web/js/loader.js), index.html gets <link rel=preload> for them and the same
# list inline (<script type=application/json id=app-files>: no extra request) in place of its
# <!-- app-preload --> line (the browser fetches them while the modules load), the modules of
# the first frame are bundled into js/main.js (scripts/bundle-web.mjs, esbuild), and every
# text/wasm/font file gets a precompressed FILE.br and FILE.gz beside it (scripts/precompress.mjs;
# scripts/serve.mjs sends them by Accept-Encoding).
#
#   scripts/assemble-site.sh [APP_BUILD_DIR] [SITE_DIR]
#   defaults: build/wasm/wasm   build/site
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
app=${1:-$root/build/wasm/wasm}
site=${2:-$root/build/site}

for f in invokelab.js invokelab.wasm; do
  if [ ! -f "$app/$f" ]; then
    echo "assemble-site: $app/$f is missing (build it: cmake --preset wasm && cmake --build --preset wasm)" >&2
    exit 1
  fi
done

rm -rf "$site"
mkdir -p "$site"
cp -R "$root/web/." "$site/"
if [ -d "$root/content" ]; then
  mkdir -p "$site/content"
  cp -R "$root/content/." "$site/content/"
fi
cp "$app/invokelab.js" "$app/invokelab.wasm" "$site/"
# The Python runtime (MicroPython) and its shims (web/py/ came with web/), loaded only when a
# learner opens the code editor or deploys code; never part of the first load.
mp="$root/node_modules/@micropython/micropython-webassembly-pyscript"
if [ -f "$mp/micropython.mjs" ]; then
  mkdir -p "$site/vendor/micropython"
  cp "$mp/micropython.mjs" "$mp/micropython.wasm" "$site/vendor/micropython/"
else
  echo "assemble-site: $mp is missing (npm ci): the page will have no Python runtime" >&2
fi
# The code editor: CodeMirror 6 bundled by esbuild (from vite's dependencies) into one file.
rm -rf "$site/editor-src"
if [ -x "$root/node_modules/.bin/esbuild" ] && [ -d "$root/node_modules/@codemirror/lang-python" ]; then
  mkdir -p "$site/vendor"
  "$root/node_modules/.bin/esbuild" "$root/web/editor-src/codemirror.js" --bundle --format=esm --minify \
    --log-level=warning --outfile="$site/vendor/editor.js"
else
  echo "assemble-site: esbuild or @codemirror/lang-python is missing (npm ci): the page will have no code editor" >&2
fi
first=(invokelab.wasm invokelab.js)
if [ -f "$app/site-files.txt" ]; then
  while IFS= read -r rel || [ -n "$rel" ]; do
    rel=${rel%$'\r'}
    case "$rel" in ''|'#'*) continue ;; esac
    lazy=0
    case "$rel" in lazy:*) lazy=1; rel=${rel#lazy:} ;; esac
    case "$rel" in /*|*..*) echo "assemble-site: refusing path '$rel' in site-files.txt" >&2; exit 1 ;; esac
    if [ ! -f "$app/$rel" ]; then echo "assemble-site: $app/$rel (listed in site-files.txt) is missing" >&2; exit 1; fi
    mkdir -p "$site/$(dirname "$rel")"
    cp "$app/$rel" "$site/$rel"
    case "$rel" in invokelab.js|invokelab.wasm) ;; *) [ "$lazy" = 1 ] || first+=("$rel") ;; esac
  done < "$app/site-files.txt"
fi
# The page downloads these itself (one progress bar for everything big), see web/js/loader.js.
files_json=$(printf '['; sep=''
  for rel in "${first[@]}"; do printf '%s{"path":"%s","bytes":%d}' "$sep" "$rel" "$(stat -c %s "$site/$rel")"; sep=','; done
  printf ']')
printf '%s\n' "$files_json" > "$site/app-files.json"
# Preload them from the document: fetch() and the glue's <script> then reuse these downloads.
preload=''
for rel in "${first[@]}"; do
  case "$rel" in
    *.js) preload+="<link rel=\"preload\" href=\"$rel\" as=\"script\">" ;;
    *) preload+="<link rel=\"preload\" href=\"$rel\" as=\"fetch\" crossorigin>" ;;
  esac
done
preload+="<script type=\"application/json\" id=\"app-files\">$files_json</script>"
if grep -q '<!-- app-preload -->' "$site/index.html"; then
  sed -i "s|<!-- app-preload -->|$preload|" "$site/index.html"
fi
rc=0; node "$root/scripts/bundle-web.mjs" "$root/web/js" "$site" || rc=$?
case $rc in 0|3) ;; *) echo "assemble-site: bundling the page's modules failed" >&2; exit 1 ;; esac
# The first frame's code only (issue 9): a -sSPLIT_MODULE=1 link leaves the whole module as
# invokelab.wasm.orig and an instrumented invokelab.wasm; scripts/split-wasm.mjs profiles the
# page's start-up in headless Chromium and splits .orig into invokelab.wasm and
# invokelab.deferred.wasm (exit 3: no browser to profile with, the site gets .orig whole).
if [ -f "$app/invokelab.wasm.orig" ]; then
  rc=0; node "$root/scripts/split-wasm.mjs" "$site" "$app/invokelab.wasm.orig" || rc=$?
  case $rc in 0|3) ;; *) echo "assemble-site: splitting invokelab.wasm failed" >&2; exit 1 ;; esac
fi
node "$root/scripts/precompress.mjs" "$site"
echo "assemble-site: $(find "$site" -type f | wc -l) files in ${site#$root/}"
