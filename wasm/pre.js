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
