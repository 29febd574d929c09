// Boots the page: language, panels, the WebAssembly app, window.invokeLab, the embed API.
//
// Everything that changes the simulation goes through one function, run(line): the Shell.
// The page keeps only mirrors (playing, speed, language) of what the app owns.

import * as i18n from './i18n.js';
import { t } from './i18n.js';
import { loadApp, waitFirstFrame, LoadError, mark, timings, loadDeferred, wasmProfile } from './loader.js';
import { Terminal } from './terminal.js';
import { InvokePanel } from './invoke-panel.js';
import { Narrator } from './narration.js';
import { startEmbedApi } from './embed.js';
import { Learn } from './learn.js';
import { LazyGlyphs } from './fonts.js';
import { TimeSlider } from './time-slider.js';

mark('il:boot');
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const embedded = params.get('embed') === '1';
if (embedded) document.body.classList.add('embed');

// [SECTION] Language: ?lang= (this visit only) > remembered choice > Korean.
const urlLang = i18n.LANGS.includes(params.get('lang')) ? params.get('lang') : null;
i18n.setLang(urlLang ?? i18n.storedLang() ?? 'ko', { remember: false });
const langSelect = $('lang');
langSelect.value = i18n.lang();
langSelect.addEventListener('change', () => i18n.setLang(langSelect.value));

// [SECTION] The app's exported functions (filled in once the module runs).
let Module = null;
const c = {};                      // cwrapped exports
let glyphs = null;                 // the canvas' glyphs on demand (fonts.js): fed every text the world shows
let ui = { playing: true, speed: 60, lang: i18n.lang() };

let resolveReady;
const ready = new Promise((r) => { resolveReady = r; });

function state() {
  if (!Module) return null;
  const text = c.state(null);
  glyphs?.scan(text);
  return JSON.parse(text);
}

// What the invoke panel mirrors (its role's policies, the function's DLQ, retry and failure
// settings, the account and region) and the play state, in state()'s shapes (wasm/README.md,
// il_state("panel")). The panel reads this after every command and seek, never the whole
// state: that grows with the history (~37 MB of JSON and ~1.6 s for 10 000 requests), this
// does not. Its text is not scanned for glyphs: everything in it came from command lines.
function panelState() {
  if (!Module) return null;
  return JSON.parse(c.state('panel'));
}

// New trace entries carry what time produced without a command (log lines of later attempts,
// a Python handler's print): scanned for glyphs too.
function traceSince(i) {
  if (!Module) return [];
  const text = c.traceSince(i);
  glyphs?.scan(text);
  return JSON.parse(text);
}

// Runs one Shell line, echoes it in the terminal (with who ran it) and refreshes mirrors.
// The app copies each string argument onto its 32 MB stack, 4 bytes per UTF-16 unit
// (wasm/CMakeLists.txt, TOTAL_STACK): longer text is refused here, with a message, instead of
// overrunning it. 6.5 M characters hold Lambda's largest payload (6 MB) with its command line.
const MAX_ARG_CHARS = 6_500_000;
function tooLong(s) { const n = String(s).length; return n > MAX_ARG_CHARS ? n : 0; }

function run(line, source = 'api') {
  if (!Module) return null;
  const big = tooLong(line);
  if (big) {
    const result = { stdout: '', stderr: t('term.tooLong', { n: big.toLocaleString('en-US'), max: MAX_ARG_CHARS.toLocaleString('en-US') }) + '\n', exitCode: 255 };
    terminal.echo('$ ' + String(line).slice(0, 200) + '…', result, source);
    return result;
  }
  glyphs?.scan(String(line));
  const text = c.run(String(line));
  glyphs?.scan(text);                // output the world made up (a handler's result, an error)
  const result = JSON.parse(text);
  terminal.echo('$ ' + line, result, source);
  afterCommand();
  return result;
}

