#!/usr/bin/env node
// A tiny static file server for the assembled page (build/site), on 127.0.0.1 only.
//
//   node scripts/serve.mjs [DIR] [--port N]      (PORT in the environment works too; 0 = any free port)
//
// Sends application/wasm for .wasm (needed for streaming compilation), a Content-Length on
// every file (the page's download progress bar reads it) and no-cache, so a rebuild is
// picked up on reload. Also importable: startServer({root, port}) -> {server, url, close()}.
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
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') { res.end(); return; }
      fs.createReadStream(file).pipe(res);
      if (log) console.log(`200 ${req.url}`);
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
