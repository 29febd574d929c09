#!/usr/bin/env node
// Writes FILE.br (brotli, quality 11) and FILE.gz (gzip -9) next to every compressible file
// of a directory, so a static server can send them as they are (scripts/serve.mjs negotiates
// Accept-Encoding; nginx gzip_static / brotli_static and most CDNs do the same). A variant that
// is not smaller than the file is not written. Node's zlib only: no package needed.
//
//   node scripts/precompress.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const COMPRESSIBLE = /\.(html|js|mjs|css|json|wasm|svg|txt|ttf|otf|map|md|py)$/i;

export function precompress(dir) {
  let files = 0, raw = 0, br = 0, gz = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { walk(p); continue; }
      if (!e.isFile() || !COMPRESSIBLE.test(e.name)) continue;
      const data = fs.readFileSync(p);
      const b = zlib.brotliCompressSync(data, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [zlib.constants.BROTLI_PARAM_MODE]: /\.(wasm|ttf|otf)$/i.test(e.name) ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
      } });
      const g = zlib.gzipSync(data, { level: 9 });
      if (b.length < data.length) fs.writeFileSync(p + '.br', b);
      if (g.length < data.length) fs.writeFileSync(p + '.gz', g);
      files++; raw += data.length; br += Math.min(b.length, data.length); gz += Math.min(g.length, data.length);
    }
  };
  walk(dir);
  return { files, raw, br, gz };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) { console.error('usage: precompress.mjs DIR'); process.exit(2); }
  const r = precompress(dir);
  console.log(`precompress: ${r.files} files, ${r.raw} bytes -> ${r.br} brotli, ${r.gz} gzip`);
}