// Runs many lines in one go (benchmarks, tests, building a long history): each through the
// Shell as run() does, but the terminal gets one summary line and the mirrors are refreshed
// once at the end (run() echoes, mirrors and narrates every line), and the event log skips
// the batch.
// Stops at the first line over MAX_ARG_CHARS. Returns {ran, failed, last}: lines run, lines
// with a non-zero exit code, the last line's result.
function runMany(lines, source = 'api') {
  if (!Module) return null;
  const list = Array.from(lines ?? [], String);
  let ran = 0, failed = 0, last = null;
  for (const line of list) {
    if (tooLong(line)) { last = run(line, source); failed++; break; }
    glyphs?.scan(line);
    last = JSON.parse(c.run(line));
    ran++;
    if (last.exitCode !== 0) failed++;
  }
  terminal.echo(t('term.ranMany', { n: ran.toLocaleString('en-US'), failed: failed.toLocaleString('en-US') }), null, source);
  // The batch is not narrated line by line (tens of thousands of entries): the event log reads
  // on from its end, as after a seek.
  afterSeek();
  learn.poll();
  return { ran, failed, last };
}

function afterCommand() {
  try { panel.mirror(panelState()); } catch { /* state unreadable mid-development: panel keeps its values */ }
  narrator.poll(traceSinceChecked);
  learn.poll();
}

// [SECTION] The learning exports (CONTRACT.md §6). Each answers JSON; a build without them
// answers as if it refused, so the page never breaks on an older app.
const noExports = () => ({ ok: false, error: { ko: t('learn.noExports', {}, 'ko'), en: t('learn.noExports', {}, 'en') } });
function parse(text) { try { return JSON.parse(text); } catch { return { ok: false, error: { en: String(text), ko: String(text) } }; } }

// Loads scenario text (or a share fragment) into the world, echoes it in the terminal and
// brings every mirror up to date (the play state too: a share link arrives paused).
function loadWorld(fn, arg, pause, label) {
  if (!Module || !fn) return noExports();
  const big = tooLong(arg);
  if (big) {
    const vars = { n: big.toLocaleString('en-US'), max: MAX_ARG_CHARS.toLocaleString('en-US') };
    return { ok: false, error: { en: t('load.tooLong', vars, 'en'), ko: t('load.tooLong', vars, 'ko') } };
  }
  const r = parse(fn(String(arg), pause ? 1 : 0));
  if (r.ok) {
    terminal.echo(t('learn.loaded', { name: label }), null, 'lesson');
    // Every text of the loaded world came from its command lines (the trace's, such as a
    // handler's prints, are scanned as the narrator reads them).
    if (c.session) glyphs?.scan(c.session());
    const s = panelState();
    if (s?.ui && typeof s.ui.playing === 'boolean') { ui.playing = s.ui.playing; showUi(); }
    afterCommand();
  }
  return r;
}
const learnApi = {
  run: (line, source) => runCodeAware(line, source),
  // Scenario text that deploys code (lab code put) needs the Python runtime before the world
  // replays it: the core calls it synchronously during the replay.
  prepareCode: () => ensurePython(),
  prepareText: (text) => (/(^|\n)\s*(@\S+\s+)?lab\s+code\s+put\s/.test(text) ? ensurePython().catch(() => {}) : null),
  loadScenario: (text, pause = 0, label = 'scenario') => loadWorld(c.loadScenario, text, pause, label),
  loadShare: (fragment, pause = 1) => loadWorld(c.loadShare, fragment, pause, t('learn.shareLabel')),
  shareFragment: () => (Module && c.shareFragment ? c.shareFragment() : null),
  session: () => (Module && c.session ? c.session() : null),
  check: (spec, since = 0) => (Module && c.check ? parse(c.check(JSON.stringify(spec), since | 0)) : { passed: false, error: 'no il_check export' }),
  fact: (spec, since = 0) => (Module && c.fact ? parse(c.fact(JSON.stringify(spec), since | 0)) : { value: null, error: 'no il_fact export' }),
  traceSize: () => (Module && c.traceSize ? c.traceSize() : traceSince(0).length),
  quizPresent: (item, seed) => (c.quizPresent ? parse(c.quizPresent(JSON.stringify(item), Number(seed))) : { error: 'no il_quiz_present export' }),
  quizGrade: (item, seed, answer) => (c.quizGrade ? parse(c.quizGrade(JSON.stringify(item), Number(seed), JSON.stringify(answer))) : { error: 'no il_quiz_grade export' }),
  state: () => state(),
  announce: (text) => { $('narration').textContent = text; },
  notify: (msg) => embed.notify(msg),
};
const learn = new Learn(learnApi, { embedded, params });

