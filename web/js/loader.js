// Loads the WebAssembly app: checks WebGL2, compiles invokelab.wasm while it downloads, fetches
// the app's other first-load files (app-files.json: the UI font) with one progress report (bytes
// of total), loads the Emscripten glue (a classic script that defines createInvokeLab) and
// starts it on our canvas. Marks every step (performance.mark 'il:…', timings() below).
//
// Keyboard: the app itself moves GLFW's key listeners from window to the canvas
// (wasm/imgui_impl_canvas.cpp), so Tab and Backspace keep working in the page's fields.

// Start-up marks (performance.mark, names 'il:…'), in the order they happen: see timings().
// startTime (ms since navigation start) records a moment already measured, so a mark and the
// value it stands for are one reading, not two.
export const mark = (name, startTime) => {
  try { performance.mark(name, startTime === undefined ? undefined : { startTime }); } catch { /* no User Timing */ }
};

export class LoadError extends Error {
  constructor(key, params = {}, detail = '') {
    super(key + (detail ? `: ${detail}` : ''));
    this.key = key; this.params = params; this.detail = detail;
  }
}

// Makes the app's WebGL2 context on its own canvas, with the attributes Emscripten's GLFW asks
// for (library_glfw.js: no antialiasing, alpha, depth and stencil bits; library_browser.js adds
// majorVersion). glfwCreateWindow's getContext then gets this same context back instead of a
// second one, so the check costs the page nothing (a throwaway context on another canvas took
// 10-28 ms of the first frame on a 2-core machine, issue 9). The canvas first gets the pixel
// size the app gives it (wasm/imgui_impl_canvas.cpp, ImGui_ImplCanvas_PollSize: CSS size times
// devicePixelRatio, clamped to 0.5-4, at least 1 pixel), so its drawing buffer is made once.
// False when there is no WebGL2.
export const GL_ATTRIBUTES = Object.freeze({ antialias: false, alpha: true, depth: true, stencil: true, majorVersion: 2 });
export function canvasPixels(canvas) {
  const r = canvas.getBoundingClientRect();
  const dpr = Math.min(4, Math.max(0.5, Number(window.devicePixelRatio) || 1));
  return [Math.max(1, Math.round(r.width * dpr)), Math.max(1, Math.round(r.height * dpr))];
}
export function makeWebGL2Context(canvas) {
  try {
    const [w, h] = canvasPixels(canvas);
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    return canvas.getContext('webgl2', { ...GL_ATTRIBUTES }) !== null;
  } catch { return false; }
}

