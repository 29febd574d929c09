#!/usr/bin/env node
// Bundles the page's modules for the first frame (issue 9): js/main.js and everything it imports
// statically become one minified module, so the browser makes one request instead of a dozen
// (HTTP/1.1 opens six connections per host: the rest used to wait behind the wasm). Modules
// imported with import() (lessons.js, quiz.js, code-editor.js, python-runtime.js) stay separate files,
// fetched when used; code they share with main.js goes to a shared chunk, so i18n.js has one
// state. The other files in SITE/js stay as they are (tests import js/markup.js directly).
// index.html's block between <!-- modules --> and <!-- /modules --> is replaced by
// modulepreload links for what main.js imports statically (nothing left to discover late).
//
//   node scripts/bundle-web.mjs SRC_JS_DIR SITE_DIR      (esbuild: a dependency of vitepress)
// Exits 3 when esbuild is not installed: the caller keeps the unbundled modules.
import fs from 'node:fs';
import path from 'node:path';

const [src, site] = process.argv.slice(2);
if (!src || !site) { console.error('usage: bundle-web.mjs SRC_JS_DIR SITE_DIR'); process.exit(2); }
let esbuild;
try { esbuild = await import('esbuild'); } catch { console.error('bundle-web: esbuild not installed (npm ci); modules left unbundled'); process.exit(3); }

const out = path.join(site, 'js');
// Modules loaded with import('./name.js') anywhere in SRC are entry points too, so they keep
// their names (js/lessons.js, js/code-editor.js …) instead of becoming anonymous chunks.
const lazy = new Set();
for (const f of fs.readdirSync(src).filter((n) => n.endsWith('.js'))) {
  for (const m of fs.readFileSync(path.join(src, f), 'utf8').matchAll(/import\(\s*['"]\.\/([\w.-]+\.js)['"]\s*\)/g)) {
    if (m[1] !== 'main.js' && fs.existsSync(path.join(src, m[1]))) lazy.add(m[1]);
  }
}
const result = await esbuild.build({
  entryPoints: [path.join(src, 'main.js'), ...[...lazy].sort().map((n) => path.join(src, n))],
  bundle: true, splitting: true, format: 'esm', minify: true, target: 'es2020',
  outdir: out, entryNames: '[name]', chunkNames: 'chunk-[hash]', metafile: true, logLevel: 'warning',
  legalComments: 'none', allowOverwrite: true,
  // Korean text as UTF-8, not \uXXXX escapes (6 bytes a syllable instead of 3; module scripts
  // are always decoded as UTF-8): the first-load chunk of strings shrinks on the wire too.
  charset: 'utf8',
});
const rel = (p) => path.relative(site, path.resolve(p)).split(path.sep).join('/');
const mainOut = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint && path.resolve(o.entryPoint) === path.resolve(src, 'main.js'));
const staticImports = mainOut[1].imports.filter((i) => i.kind === 'import-statement').map((i) => rel(i.path));
const links = ['js/main.js', ...staticImports].map((p) => `<link rel="modulepreload" href="${p}">`).join('\n');
const html = path.join(site, 'index.html');
const text = fs.readFileSync(html, 'utf8');
const block = /<!-- modules -->[\s\S]*?<!-- \/modules -->/;
if (!block.test(text)) { console.error('bundle-web: index.html has no <!-- modules --> block'); process.exit(1); }
fs.writeFileSync(html, text.replace(block, links));
const sizes = Object.entries(result.metafile.outputs).map(([p, o]) => `${rel(p)} ${o.bytes}`);
console.log(`bundle-web: ${sizes.join(', ')}`);