// The trace restarts from 0 on `lab reset`; detect that by re-reading the last entry seen.
let lastSeen = null;
function traceSinceChecked(next) {
  if (next > 0 && lastSeen) {
    const again = traceSince(next - 1);
    const first = again[0];
    if (!first || first.i !== lastSeen.i || first.t !== lastSeen.t || first.kind !== lastSeen.kind) {
      narrator.next = 0;
      lastSeen = null;
      return remember(traceSince(0));
    }
    return remember(again.slice(1));
  }
  return remember(traceSince(next));
}
function remember(entries) {
  if (entries.length) { const e = entries[entries.length - 1]; lastSeen = { i: e.i, t: e.t, kind: e.kind }; }
  return entries;
}

// [SECTION] Python handlers (lazy: python-runtime.js, MicroPython and the editor load only
// when the code panel opens or a line deploys code). The core's CodeRunner calls
// globalThis.invokeLabPython.run() synchronously, so the runtime must be running before any
// code is deployed: such lines wait for it, with the clock paused meanwhile.
const CODE_LINE = /^\s*(lab\s+code\s+put\b|aws\s+lambda\s+update-function-code\b)/;
let pythonLoading = null;
function serviceCall(service, operation, json, requestId) {
  if (Module && typeof Module._il_service_call === 'function') {
    glyphs?.scan(String(json));      // a handler's items reach the Stores tab
    if (tooLong(json)) return JSON.stringify({ error: { code: 'ValidationException', message: 'Request too large for the simulator (over 6 500 000 characters).' } });
    return Module.ccall('il_service_call', 'string', ['string', 'string', 'string', 'string'], [service, operation, json, requestId]);
  }
  return JSON.stringify({ error: { code: 'ServiceUnavailable', message: 'This build has no store service (il_service_call).' } });
}
function ensurePython() {
  if (!pythonLoading) {
    pythonLoading = import('./python-runtime.js').then(({ installPythonRuntime }) =>
      installPythonRuntime({ base: new URL('.', location.href), serviceCall }).ready());
    pythonLoading.catch((e) => { console.error('python runtime:', e); pythonLoading = null; });
  }
  return pythonLoading;
}
const pythonReady = () => !!globalThis.invokeLabPython?.isReady();
// Runs a line now, or (a code line before Python runs) once the runtime is up.
function runCodeAware(line, source) {
  if (!CODE_LINE.test(line) || pythonReady()) return run(line, source);
  const wasPlaying = ui.playing;
  if (wasPlaying) setPlaying(false);
  ensurePython().then(() => run(line, source), (e) => terminal.echo('$ ' + line, { stdout: '', stderr: t('code.pythonFailed', { msg: String(e?.message ?? e) }) + '\n', exitCode: 1 }, source))
    .finally(() => { if (wasPlaying) setPlaying(true); });
  return { pending: true };
}

let codePanel = null;
const codeBtn = $('btn-code'), codeBody = $('code-body'), codeSection = $('code-section');
function openCode() {
  codeSection.hidden = false;
  codeBtn.setAttribute('aria-expanded', 'true');
  codeBtn.dataset.i18n = 'code.close';
  codeBtn.textContent = t('code.close');
  if (!codePanel) {
    ensurePython();
    codePanel = import('./code-editor.js').then(({ openCodeEditor }) => openCodeEditor(codeBody, {
      base: new URL('.', location.href), serviceCall,
      run: (line, source) => run(line, source), state: () => panelState(),   // the function list
    }));
    codePanel.catch((e) => { console.error('code editor:', e); codePanel = null; });
    window.invokeLab.codePanel = codePanel;
  }
  return codePanel;
}
codeBtn.addEventListener('click', () => {
  if (codeSection.hidden) { openCode(); codeSection.scrollIntoView({ block: 'nearest' }); }
  else {
    codeSection.hidden = true;
    codeBtn.setAttribute('aria-expanded', 'false');
    codeBtn.dataset.i18n = 'code.open';
    codeBtn.textContent = t('code.open');
  }
});

