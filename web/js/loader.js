// Loads the WebAssembly app: checks WebGL2, downloads invokelab.wasm and the app's other
// run-time files (app-files.json) with one progress report (bytes of total), loads the Emscripten glue (a classic script that defines
// createInvokeLab) and starts it on our canvas.
//
// Keyboard: the app itself moves GLFW's key listeners from window to the canvas
// (wasm/imgui_impl_canvas.cpp), so Tab and Backspace keep working in the page's fields.

export class LoadError extends Error {
  constructor(key, params = {}, detail = '') {
    super(key + (detail ? `: ${detail}` : ''));
    this.key = key; this.params = params; this.detail = detail;
  }
}

export function hasWebGL2() {
  try {
    const c = document.createElement('canvas');
    const gl = c.getContext('webgl2');
    if (!gl) return false;
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch { return false; }
}

// Downloads one file; onBytes(delta, knownTotal) reports progress as chunks arrive.
async function fetchWithProgress(url, file, onStart, onBytes) {
  let res;
  try { res = await fetch(url); } catch (e) { throw new LoadError('load.network', { file }, String(e)); }
  if (!res.ok) throw new LoadError('load.httpError', { file, status: res.status });
  onStart(Number(res.headers.get('Content-Length')) || 0);
  if (!res.body || !res.body.getReader) {
    const buf = new Uint8Array(await res.arrayBuffer());
    onBytes(buf.length);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks = [];
  let done = 0;
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    chunks.push(value);
    done += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(done);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

// The app's run-time files besides the wasm (fonts …), listed by scripts/assemble-site.sh
// from the build's site-files.txt. Missing list = nothing extra to prefetch.
async function appFiles(url) {
  try {
    const res = await fetch(url('app-files.json'));
    if (!res.ok) return [];
    const list = await res.json();
    return Array.isArray(list) ? list.filter((p) => typeof p === 'string') : [];
  } catch { return []; }
}

function loadScript(src, file) {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new LoadError('load.network', { file }));
    document.head.appendChild(s);
  });
}

// Resolves with the Emscripten Module once it is running (not yet drawn).
// hooks: { onProgress(done, total), onStarting(), print(text), printErr(text) }
export async function loadApp(canvas, base, hooks) {
  if (!hasWebGL2()) throw new LoadError('load.noWebgl2');
  const url = (p) => new URL(p, base).href;
  // Everything big is downloaded here, so one progress bar shows bytes of the real total;
  // the app then finds the extra files through locateFile as blob: URLs.
  const files = ['invokelab.wasm', ...(await appFiles(url)).filter((p) => !/^invokelab\.(js|wasm)$/.test(p))];
  let done = 0, total = 0, sized = 0;
  const report = () => hooks.onProgress(done, sized === files.length ? Math.max(total, done) : 0);
  const downloads = files.map((f) => fetchWithProgress(url(f), f,
    (len) => { total += len; sized++; report(); }, (n) => { done += n; report(); }));
  const [bytes] = await Promise.all([
    Promise.all(downloads),
    typeof globalThis.createInvokeLab === 'function' ? null : loadScript(url('invokelab.js'), 'invokelab.js'),
  ]);
  const [wasmBinary, ...extra] = bytes;
  const blobs = new Map(files.slice(1).map((f, i) => [f, URL.createObjectURL(new Blob([extra[i]]))]));
  if (typeof globalThis.createInvokeLab !== 'function') throw new LoadError('load.network', { file: 'invokelab.js' });
  hooks.onStarting();
  let aborted = null;
  const started = globalThis.createInvokeLab({
    canvas,
    wasmBinary,
    locateFile: (p) => blobs.get(p) ?? url(p),
    print: hooks.print,
    printErr: hooks.printErr,
    onAbort: (what) => { aborted = what; },
  });
  try {
    return await started;
  } catch (e) {
    throw new LoadError('load.failed', {}, String(aborted ?? e?.message ?? e));
  }
}

// Resolves with performance.now() at the first frame the app reports as drawn.
export function waitFirstFrame(frameCount) {
  return new Promise((resolve) => {
    const tick = () => { if (frameCount() >= 1) resolve(performance.now()); else requestAnimationFrame(tick); };
    tick();
  });
}