// Downloads one file; onBytes(n) reports decoded bytes as chunks arrive.
async function fetchWithProgress(url, file, onBytes) {
  let res;
  try { res = await fetch(url); } catch (e) { throw new LoadError('load.network', { file }, String(e)); }
  if (!res.ok) throw new LoadError('load.httpError', { file, status: res.status });
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

// Fetches and compiles the wasm while it downloads (WebAssembly.compileStreaming), counting
// decoded bytes for the progress bar. The response is re-wrapped with Content-Type
// application/wasm, so a static host that labels .wasm otherwise still streams.
async function compileWasm(url, onBytes) {
  const file = 'invokelab.wasm';
  let res;
  try { res = await fetch(url); } catch (e) { throw new LoadError('load.network', { file }, String(e)); }
  if (!res.ok) throw new LoadError('load.httpError', { file, status: res.status });
  mark('il:compile-start');
  let module;
  if (res.body && typeof WebAssembly.compileStreaming === 'function' && typeof TransformStream === 'function') {
    const counted = res.body.pipeThrough(new TransformStream({
      transform(chunk, out) { onBytes(chunk.length); out.enqueue(chunk); },
      flush() { mark('il:downloaded:invokelab.wasm'); },
    }));
    module = await WebAssembly.compileStreaming(new Response(counted, { headers: { 'Content-Type': 'application/wasm' } }));
  } else {
    const bytes = new Uint8Array(await res.arrayBuffer());
    onBytes(bytes.length);
    mark('il:downloaded:invokelab.wasm');
    module = await WebAssembly.compile(bytes);
  }
  mark('il:compiled');
  return module;
}

// The app's files downloaded before the first frame, as scripts/assemble-site.sh lists them
// (from the build's site-files.txt, lazy files left out): [{path, bytes}] with bytes the
// file's size (decoded: the wire may carry br/gzip). Plain strings are accepted too (older
// lists). Missing list = only invokelab.js and invokelab.wasm. The assembled index.html carries
// the list inline (<script type="application/json" id="app-files">), saving a request.
async function appFiles(url) {
  try {
    const inline = document.getElementById('app-files');
    let list;
    if (inline) list = JSON.parse(inline.textContent);
    else {
      const res = await fetch(url('app-files.json'));
      if (!res.ok) return [];
      list = await res.json();
    }
    if (!Array.isArray(list)) return [];
    return list.map((e) => (typeof e === 'string' ? { path: e, bytes: 0 } : e))
      .filter((e) => e && typeof e.path === 'string' && !/^(\/|.*\.\.)/.test(e.path));
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
// hooks: { onProgress(done, total), onStarting(), print(text), printErr(text), lang }
// The wasm, the glue and the file list start at once (index.html also preloads them, see
// scripts/assemble-site.sh); the other first-load files (the UI font) when the list arrives.
export async function loadApp(canvas, base, hooks) {
  const url = (p) => new URL(p, base).href;
  mark('il:fetch');
  let done = 0, total = 0;
  const report = () => hooks.onProgress(done, total ? Math.max(total, done) : 0);
  const onBytes = (n) => { done += n; report(); };
  const compiled = compileWasm(url('invokelab.wasm'), onBytes);
  // Keep a failed compile from going unhandled while the checks and other downloads go on.
  compiled.catch(() => {});
  // The app's context, made while the downloads run, not before.
  if (!makeWebGL2Context(canvas)) throw new LoadError('load.noWebgl2');
  const glue = typeof globalThis.createInvokeLab === 'function' ? null
    : loadScript(url('invokelab.js'), 'invokelab.js').then(() => mark('il:glue'));
  const listed = await appFiles(url);
  total = listed.reduce((n, e) => n + (Number(e.bytes) || 0), 0);
  report();
  const extraFiles = listed.map((e) => e.path).filter((p) => !/^invokelab\.(js|wasm)$/.test(p));
  const extra = extraFiles.map((f) => fetchWithProgress(url(f), f, onBytes).then((b) => { mark(`il:downloaded:${f}`); return b; }));
  const [wasmModule, bytes] = await Promise.all([compiled, Promise.all(extra), glue]);
  mark('il:downloaded');
  const files = new Map(extraFiles.map((f, i) => [f, bytes[i]]));
  const font = extraFiles.find((f) => /\.ttf$/.test(f));
  const blobs = new Map(extraFiles.map((f) => [f, URL.createObjectURL(new Blob([files.get(f)]))]));
  if (typeof globalThis.createInvokeLab !== 'function') throw new LoadError('load.network', { file: 'invokelab.js' });
  hooks.onStarting();
  let aborted = null, failInstantiate;
  const instantiateFailed = new Promise((_, reject) => { failInstantiate = reject; });
  const started = globalThis.createInvokeLab({
    canvas,
    // The UI font, already downloaded: pre.js skips its own fetch.
    ...(font ? { invokeLabFont: files.get(font) } : {}),
    // Tells pre.js whether this build is split (its imports name the deferred placeholders).
    invokeLabWasmModule: wasmModule,
    // The language of the first frame, which main() draws before it returns (wasm/main.cpp).
    ...(typeof hooks.lang === 'string' ? { invokeLabLang: hooks.lang } : {}),
    instantiateWasm: (imports, ok) => {
      WebAssembly.instantiate(wasmModule, imports).then((instance) => { mark('il:instantiated'); ok(instance, wasmModule); },
        (e) => { aborted = String(e); failInstantiate(e); });
      return {};
    },
    locateFile: (p) => blobs.get(p) ?? url(p),
    print: hooks.print,
    printErr: hooks.printErr,
    onAbort: (what) => { aborted = what; },
  });
  try {
    return await Promise.race([started, instantiateFailed]);
  } catch (e) {
    throw new LoadError('load.failed', {}, String(aborted ?? e?.message ?? e));
  }
}

// After the first frame: the rest of the code (invokelab.deferred.wasm, when the build is split:
// wasm/pre.js). Resolves with {loaded, how, ms}; never rejects, since a placeholder called
// later loads the file itself.
export async function loadDeferred(mod) {
  if (typeof mod.invokeLabLoadDeferred !== 'function') return null;
  mark('il:deferred-start');
  try {
    const s = await mod.invokeLabLoadDeferred();
    mark('il:deferred');
    return s;
  } catch (e) {
    console.warn('Invoke Lab: the deferred code did not load after the first frame; it loads when first needed:', e);
    return null;
  }
}

// The build tool's view of an instrumented build (scripts/split-wasm.mjs): once `frames` more
// frames are drawn, the profile of the functions run so far (wasm-split --instrument's
// __write_profile) as an Array of bytes. ImGui lays a new window out on its first frame and
// draws it on a later one, and the page's frames go on while invokelab.deferred.wasm
// downloads, so the split keeps what those frames run too. Resolves with null at once for a
// build that is not instrumented (every page a learner gets).
export async function wasmProfile(mod, frameCount, frames) {
  const write = mod?.asm?.__write_profile;
  if (typeof write !== 'function') return null;
  const until = frameCount() + frames;
  await new Promise((resolve) => { const tick = () => (frameCount() >= until ? resolve() : requestAnimationFrame(tick)); tick(); });
  const size = write(0, 0);
  const ptr = mod._malloc(size);
  try {
    const n = write(ptr, size);
    return Array.from(mod.HEAPU8.subarray(ptr, ptr + n));
  } finally { mod._free(ptr); }
}

// Resolves with performance.now() at the first frame the app reports as drawn.
export function waitFirstFrame(frameCount) {
  return new Promise((resolve) => {
    const tick = () => { if (frameCount() >= 1) resolve(performance.now()); else requestAnimationFrame(tick); };
    // Never at once: main() draws the first frame, and the page sees it at the next animation frame.
    requestAnimationFrame(tick);
  });
}

// The start-up breakdown: every 'il:' mark (ms since navigation start), the phases between
// them, and each resource as served (transferSize / encodedBodySize are the compressed bytes on
// the wire, decodedBodySize the file). bytesBeforeFirstFrame counts what finished downloading
// before 'il:first-frame' (the document included). Phases whose marks are missing are null.
const PHASES = [
  ['html', null, 'il:html'], ['modules', 'il:html', 'il:boot'], ['download', 'il:fetch', 'il:downloaded'],
  ['compile', 'il:compile-start', 'il:instantiated'], ['start', 'il:instantiated', 'il:main'], ['context', 'il:main', 'il:gl-context'],
  ['app', 'il:gl-context', 'il:app'], ['wait', 'il:app', 'il:atlas-start'],
  ['atlas', 'il:atlas-start', 'il:atlas-end'], ['layout', 'il:atlas-end', 'il:first-layout'],
  ['draw', 'il:first-layout', 'il:first-draw'], ['present', 'il:first-draw', 'il:first-frame'],
  ['firstFrame', null, 'il:first-frame'],
];
export function timings() {
  const round = (x) => Math.round(x * 10) / 10;
  const marks = {};
  for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('il:') && !(m.name in marks)) marks[m.name] = round(m.startTime);
  const nav = performance.getEntriesByType('navigation')[0];
  if (nav && !('il:html' in marks)) marks['il:html'] = round(nav.responseEnd);
  const phases = {};
  for (const [name, from, to] of PHASES) {
    const a = from === null ? 0 : marks[from], b = marks[to];
    phases[name] = a === undefined || b === undefined ? null : round(b - a);
  }
  const here = new URL('.', location.href).href;
  const entry = (r) => ({
    name: r.name.startsWith(here) ? r.name.slice(here.length) || 'index.html' : r.name, start: round(r.startTime), end: round(r.responseEnd),
    transferSize: r.transferSize ?? 0, encodedBodySize: r.encodedBodySize ?? 0, decodedBodySize: r.decodedBodySize ?? 0,
  });
  const resources = [...(nav ? [nav] : []), ...performance.getEntriesByType('resource')].map(entry);
  const ff = marks['il:first-frame'];
  const before = ff === undefined ? [] : resources.filter((r) => r.end <= ff && !r.name.startsWith('blob:'));
  const sum = (k) => before.reduce((n, r) => n + r[k], 0);
  return {
    marks, phases, resources,
    bytesBeforeFirstFrame: { transfer: sum('transferSize'), encoded: sum('encodedBodySize'), decoded: sum('decodedBodySize'), files: before.length },
  };
}
