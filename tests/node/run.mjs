#!/usr/bin/env node
// Node tests of the page's JavaScript that needs no browser: the Lambda Python runtime
// (web/js/python-runtime.js on MicroPython from node_modules, the shims in web/py/, the
// handler templates in content/handlers/). Runs every *.test.mjs here; each exports an array
// of {name, run(ctx)}. Prints one summary line: `node: N passed, N failed`.
//   node tests/node/run.mjs [name-filter]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const filter = process.argv[2] || '';

const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
let passed = 0, failed = 0;
for (const f of files) {
  const mod = await import(pathToFileURL(path.join(here, f)).href);
  const ctx = mod.setup ? await mod.setup(root) : { root };
  for (const t of mod.default) {
    if (filter && !t.name.includes(filter)) continue;
    const t0 = performance.now();
    try {
      await t.run(ctx);
      passed++;
      console.log(`ok   ${t.name} (${Math.round(performance.now() - t0)} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}: ${e?.stack ?? e}`);
    }
  }
}
console.log(`node: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
