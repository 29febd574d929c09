#!/usr/bin/env node
// A tiny static file server for the assembled page (build/site), on 127.0.0.1 only.
//
//   node scripts/serve.mjs [DIR] [--port N]      (PORT in the environment works too; 0 = any free port)
//
// Sends application/wasm for .wasm (needed for streaming compilation), a Content-Length on
// every file and no-cache, so a rebuild is picked up on reload. Where scripts/assemble-site.sh
// left FILE.br / FILE.gz beside a file, sends that instead when the request's Accept-Encoding
// allows it (brotli first), with Content-Encoding and Vary: Accept-Encoding; the Content-Type
// stays the file's own. Also importable: startServer({root, port}) -> {server, url, close()}.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf', '.otf': 'font/otf', '.woff2': 'font/woff2', '.data': 'application/octet-stream',
  '.map': 'application/json; charset=utf-8',
};

// The encodings a request accepts (Accept-Encoding, RFC 9110 §12.5.3): name -> q; '*' too.
export function acceptedEncodings(header) {
  const out = new Map();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) { const m = /^\s*q=([0-9.]+)\s*$/.exec(p); if (m) q = Number(m[1]); }
    out.set(name, Number.isFinite(q) ? q : 0);
  }
  return out;
}

// The precompressed variant of `file` to send, or null: br, then gzip, if accepted and present.
function pickVariant(file, header) {
  const acc = acceptedEncodings(header);
  const ok = (name) => (acc.has(name) ? acc.get(name) > 0 : (acc.get('*') ?? 0) > 0);
  for (const [name, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!ok(name)) continue;
    try {
      const st = fs.statSync(file + ext);
      if (st.isFile()) return { encoding: name, file: file + ext, size: st.size };
    } catch { /* no variant */ }
  }
  return null;
}

export function startServer({ root, port = 8080, host = '127.0.0.1', log = false }) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { Allow: 'GET, HEAD' }); res.end(); return; }
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); res.end(); return; }
    let file = path.join(base, rel);
    if (file !== base && !file.startsWith(base + path.sep)) { res.writeHead(403); res.end(); return; }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) { file = path.join(file, 'index.html'); st = fs.existsSync(file) ? fs.statSync(file) : null; }
      if (err || !st || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }); res.end('not found\n');
        if (log) console.log(`404 ${req.url}`);
        return;
      }
      const variant = pickVariant(file, req.headers['accept-encoding']);
      const hasVariants = !!variant || fs.existsSync(file + '.br') || fs.existsSync(file + '.gz');
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': variant ? variant.size : st.size,
        ...(variant ? { 'Content-Encoding': variant.encoding } : {}),
        ...(hasVariants ? { Vary: 'Accept-Encoding' } : {}),
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(variant ? variant.file : file).pipe(res);
      if (log) console.log(`200 ${req.url}${variant ? ` (${variant.encoding})` : ''}`);
    });
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        server, port: actual, url: `http://${host}:${actual}/`,
        close: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      });
    });
  });
}

// Command line
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let root = 'build/site', port = process.env.PORT ? Number(process.env.PORT) : 8080;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port' && args[i + 1]) port = Number(args[++i]);
    else if (args[i].startsWith('--port=')) port = Number(args[i].slice(7));
    else if (!args[i].startsWith('-')) root = args[i];
    else { console.error(`serve.mjs: unknown option ${args[i]}`); process.exit(2); }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error('serve.mjs: --port needs a number from 0 to 65535'); process.exit(2); }
  if (!fs.existsSync(path.join(root, 'index.html'))) { console.error(`serve.mjs: ${root}/index.html not found (run scripts/assemble-site.sh)`); process.exit(1); }
  startServer({ root, port, log: !!process.env.SERVE_LOG }).then(({ url, close }) => {
    console.log(`Invoke Lab: ${url}   (Ctrl-C stops the server)`);
    const stop = () => { close().then(() => process.exit(0)); setTimeout(() => process.exit(0), 1000).unref(); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }, (e) => {
    console.error(e.code === 'EADDRINUSE' ? `serve.mjs: port ${port} is in use; try --port N` : `serve.mjs: ${e.message}`);
    process.exit(1);
  });
}
