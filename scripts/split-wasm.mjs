#!/usr/bin/env node
// Splits the page's WebAssembly in two (issue 9: what the browser downloads before the first
// frame): invokelab.wasm keeps the functions the page runs up to just after its first frame, and
// invokelab.deferred.wasm gets the rest, which the page loads right after that frame
// (wasm/pre.js). Run by scripts/assemble-site.sh on an assembled site whose invokelab.wasm is
// the instrumented module of a -sSPLIT_MODULE=1 link (wasm/CMakeLists.txt).
//
//   node scripts/split-wasm.mjs SITE_DIR ORIG_WASM
//
// 1. Serves SITE_DIR and opens the page in headless Chromium (scripts/chromium.mjs), once per
//    start-up below; each time the page keeps the instrumented module's profile eight frames
//    after its first frame (window.invokeLab.firstFrameProfile: which functions ran; loader.js
//    wasmProfile says why the later frames count too).
// 2. wasm-split --merge-profiles, then wasm-split ORIG_WASM --profile: the functions that ran in
//    any start-up stay in invokelab.wasm, the others move to invokelab.deferred.wasm.
// 3. Writes both into SITE_DIR and corrects the byte count app-files.json and index.html give
//    for invokelab.wasm (the progress bar).
// Exit 0 when split. Exit 3, after copying ORIG_WASM as invokelab.wasm, when the page could not
// be profiled (no Chromium): the site then works unsplit, with the whole module up front.
// Splitting only moves functions between files: the code that runs is the same.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launchChromium } from './chromium.mjs';
import { startServer } from './serve.mjs';

// The start-ups whose first frames differ: the desktop layout in Korean, the phone layout in English.
const STARTUPS = [
  { name: 'ko-desktop', query: '', viewport: { width: 1280, height: 800 }, locale: 'ko-KR' },
  { name: 'en-phone', query: '?lang=en', viewport: { width: 390, height: 844 }, locale: 'en-US', deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];
// The features the Emscripten build uses (-fwasm-exceptions), as emcc passes them to binaryen.
const FEATURES = ['--enable-exception-handling', '--enable-mutable-globals', '--enable-bulk-memory', '--enable-sign-ext'];

const [siteArg, origArg] = process.argv.slice(2);
if (!siteArg || !origArg) {
  console.error('usage: node scripts/split-wasm.mjs SITE_DIR ORIG_WASM');
  process.exit(2);
}
const site = path.resolve(siteArg);
const orig = path.resolve(origArg);
const primary = path.join(site, 'invokelab.wasm');
const deferred = path.join(site, 'invokelab.deferred.wasm');

async function profiles(dir) {
  const server = await startServer({ root: site, port: 0 });
  const browser = await launchChromium();
  const files = [];
  try {
    for (const s of STARTUPS) {
      const context = await browser.newContext({
        viewport: s.viewport, locale: s.locale,
        ...(s.isMobile ? { deviceScaleFactor: s.deviceScaleFactor, isMobile: true, hasTouch: true } : {}),
      });
      const page = await context.newPage();
      await page.goto(server.url + s.query);
      await page.waitForFunction(() => window.invokeLab && window.invokeLab.firstFrameProfile, null, { timeout: 120000 });
      const bytes = await page.evaluate(() => window.invokeLab.firstFrameProfile);
      const file = path.join(dir, `${s.name}.prof`);
      fs.writeFileSync(file, Buffer.from(bytes));
      files.push(file);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return files;
}

function setListedBytes(file, bytes) {
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(file, text.replace(/\{"path":"invokelab\.wasm","bytes":\d+\}/g, `{"path":"invokelab.wasm","bytes":${bytes}}`));
}

async function main() {
  // A link without -sSPLIT_MODULE=1 writes a plain invokelab.wasm (and may leave an old .orig).
  const instrumented = WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(primary)))
    .some((e) => e.name === '__write_profile');
  if (!instrumented) {
    console.log('split-wasm: invokelab.wasm is not instrumented (a link without -sSPLIT_MODULE=1): left whole');
    return 0;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invokelab-split-'));
  try {
    let files;
    try {
      files = await profiles(dir);
    } catch (e) {
      console.error(`split-wasm: could not profile the page's start-up (${String(e.message ?? e).split('\n')[0]}); ` +
        'the site gets the whole module as invokelab.wasm, unsplit');
      fs.copyFileSync(orig, primary);
      fs.rmSync(deferred, { force: true });
      setListedBytes(path.join(site, 'app-files.json'), fs.statSync(primary).size);
      setListedBytes(path.join(site, 'index.html'), fs.statSync(primary).size);
      return 3;
    }
    const merged = path.join(dir, 'merged.prof');
    execFileSync('wasm-split', ['--merge-profiles', ...files, '-o', merged], { stdio: ['ignore', 'ignore', 'inherit'] });
    const verbose = execFileSync('wasm-split', [orig, ...FEATURES, '--export-prefix=%', '--placeholder-namespace=placeholder',
      `--profile=${merged}`, '-o1', primary, '-o2', deferred, '--verbose'], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
    const kept = (verbose.match(/^Keeping functions: (.*)$/m)?.[1] ?? '').split(', ').filter(Boolean).length;
    const split = (verbose.match(/^Splitting out functions: (.*)$/m)?.[1] ?? '').split(', ').filter(Boolean).length;
    const size = fs.statSync(primary).size;
    setListedBytes(path.join(site, 'app-files.json'), size);
    setListedBytes(path.join(site, 'index.html'), size);
    console.log(`split-wasm: ${STARTUPS.map((s) => s.name).join(' + ')} ran ${kept} functions: invokelab.wasm ${size} bytes, ` +
      `invokelab.deferred.wasm ${fs.statSync(deferred).size} bytes (${split} functions; the whole module: ${fs.statSync(orig).size})`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e) => { console.error('split-wasm:', e); process.exit(1); });
