#!/usr/bin/env node
// Prints figures (never fails on them) for the page's Python handlers, in headless Chromium
// against build/site (scripts/assemble-site.sh after the wasm build):
//   1. what the first load downloads of the Python runtime and the editor (should be nothing),
//      and the gzipped bytes of every first-load file
//   2. "open the editor" -> ready (editor drawn, MicroPython running), in ms
//   3. "Deploy" -> deployed (CodeSha256 shown), then the first attempt of the new code (a
//      synchronous invoke, cold: imports the module) and a second one (warm), in ms
//   node bench/python-editor.mjs [runs]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const site = process.env.SITE_DIR || path.join(root, 'build/site');
const runs = Number(process.argv[2] || 3);
const server = await startServer({ root: site, port: 0 });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const rows = { ready: [], deploy: [], cold: [], warm: [] };
let firstLoad = null;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror', String(e)));
  page.on('console', (m) => { if (m.type() === 'error') console.log('console', m.text()); });
  await page.goto(server.url);
  await page.waitForFunction(() => window.invokeLab?.firstFrameMs != null && window.invokeLab.settled, null, { timeout: 90000 });
  if (!firstLoad) {
    firstLoad = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    firstLoad.unshift('/index.html');
  }
  const t0 = await page.evaluate(() => performance.now());
  await page.click('#btn-code');
  await page.waitForFunction(() => { const b = document.getElementById('code-deploy'); return !!b && !b.disabled; }, null, { timeout: 60000 });
  rows.ready.push((await page.evaluate(() => performance.now())) - t0);
  // Deploy by a real click (the page's handler), timed in the page from just before it.
  await page.evaluate(() => document.addEventListener('click', (e) => { if (e.target.id === 'code-deploy') window.__deployT0 = performance.now(); }, { capture: true, once: true }));
  await page.click('#code-deploy');
  const d = await page.evaluate(async () => {
    const t = window.__deployT0;
    while (!/CodeSha256/.test(document.getElementById('code-status').textContent)) {
      if (performance.now() - t > 20000) return { error: document.getElementById('code-status').textContent };
      await new Promise((r) => setTimeout(r, 5));
    }
    const deployed = performance.now() - t;
    const line = 'aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload \'{"key1": "value1"}\' response.json';
    let c = performance.now(); window.invokeLab.run(line); const cold = performance.now() - c;
    c = performance.now(); window.invokeLab.run(line); const warm = performance.now() - c;
    return { deployed, cold, warm };
  });
  if (d?.error) console.log('deploy did not finish:', d.error);
  else if (d) { rows.deploy.push(d.deployed); rows.cold.push(d.cold); rows.warm.push(d.warm); }
  await context.close();
}
console.log('== first load (files the page downloads before its first frame)');
const lazy = firstLoad.filter((p) => /micropython|vendor\/editor|python-runtime|python-transform|code-editor|\/py\//.test(p));
console.log(`Python runtime / editor files in the first load: ${lazy.length ? lazy.join(' ') : 'none'}`);
let total = 0;
for (const p of [...new Set(firstLoad)]) {
  const f = path.join(site, decodeURIComponent(p));
  if (!fs.existsSync(f) || !fs.statSync(f).isFile()) continue;
  const gz = zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
  total += gz;
  console.log(`  ${p.padEnd(44)} ${String(gz).padStart(9)} bytes gzip`);
}
console.log(`  ${'total'.padEnd(44)} ${String(total).padStart(9)} bytes gzip`);
console.log('== loaded later, when the editor opens (gzip -9)');
for (const p of ['vendor/micropython/micropython.wasm', 'vendor/micropython/micropython.mjs', 'vendor/editor.js', 'js/python-runtime.js', 'js/python-transform.js', 'js/code-editor.js']) {
  const f = path.join(site, p);
  if (fs.existsSync(f)) console.log(`  ${p.padEnd(44)} ${String(zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length).padStart(9)} bytes gzip`);
}
console.log(`== timings in headless Chromium, median of ${runs} (ms)`);
console.log(`open editor -> ready:                 ${Math.round(median(rows.ready))}  (all: ${rows.ready.map(Math.round).join(', ')})`);
if (rows.deploy.length) {
  console.log(`Deploy -> deployed (3 shell lines):   ${Math.round(median(rows.deploy))}`);
  console.log(`first attempt (sync invoke, cold):    ${Math.round(median(rows.cold))}`);
  console.log(`second attempt (sync invoke, warm):   ${Math.round(median(rows.warm))}`);
  console.log(`Deploy -> first attempt done:         ${Math.round(median(rows.deploy.map((x, i) => x + rows.cold[i])))}`);
} else {
  console.log('Deploy: not measured (this build cannot deploy code: no lab code put)');
}
await browser.close();
await server.close();
