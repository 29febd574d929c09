// The Lambda Python runtime of the page: MicroPython (WebAssembly) running learner code for
// the core's CodeRunner (wasm/README.md: globalThis.invokeLabPython.run(requestJson) ->
// resultJson, synchronous). Loaded lazily: only when the editor opens or code is deployed,
// so the first load of the page downloads none of it.
//
//   installPythonRuntime({ base })            -> globalThis.invokeLabPython (idempotent)
//   invokeLabPython.ready()                   -> Promise, resolved once MicroPython runs
//   invokeLabPython.isReady()                 -> bool
//   invokeLabPython.run(requestJson)          -> resultJson (throws nothing; errors are results)
//   invokeLabPython.check(source, filename)   -> null | {line, message}: syntax check for the editor
//   invokeLabPython.serviceCall               -> (service, operation, json, requestId) => json;
//                                                set by the page to the core's il_service_call
//
// Node (tests/node/) uses createPythonRuntime() with its own loader and file reader.
//
// Virtual time: a run charges 1 ms, plus 10 µs per loop iteration (see python-transform.js),
// plus what time.sleep() asks, plus 1 ms per store call; reaching the function's timeout stops
// the code (status "timeout"). A guard of WALL_LIMIT_MS real milliseconds per attempt stops
// code that would still block the tab (e.g. a 900 s timeout spent in a busy loop).

import { instrument, jsonToPython, cpythonSyntaxError } from './python-transform.js';

export const SHIM_FILES = ['invokelab_rt.py', 'json_shim.py', 'logging_shim.py', 'time_shim.py', 'decimal_shim.py',
  'redis/__init__.py', 'redis/exceptions.py', 'boto3/__init__.py', 'botocore/__init__.py', 'botocore/exceptions.py'];
const WALL_LIMIT_MS = 2500;
const TASK = '/var/task';
const RUNTIME_DIR = '/var/runtime';

// loadMicroPython: the package's export; readShim(path) -> Promise<text> for SHIM_FILES.
export async function createPythonRuntime({ loadMicroPython, readShim, serviceCall = null, heapsize = 16 * 1024 * 1024 }) {
  let out = [];                    // log entries of the current run
  let pending = [];                // stdout bytes not yet ended by a newline
  const decoder = new TextDecoder();
  const flush = () => {
    if (!pending.length) return;
    out.push({ kind: 'print', text: decoder.decode(new Uint8Array(pending)) });
    pending = [];
  };
  const onByte = (bytes) => {
    for (const b of bytes) {
      pending.push(b);
      if (b === 10) flush();
    }
  };
  // The shims download while MicroPython compiles.
  const shimTexts = Promise.all(SHIM_FILES.map((p) => readShim(p)));
  const mp = await loadMicroPython({ heapsize, stdout: onByte, stderr: onByte, linebuffer: false });
  const FS = mp.FS;

  const api = {
    serviceCall,
    lastWallMs: 0,
  };
  let requestId = '';
  let startMs = 0;
  let wallStart = 0;
  mp.registerJsModule('_il', {
    log: (level, text) => { flush(); out.push({ kind: 'log', level: String(level), text: String(text) }); },
    print_text: (text) => { flush(); out.push({ kind: 'print', text: String(text) }); },
    json_to_python: (text) => jsonToPython(String(text)),
    syntax_error: (src, line, message) => { const r = cpythonSyntaxError(String(src), Number(line), String(message)); return `${r.line}\n${r.message}`; },
    wall_expired: () => performance.now() - wallStart > WALL_LIMIT_MS,
    start_ms: () => startMs,
    set_request: (id) => { requestId = String(id); },
    clear_task: () => removeTree(FS, TASK),
    write_file: (name, text) => writeTaskFile(FS, String(name), String(text)),
    service_call: (service, operation, json) => {
      const call = api.serviceCall;
      if (typeof call !== 'function') {
        return JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'The simulator has no store service in this build.' } });
      }
      const r = call(String(service), String(operation), String(json), requestId);
      return typeof r === 'string' ? r : JSON.stringify(r);
    },
  });

  mkdirs(FS, RUNTIME_DIR);
  const texts = await shimTexts;
  for (const [i, path] of SHIM_FILES.entries()) {
    const text = texts[i];
    const full = `${RUNTIME_DIR}/${path}`;
    mkdirs(FS, full.slice(0, full.lastIndexOf('/')));
    FS.writeFile(full, text);
  }
  mkdirs(FS, TASK);
  mp.runPython(`
import sys
sys.path.clear()
sys.path.append('${TASK}')
sys.path.append('${RUNTIME_DIR}')
sys.path.append('.frozen')
import builtins
import invokelab_rt
builtins._il_tick = invokelab_rt.tick
builtins._il_it = invokelab_rt.it
builtins._il_D = invokelab_rt.D
builtins._il_SPREAD = invokelab_rt.SPREAD
builtins.print = invokelab_rt._print
builtins.repr = invokelab_rt._rp
invokelab_rt.install_shims()
`);
  const rt = mp.pyimport('invokelab_rt');
  const runJson = rt.run_json;
  const checkPy = rt.check;

  api.run = (requestJson) => {
    out = []; pending = [];
    wallStart = performance.now();
    let req = {};
    try { req = JSON.parse(requestJson); } catch { /* the Python side reports it */ }
    startMs = Number(req?.context?.startMs ?? req?.context?.nowMs ?? 0) || 0;
    let result;
    try {
      result = JSON.parse(runJson(String(requestJson)));
    } catch (e) {
      result = { status: 'error', errorType: 'Runtime.Unknown', errorMessage: 'The Python runtime failed: ' + String(e?.message ?? e).split('\n').slice(-2).join(' ').trim(), stackTrace: [], initError: false, durationMs: 1 };
    }
    flush();
    result.logs = out;
    api.lastWallMs = performance.now() - wallStart;
    out = [];
    return JSON.stringify(result);
  };
  api.check = (source, filename = 'lambda_function.py') => {
    const r = checkPy(String(source), String(filename));
    if (!r) return null;
    const [line, message] = [...r];
    return { line: Number(line), message: String(message) };
  };
  return api;
}

