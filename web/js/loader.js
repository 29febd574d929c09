// Loads the WebAssembly app: checks WebGL2, downloads invokelab.wasm with a progress
// report (bytes of total), loads the Emscripten glue (a classic script that defines
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

async function fetchWithProgress(url, file, onProgress) {
  let res;
  try { res = await fetch(url); } catch (e) { throw new LoadError('load.network', { file }, String(e)); }
  if (!res.ok) throw new LoadError('load.httpError', { file, status: res.status });
  const total = Number(res.headers.get('Content-Length')) || 0;
  if (!res.body || !res.body.getReader) {
    const buf = new Uint8Array(await res.arrayBuffer());
    onProgress(buf.length, buf.length);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks = [];
  let done = 0;
  onProgress(0, total);
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    chunks.push(value);
    done += value.length;
    onProgress(done, Math.max(total, done));
  }
  const out = new Uint8Array(done);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
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
  const [wasmBinary] = await Promise.all([
    fetchWithProgress(url('invokelab.wasm'), 'invokelab.wasm', hooks.onProgress),
    typeof globalThis.createInvokeLab === 'function' ? null : loadScript(url('invokelab.js'), 'invokelab.js'),
  ]);
  if (typeof globalThis.createInvokeLab !== 'function') throw new LoadError('load.network', { file: 'invokelab.js' });
  hooks.onStarting();
  let aborted = null;
  const started = globalThis.createInvokeLab({
    canvas,
    wasmBinary,
    locateFile: (p) => url(p),
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