// A share link whose session deploys code needs Python before the world replays it.
function fragmentHasCode(hash) {
  const m = /^#s=([A-Za-z0-9_-]+)/.exec(hash || '');
  if (!m) return false;
  try {
    const b64 = m[1].replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return /lab code put /.test(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
  } catch { return false; }
}

// [SECTION] Panels
const terminal = new Terminal({
  output: $('term-output'), input: $('term-input'), form: $('term-form'),
  run: (line) => runCodeAware(line, 'terminal'), notReady: () => t('term.notReady'),
});
const panel = new InvokePanel($('invoke-panel'), { exec: (line) => run(line, 'panel'), state: () => panelState() });
const narrator = new Narrator({ live: $('narration'), list: $('event-log'), empty: $('event-log-empty') });

// [SECTION] Time travel: the slider under the canvas (time-slider.js).
const noTravel = () => null;
// The last seek's wall ms (bench/seek-page.mjs): the app's il_seek (replay and swap), and the
// page's resync after it (trace position, panel mirror).
const lastSeek = { seekMs: 0, resyncMs: 0 };
function travel(action = 0) { return Module && c.travel ? JSON.parse(c.travel(action | 0)) : noTravel(); }
function seek(ms) {
  const t0 = performance.now();
  const s = Module && c.seek ? JSON.parse(c.seek(Number(ms))) : noTravel();
  lastSeek.seekMs = performance.now() - t0;
  return s;
}
// After a seek the trace is another world's: read on from its end without narrating it again
// (one entry read, whatever the history), and mirror the panel from panelState() (a few kB).
function afterSeek() {
  const t0 = performance.now();
  const n = Module && c.traceSize ? c.traceSize() : traceSince(0).length;
  narrator.next = n;
  lastSeen = null;
  if (n > 0) remember(traceSince(n - 1));
  try { panel.mirror(panelState()); } catch { /* keep the panel's values */ }
  lastSeek.resyncMs = performance.now() - t0;
}
const slider = new TimeSlider({
  root: $('time-travel'), travel, seek, pause: () => setPlaying(false), afterSeek,
  announce: (text) => { $('narration').textContent = text; },
});

// [SECTION] Play / pause / speed, mirrored from the app; the page owns the space bar.
const playBtn = $('btn-play'), speedSel = $('speed'), nextBtn = $('btn-next');

function showUi() {
  playBtn.textContent = ui.playing ? t('ctrl.pause') : t('ctrl.play');
  playBtn.setAttribute('aria-pressed', ui.playing ? 'false' : 'true');
  playBtn.dataset.playing = String(!!ui.playing);
  const v = String(ui.speed);
  if (![...speedSel.options].some((o) => o.value === v)) {
    const o = document.createElement('option'); o.value = v; o.textContent = `${v}×`; speedSel.appendChild(o);
  }
  speedSel.value = v;
}

function setPlaying(p) { if (!Module) return; c.setPlaying(p ? 1 : 0); ui.playing = !!p; showUi(); }
function setSpeed(x) { if (!Module) return; c.setSpeed(Number(x)); ui.speed = Number(x); showUi(); }
function nextEvent() { if (!Module) return; c.nextEvent(); narrator.poll(traceSinceChecked); }

showUi();   // the page's language from the start, not only once the app is running
playBtn.addEventListener('click', () => setPlaying(!ui.playing));
speedSel.addEventListener('change', () => setSpeed(speedSel.value));
nextBtn.addEventListener('click', () => nextEvent());

function isTypingTarget(el) {
  if (!el || el === document.body) return false;
  if (el.isContentEditable) return true;
  // Buttons, selects, checkboxes and links keep their own use of Space (activation).
  return /^(INPUT|TEXTAREA|SELECT|BUTTON|A|SUMMARY)$/.test(el.tagName);
}
function onSpace(e) {
  if (e.key !== ' ' || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
  if (isTypingTarget(e.target)) return;
  e.preventDefault();
  setPlaying(!ui.playing);
}
document.addEventListener('keydown', onSpace);

// [SECTION] Language changes reach the canvas and every mirror.
i18n.onLangChange((code) => {
  langSelect.value = code;
  if (Module && ui.lang !== code) { c.setLang(code); ui.lang = code; }
  showUi(); panel.relabel(); narrator.relabel(); slider.relabel();
  codeBtn.textContent = t(codeSection.hidden ? 'code.open' : 'code.close');
});

// [SECTION] Callbacks from the app (canvas controls).
globalThis.invokeLabHost = {
  onCommand(line, resultJson) {
    glyphs?.scan(String(resultJson));
    let result;
    try { result = typeof resultJson === 'string' ? JSON.parse(resultJson) : resultJson; } catch { result = { stdout: String(resultJson), stderr: '', exitCode: 0 }; }
    terminal.echo('$ ' + line, result, 'canvas');
    afterCommand();
  },
  onUi(uiJson) {
    let next;
    try { next = typeof uiJson === 'string' ? JSON.parse(uiJson) : uiJson; } catch { return; }
    ui = { ...ui, ...next };
    if (next.lang && next.lang !== i18n.lang()) i18n.setLang(next.lang, { remember: !embedded });
    showUi();
  },
};

// [SECTION] window.invokeLab: the page's programmatic API (tests, the console, embeds).
window.invokeLab = {
  run: (line, source = 'api') => run(line, source),
  runMany: (lines, source = 'api') => runMany(lines, source),
  state,
  traceSince,
  setLang: (code) => i18n.setLang(code, { remember: !embedded }),
  play: () => setPlaying(true),
  pause: () => setPlaying(false),
  setSpeed,
  nextEvent,
  ready,
  firstFrameMs: null,
  timings,                         // start-up breakdown: performance marks 'il:…', phases, bytes (loader.js)
  // invokelab.deferred.wasm: {loaded, how: 'prefetch' | 'sync', ms, placeholder}; null for an unsplit build.
  deferred: () => Module?.invokeLabDeferredState?.() ?? null,
  firstFrameProfile: null,         // an instrumented build's profile just after the first frame (scripts/split-wasm.mjs)
  firstFrameState: null,           // state() read once the first frame was seen and the deferred code loaded
  firstFrameStateMs: null,         // when (performance.now(), rounded) that state was read
  terminalText: () => terminal.text(),
  // The canvas font: hasGlyph('똠') is true once the atlas has it; glyphs() lists the lazily
  // fetched font files; glyphsIdle() settles when no font file is being fetched.
  hasGlyph: (ch) => !!(c.hasGlyph && c.hasGlyph(String(ch).codePointAt(0) | 0)),
  glyphs: () => glyphs?.report() ?? null,
  glyphsIdle: () => glyphs?.idle() ?? Promise.resolve(),
  // Learning layer (CONTRACT.md §6, §7).
  settled: false,                  // true once the URL's scenario / share link / lesson / quiz is applied
  loadScenario: (text, pause = 0) => learnApi.loadScenario(text, pause),
  loadShare: (fragment, pause = 1) => learnApi.loadShare(fragment, pause),
  session: learnApi.session,
  shareFragment: learnApi.shareFragment,
  check: learnApi.check,
  fact: learnApi.fact,
  traceSize: learnApi.traceSize,
  quizPresent: learnApi.quizPresent,
  quizGrade: learnApi.quizGrade,
  learn: () => learn,
  // Python handlers (lazy).
  openCode: () => openCode(),
  codePanel: null,                 // Promise of the open code panel ({editor, python, readyMs})
  loadPython: () => ensurePython(),
  python: () => globalThis.invokeLabPython ?? null,
  // Time travel: {now, end, inPast, canUndo}. seek(ms); travel(-1|1) previous/next event,
  // travel(2) resume from the shown moment, travel(3) undo that.
  seek: (ms) => { const s = slider.seek(Number(ms), false); return s; },
  travel: (action = 0) => { const s = travel(action); slider.show(s); if (action) afterSeek(); return s; },
  lastSeek: () => ({ ...lastSeek }),
  // The app's WebAssembly memory in bytes (it only grows: the high-water mark of the world,
  // time travel's checkpoints and the views).
  memoryBytes: () => Module?.HEAPU8?.length ?? 0,
};

// [SECTION] Loading
const overlay = $('load-overlay'), bar = $('load-bar'), loadText = $('load-text'), loadError = $('load-error');
const mb = (n) => (n / 1048576).toFixed(n < 1048576 ? 2 : 1) + ' MB';
let loadState = { key: 'load.fetching', done: 0, total: 0 };
function showProgress() {
  // A failed start keeps its message: the wasm download the loader began before it gave up
  // (no WebGL2) still reports its bytes.
  if (shownError) return;
  loadText.textContent = t(loadState.key) + (loadState.total ? ' ' + t('load.bytes', { done: mb(loadState.done), total: mb(loadState.total) }) : '');
  if (loadState.total) { bar.max = loadState.total; bar.value = loadState.done; } else bar.removeAttribute('value');
}
i18n.onLangChange(() => { if (!overlay.hidden && !loadError.textContent) showProgress(); });

let shownError = false;
function showError(e) {
  if (shownError) return;
  shownError = true;
  const key = e instanceof LoadError ? e.key : 'load.failed';
  const render = () => {
    loadText.textContent = t('load.failed');
    loadError.textContent = key === 'load.failed' ? (e.detail || String(e.message || e)) : t(key, e.params || {});
  };
  render();
  i18n.onLangChange(render);
  bar.hidden = true;
  overlay.classList.add('failed');
  $('load-retry').hidden = false;
  disableAppControls();
  console.error(e);
}

// Without the app, nothing these controls drive exists. They are disabled, and the play button
// shows the stopped state: it read "Pause" over a canvas that never ran. The lesson and quiz
// panels say why they stay empty instead of "Loading…" forever. The payload stays editable: only
// the controls that would act on it are disabled.
function disableAppControls() {
  ui.playing = false;
  showUi();
  const controls = '#btn-play, #btn-next, #speed, #btn-code, #btn-share, #time-travel input, #time-travel button, '
    + '#term-input, #invoke-panel button, #invoke-panel select';
  for (const el of document.querySelectorAll(controls)) el.disabled = true;
  for (const el of document.querySelectorAll('#tutorial [data-i18n="learn.loading"]')) {
    el.dataset.i18n = 'learn.unavailable';
    el.textContent = t('learn.unavailable');
  }
}
$('load-retry').addEventListener('click', () => location.reload());

$('canvas').addEventListener('contextmenu', (e) => e.preventDefault());
// Tab must be able to leave the canvas (no keyboard trap): registered before the app adds its
// own capture listener on the canvas, so ImGui never sees Tab and the browser moves focus.
$('canvas').addEventListener('keydown', (e) => { if (e.key === 'Tab') e.stopImmediatePropagation(); }, true);
$('invoke-panel').addEventListener('submit', (e) => e.preventDefault());

async function boot() {
  const canvas = $('canvas');
  showProgress();
  Module = null;
  const mod = await loadApp(canvas, new URL('.', location.href), {
    onProgress: (done, total) => { loadState = { key: 'load.fetching', done, total }; showProgress(); },
    onStarting: () => { loadState = { key: 'load.starting', done: 0, total: 0 }; showProgress(); },
    print: (s) => console.log(s),
    printErr: (s) => console.warn(s),
    lang: i18n.lang(),
  });
  c.run = mod.cwrap('il_run', 'string', ['string']);
  c.state = mod.cwrap('il_state', 'string', ['string']);
  c.traceSince = mod.cwrap('il_trace_since', 'string', ['number']);
  c.setLang = mod.cwrap('il_set_lang', null, ['string']);
  c.setPlaying = mod.cwrap('il_set_playing', null, ['number']);
  c.setSpeed = mod.cwrap('il_set_speed', null, ['number']);
  c.nextEvent = mod.cwrap('il_next_event', null, []);
  c.frameCount = mod.cwrap('il_frame_count', 'number', []);
  if (typeof mod._il_font_glyphs === 'function') {
    c.hasGlyph = mod.cwrap('il_font_has_glyph', 'number', ['number']);
    glyphs = new LazyGlyphs(mod, new URL('.', location.href));
  }
  // The learning exports, where this build has them.
  const opt = (name, ret, args) => (typeof mod['_' + name] === 'function' ? mod.cwrap(name, ret, args) : null);
  c.session = opt('il_session', 'string', []);
  c.shareFragment = opt('il_share_fragment', 'string', []);
  c.loadScenario = opt('il_load_scenario', 'string', ['string', 'number']);
  c.loadShare = opt('il_load_share', 'string', ['string', 'number']);
  c.check = opt('il_check', 'string', ['string', 'number']);
  c.fact = opt('il_fact', 'string', ['string', 'number']);
  c.traceSize = opt('il_trace_size', 'number', []);
  c.quizPresent = opt('il_quiz_present', 'string', ['string', 'number']);
  c.quizGrade = opt('il_quiz_grade', 'string', ['string', 'number', 'string']);
  c.seek = opt('il_seek', 'string', ['number']);
  c.travel = opt('il_travel', 'string', ['number']);
  c.setReducedMotion = opt('il_set_reduced_motion', null, ['number']);
  Module = mod;
  c.setLang(i18n.lang());
  // Reduced motion: the flow view's tokens jump instead of travelling.
  const motion = window.matchMedia ? window.matchMedia('(prefers-reduced-motion: reduce)') : null;
  if (c.setReducedMotion && motion) {
    c.setReducedMotion(motion.matches ? 1 : 0);
    motion.addEventListener?.('change', () => c.setReducedMotion(motion.matches ? 1 : 0));
  }
  const firstFrame = await waitFirstFrame(c.frameCount);
  mark('il:first-frame', firstFrame);
  window.invokeLab.firstFrameProfile = await wasmProfile(mod, c.frameCount, 8);
  window.invokeLab.firstFrameMs = Math.round(firstFrame);
  overlay.hidden = true;
  // The code the first frame did not need, before the page's own calls into it.
  await loadDeferred(mod);
  // The page's controls follow the app's state once the canvas has its first frame and the rest
  // of the code is in: this work (the state's JSON, the panel's fields) used to delay that frame
  // by 11-47 ms (issue 9), and by now the clock may have moved, so the state can need code the
  // first frames never ran (a synchronous load of invokelab.deferred.wasm if it came earlier).
  const s = panelState();
  if (s?.ui) ui = { playing: s.ui.playing, speed: s.ui.speed, lang: i18n.lang() };
  showUi();
  panel.mirror(s);
  glyphs?.start();
  window.invokeLab.firstFrameState = state();
  window.invokeLab.firstFrameStateMs = Math.round(performance.now());
  narrator.poll(traceSinceChecked);
  setInterval(() => { narrator.poll(traceSinceChecked); learn.poll(); slider.refresh(); }, 200);
  // While the clock plays, the slider's time follows the canvas frame by frame: the poll above
  // alone let it trail by up to 12 virtual seconds at 60x. Registered after the app's own
  // animation frame callback, so both read the clock of the same frame.
  const followClock = () => { if (ui.playing) slider.refresh(); requestAnimationFrame(followClock); };
  requestAnimationFrame(followClock);
  resolveReady();
  // After the first frame: the URL's share link or scenario, then lessons (and a quiz).
  if (fragmentHasCode(location.hash)) { try { await ensurePython(); } catch { /* the attempts will say Runtime.Unavailable */ } }
  try { await learn.boot(); } catch (e) { console.error('learn boot:', e); }
  window.invokeLab.settled = true;
}

// A crash inside the app before its first frame (an exception from the main loop, an
// abort) would otherwise leave "starting…" on screen forever.
let booted = false;
const crashBeforeReady = (e) => { if (!booted) showError(new LoadError('load.failed', {}, String(e?.reason ?? e?.error ?? e?.message ?? e))); };
window.addEventListener('error', crashBeforeReady);
window.addEventListener('unhandledrejection', crashBeforeReady);
ready.then(() => { booted = true; });

const embed = startEmbedApi(window.invokeLab, learn);
boot().catch(showError);
