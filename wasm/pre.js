// Invoke Lab: fetches the UI font before main() runs, so the very first frame draws Korean.
// The file sits next to invokelab.js (site-files.txt lists it); locateFile lets the page move it.
// A page that downloaded it already passes the bytes as Module.invokeLabFont (web/js/loader.js).
// This is the small first-load font: Hangul beyond the UI's own strings comes later, in the
// files of fonts/fonts.json, through il_font_glyphs (web/js/fonts.js).
(function () {
  var fontPath = 'fonts/NanumGothic-ui.ttf';
  function fetchFont() {
    if (Module['invokeLabFont']) return;
    if (typeof fetch !== 'function' || typeof window === 'undefined') return;
    addRunDependency('invokelab-font');
    fetch(locateFile(fontPath))
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
      .then(function (b) { Module['invokeLabFont'] = new Uint8Array(b); })
      .catch(function (e) { console.warn('Invoke Lab: UI font not loaded (' + e + '); using the built-in English-only font'); })
      .then(function () { removeRunDependency('invokelab-font'); });
  }
  if (!Module['preRun']) Module['preRun'] = [];
  else if (typeof Module['preRun'] === 'function') Module['preRun'] = [Module['preRun']];
  Module['preRun'].push(fetchFont);
})();

// The split module (issue 9; wasm/CMakeLists.txt, scripts/split-wasm.mjs). The page starts with
// invokelab.wasm, the code its first frame runs; invokelab.deferred.wasm holds the rest. Its
// functions are placeholders in the table until it is instantiated against the first module's
// exports, which replaces them. The page loads it right after its first frame
// (Module.invokeLabLoadDeferred(), asynchronous); a placeholder called before that loads it
// synchronously here (Module.loadSplitModule, Emscripten's hook), so nothing ever fails for
// want of it, it only waits. An unsplit build has no placeholders: neither runs.
(function () {
  var deferredFile = 'invokelab.deferred.wasm';
  // placeholder: the table index whose call loaded the file synchronously (wasm-split
  // --placeholdermap names it), null when the page's own load came first.
  var state = { loaded: false, how: null, ms: null, placeholder: null, pending: null };
  // {loaded, how: 'prefetch' | 'sync', ms, placeholder}, or null for an unsplit build.
  Module['invokeLabDeferredState'] = function () {
    return isSplit() ? { loaded: state.loaded, how: state.how, ms: state.ms, placeholder: state.placeholder } : null;
  };
  function isSplit() {
    var m = Module['invokeLabWasmModule'];
    if (!m || typeof WebAssembly.Module.imports !== 'function') return false;
    return WebAssembly.Module.imports(m).some(function (i) { return i.module === 'placeholder'; });
  }
  function instantiate(module, how, t0) {
    if (state.loaded) return state.instance;
    var instance = new WebAssembly.Instance(module, { 'primary': Module['asm'] });
    state.loaded = true; state.how = how; state.ms = Math.round((performance.now() - t0) * 10) / 10; state.instance = instance;
    return instance;
  }
  // Emscripten 3.1.6 (preamble.js) calls this from a placeholder: (file, imports, prop).
  // Compiling ~830 KB synchronously on the main thread needs Chrome/Edge 114 or later (before,
  // Chromium refused more than 4 KB there: blink-dev "Intent to Ship: Deprecate module size limit
  // for WebAssembly.Module()", April 2023; the limit is 8 MB now), or Firefox or Safari, which
  // never had one. Only this fallback compiles synchronously.
  Module['loadSplitModule'] = function (file, imports, prop) {
    if (state.loaded) return [state.instance, state.module];
    state.placeholder = Number(prop);
    var t0 = performance.now();
    // Synchronous XMLHttpRequest cannot ask for an ArrayBuffer: read the bytes as x-user-defined text.
    var xhr = new XMLHttpRequest();
    xhr.open('GET', locateFile(deferredFile), false);
    xhr.overrideMimeType('text/plain; charset=x-user-defined');
    xhr.send(null);
    if (xhr.status !== 200 && xhr.status !== 0) throw new Error(deferredFile + ': HTTP ' + xhr.status);
    var text = xhr.responseText, bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    state.module = new WebAssembly.Module(bytes);
    return [instantiate(state.module, 'sync', t0), state.module];
  };
  // Resolves once the deferred code is in (at once for an unsplit build).
  Module['invokeLabLoadDeferred'] = function () {
    if (state.loaded || !isSplit()) return Promise.resolve(Module['invokeLabDeferredState']());
    if (state.pending) return state.pending;
    var t0 = performance.now();
    state.pending = fetch(locateFile(deferredFile))
      .then(function (r) {
        if (!r.ok) throw new Error(deferredFile + ': HTTP ' + r.status);
        return WebAssembly.compileStreaming
          ? WebAssembly.compileStreaming(new Response(r.body, { headers: { 'Content-Type': 'application/wasm' } }))
          : r.arrayBuffer().then(function (b) { return WebAssembly.compile(b); });
      })
      .then(function (module) {
        if (!state.loaded) { state.module = module; instantiate(module, 'prefetch', t0); }
        return Module['invokeLabDeferredState']();
      });
    return state.pending;
  };
  // The placeholder's two console lines (preamble.js) say nothing a learner needs.
  var printErr = Module['printErr'];
  Module['printErr'] = function (text) {
    if (/^(placeholder function called: |instantiated deferred module, continuing$)/.test(String(text))) return;
    (printErr || console.warn.bind(console))(text);
  };
})();