function mkdirs(FS, dir) {
  let at = '';
  for (const part of dir.split('/').filter(Boolean)) {
    at += '/' + part;
    try { FS.mkdir(at); } catch { /* exists */ }
  }
}

function removeTree(FS, dir) {
  let names = [];
  try { names = FS.readdir(dir); } catch { return; }
  for (const name of names) {
    if (name === '.' || name === '..') continue;
    const p = `${dir}/${name}`;
    const st = FS.stat(p);
    if (FS.isDir(st.mode)) { removeTree(FS, p); FS.rmdir(p); } else FS.unlink(p);
  }
}

// Writes one file of the code package under /var/task; Python files are instrumented.
function writeTaskFile(FS, name, text) {
  if (name.startsWith('/') || name.split('/').includes('..')) return;
  const full = `${TASK}/${name}`;
  mkdirs(FS, full.slice(0, full.lastIndexOf('/')));
  FS.writeFile(full, name.endsWith('.py') ? instrument(text) : text);
}

// [SECTION] The page's lazily loaded instance (globalThis.invokeLabPython).
export function installPythonRuntime({ base = new URL('.', location.href), serviceCall = null } = {}) {
  if (globalThis.invokeLabPython) {
    if (serviceCall) globalThis.invokeLabPython.serviceCall = serviceCall;
    return globalThis.invokeLabPython;
  }
  let impl = null;
  let loading = null;
  const t0 = performance.now();
  const facade = {
    loadMs: null,
    serviceCall,
    isReady: () => !!impl,
    ready() {
      if (!loading) {
        loading = (async () => {
          const mpUrl = new URL('vendor/micropython/micropython.mjs', base).href;
          const { loadMicroPython } = await import(mpUrl);
          const readShim = async (p) => {
            const res = await fetch(new URL('py/' + p, base));
            if (!res.ok) throw new Error(`py/${p}: HTTP ${res.status}`);
            return res.text();
          };
          const wasmUrl = new URL('vendor/micropython/micropython.wasm', base).href;
          impl = await createPythonRuntime({
            loadMicroPython: (opts) => loadMicroPython({ ...opts, url: wasmUrl }),
            readShim,
            serviceCall: (...a) => (facade.serviceCall ? facade.serviceCall(...a) : JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'no store service' } })),
          });
          facade.loadMs = Math.round(performance.now() - t0);
          return facade;
        })();
        loading.catch(() => { loading = null; });
      }
      return loading;
    },
    run(requestJson) {
      if (!impl) {
        return JSON.stringify({ status: 'error', errorType: 'Runtime.Unavailable', errorMessage: 'The Python runtime is not loaded yet: open the code editor or deploy again.', stackTrace: [], initError: true, durationMs: 0, logs: [] });
      }
      return impl.run(requestJson);
    },
    check: (source, filename) => (impl ? impl.check(source, filename) : null),
    get lastWallMs() { return impl ? impl.lastWallMs : 0; },
  };
  globalThis.invokeLabPython = facade;
  return facade;
}
