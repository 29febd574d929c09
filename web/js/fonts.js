// Glyphs on demand for the canvas. The first frame bakes only a small font (ASCII, symbols,
// the UI's own Korean strings: fonts/NanumGothic-ui.ttf); learners' Korean (payloads, failure
// messages, queue names) can hold any of Unicode's 11,172 Hangul syllables. Every text the
// simulation shows passes through scan() (see main.js: the command lines and their output,
// the trace entries as the narrator reads them, a handler's store requests, a loaded
// session's lines, and the whole state when something reads it); characters the atlas lacks are looked up in fonts/fonts.json (the lazy files of
// wasm/fonts/make_font_subset.py --split), the file that has them is fetched once and the
// app bakes just those characters into its atlas before its next frame (il_font_glyphs).
//
//   const glyphs = new LazyGlyphs(Module, baseUrl); glyphs.scan(text); glyphs.start();
//   glyphs.report() -> {files: [fetched files], baked: n, missing: [chars no file has], pending}
//   glyphs.idle()   -> a promise that settles when nothing is being fetched
// Before start() (the first frame) texts are only queued: the atlas does not exist yet.

const NON_ASCII = /[^\x00-\x7e]+/g;

export class LazyGlyphs {
  constructor(mod, base) {
    this.mod = mod;
    this.url = (p) => new URL(p, base).href;
    this.glyphs = mod.cwrap('il_font_glyphs', 'number', ['string', 'number', 'number', 'string']);
    this.hasGlyph = mod.cwrap('il_font_has_glyph', 'number', ['number']);
    this.seen = new Set();          // code points already checked (baked, requested or missing)
    this.queued = [];               // texts scanned before start()
    this.started = false;
    this.manifest = null;           // promise of [{file, ranges}]
    this.files = new Map();         // file -> promise of true once the app has its bytes
    this.missing = [];              // characters no font file has (shown as the fallback glyph)
    this.baked = 0;                 // characters handed to the app
    this.pending = 0;
    this.settled = Promise.resolve();
  }

  start() {
    this.started = true;
    const texts = this.queued;
    this.queued = [];
    for (const t of texts) this.scan(t);
  }

  scan(text) {
    if (typeof text !== 'string' || !text) return;
    const runs = text.match(NON_ASCII);
    if (!runs) return;
    if (!this.started) { this.queued.push(runs.join('')); return; }
    const wanted = [];
    for (const run of runs) {
      for (const ch of run) {
        const cp = ch.codePointAt(0);
        if (cp > 0xffff || this.seen.has(cp)) continue;   // the atlas holds the BMP only
        this.seen.add(cp);
        if (!this.hasGlyph(cp)) wanted.push(cp);
      }
    }
    if (wanted.length) this.request(wanted);
  }

  request(codePoints) {
    this.pending++;
    const job = this.load(codePoints).catch((e) => console.warn('Invoke Lab: glyphs not loaded:', e))
      .finally(() => { this.pending--; });
    this.settled = Promise.all([this.settled, job]).then(() => {});
  }

  idle() { return this.settled; }

  report() {
    return { files: [...this.files.keys()], baked: this.baked, missing: [...this.missing], pending: this.pending };
  }

  async load(codePoints) {
    const manifest = await this.loadManifest();
    const byFile = new Map();
    for (const cp of codePoints) {
      const entry = manifest.find((m) => holds(m.ranges, cp));
      if (!entry) { this.missing.push(String.fromCodePoint(cp)); continue; }
      if (!byFile.has(entry.file)) byFile.set(entry.file, []);
      byFile.get(entry.file).push(cp);
    }
    await Promise.all([...byFile].map(async ([file, cps]) => {
      const chars = String.fromCodePoint(...cps);
      const first = !this.files.has(file);
      if (first) this.files.set(file, this.fetchInto(file, chars));
      const ok = await this.files.get(file);
      if (!first && ok) this.baked += Math.max(0, this.glyphs(file, 0, 0, chars));
    }));
  }

  loadManifest() {
    if (!this.manifest) {
      this.manifest = fetch(this.url('fonts/fonts.json')).then((r) => {
        if (!r.ok) throw new Error(`fonts/fonts.json: HTTP ${r.status}`);
        return r.json();
      }).then((m) => (Array.isArray(m?.lazy) ? m.lazy.filter((e) => typeof e?.file === 'string' && Array.isArray(e.ranges)) : []));
    }
    return this.manifest;
  }

  // Fetches a font file and hands it to the app with its first characters.
  async fetchInto(file, chars) {
    const res = await fetch(this.url(file));
    if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const m = this.mod;
    const ptr = m._malloc(bytes.length);
    if (!ptr) throw new Error(`${file}: no memory for ${bytes.length} bytes`);
    try {
      m.HEAPU8.set(bytes, ptr);
      const n = this.glyphs(file, ptr, bytes.length, chars);
      if (n < 0) throw new Error(`${file}: refused by the app`);
      this.baked += n;
    } finally {
      m._free(ptr);
    }
    return true;
  }
}

// ranges: sorted [first, last] pairs.
function holds(ranges, cp) {
  let lo = 0, hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1, r = ranges[mid];
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}
