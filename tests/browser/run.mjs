#!/usr/bin/env node
// Browser end-to-end tests for the assembled page (build/site). Builds nothing itself:
//   cmake --preset wasm && cmake --build --preset wasm --target invokelab && scripts/assemble-site.sh
//   node tests/browser/run.mjs [name-filter]
//
// Starts the static server on a free 127.0.0.1 port, launches /usr/bin/chromium headless
// (software WebGL2 through SwiftShader, a fresh profile), runs every *.test.mjs here and
// prints one summary line: `browser: N passed, N failed`. Screenshots go to build/artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { launchChromium } from '../../scripts/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const site = process.env.SITE_DIR || path.join(root, 'build/site');
const artifacts = path.join(root, 'build/artifacts');
const filter = process.argv[2] || '';

async function main() {
  if (!fs.existsSync(path.join(site, 'index.html')) || !fs.existsSync(path.join(site, 'invokelab.wasm'))) {
    console.error(`run.mjs: ${site} has no assembled page; run scripts/assemble-site.sh after building the wasm app`);
    console.log('browser: 0 passed, 1 failed');
    process.exit(1);
  }
  fs.mkdirSync(artifacts, { recursive: true });
  const server = await startServer({ root: site, port: 0 });
  // chromium.launch() gives every run a fresh temporary user-data-dir (it refuses an explicit
  // --user-data-dir); each test then opens its own isolated context (empty localStorage).
  const browser = await launchChromium();

  const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
  const tests = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(here, f)).href);
    for (const t of mod.default) if (!filter || t.name.includes(filter)) tests.push({ file: f, ...t });
  }

  // Waits for the first frame and for the URL's share link / scenario / lesson to be applied
  // (invokeLab.settled), or fails at once with the page's own error message.
  async function waitReady(page, errors) {
    const h = await page.waitForFunction(() => (window.invokeLab && window.invokeLab.firstFrameMs != null && window.invokeLab.settled) ? 'ready'
      : (document.getElementById('load-error')?.textContent || (document.querySelector('.load-overlay.failed') ? 'failed' : '')), null, { timeout: 90000 });
    const v = await h.jsonValue();
    if (v !== 'ready') throw new Error(`the page did not start: ${v} ${errors.join(' | ')}`);
  }
  let passed = 0, failed = 0;
  const ctx = {
    browser, url: server.url, artifacts, waitReady,
    // A fresh browser context (empty localStorage) with the page loaded and ready.
    // phone: a 390x844 touch viewport; size: another desktop viewport ({width, height});
    // context: reuse a context (its localStorage) instead.
    async open(query = '', { lang, phone = false, size = null, context: reuse = null, permissions } = {}) {
      const context = reuse ?? await browser.newContext({
        viewport: phone ? { width: 390, height: 844 } : (size ?? { width: 1400, height: 900 }),
        ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
        locale: lang === 'en' ? 'en-US' : 'ko-KR',
        ...(permissions ? { permissions } : {}),
      });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(server.url + query);
      await waitReady(page, errors);
      return { page, context, errors };
    },
    shot: (page, name, opts = {}) => page.screenshot({ path: path.join(artifacts, name + '.png'), ...opts }),
  };
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn(ctx);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name} (${Date.now() - started} ms)\n     ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n     ')}`);
    }
  }
  await browser.close();
  await server.close();
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.error(e); console.log('browser: 0 passed, 1 failed'); process.exit(1); });
