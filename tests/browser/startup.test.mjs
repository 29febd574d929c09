// Start-up (issue 9, "a page that starts fast"): behaviour only, never time. The server sends
// the precompressed variants by Accept-Encoding; the page marks its start-up phases in order;
// the first frame downloads only the small UI font, and learners' Korean still reaches the
// canvas: a rare syllable outside KS X 1001 ('똠', '햏') makes the page fetch the one Hangul
// file that has it and the app bake it into its atlas.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = process.env.SITE_DIR || path.join(here, '../../build/site');

function get(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

// The lazy Hangul file of a syllable outside KS X 1001 (make_font_subset.py --split):
// one file per leading consonant, 588 syllables each.
const leadFile = (ch) => `fonts/NanumGothic-ko-${String(Math.floor((ch.codePointAt(0) - 0xac00) / 588)).padStart(2, '0')}.ttf`;

const MARKS = ['il:html', 'il:boot', 'il:fetch', 'il:compile-start', 'il:compiled', 'il:instantiated', 'il:main',
  'il:gl-context', 'il:app', 'il:atlas-start', 'il:atlas-end', 'il:first-layout', 'il:first-draw', 'il:first-frame'];

export default [
  {
    name: '30 startup: precompressed wasm/js/font by Accept-Encoding, application/wasm, Vary',
    async fn({ url }) {
      const wasm = fs.readFileSync(path.join(site, 'invokelab.wasm'));
      const br = await get(url + 'invokelab.wasm', 'gzip, deflate, br');
      assert.equal(br.status, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers['content-type'], 'application/wasm');
      assert.equal(br.headers.vary, 'Accept-Encoding');
      assert.equal(Number(br.headers['content-length']), br.body.length);
      assert.ok(br.body.length < wasm.length * 0.5, `brotli is smaller: ${br.body.length} of ${wasm.length}`);
      assert.ok(zlib.brotliDecompressSync(br.body).equals(wasm), 'the br body decodes to the built wasm');

      const gz = await get(url + 'invokelab.wasm', 'br;q=0, gzip');
      assert.equal(gz.headers['content-encoding'], 'gzip', 'br refused with q=0: gzip');
      assert.ok(zlib.gunzipSync(gz.body).equals(wasm));

      for (const none of [undefined, 'identity', 'deflate']) {
        const plain = await get(url + 'invokelab.wasm', none);
        assert.equal(plain.headers['content-encoding'], undefined, `no encoding for Accept-Encoding ${none}`);
        assert.equal(plain.headers.vary, 'Accept-Encoding');
        assert.equal(Number(plain.headers['content-length']), wasm.length);
        assert.ok(plain.body.equals(wasm));
      }
      const js = await get(url + 'invokelab.js', 'br');
      assert.equal(js.headers['content-encoding'], 'br');
      assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
      const font = await get(url + 'fonts/NanumGothic-ui.ttf', 'br');
      assert.equal(font.headers['content-encoding'], 'br');
      assert.equal(font.headers['content-type'], 'font/ttf');
      const missing = await get(url + 'no-such-file.js', 'br');
      assert.equal(missing.status, 404);
      assert.equal(missing.headers['content-encoding'], undefined);
    },
  },
  {
    name: '31 startup: performance marks in order, only the first-load files before the first frame',
    async fn({ open }) {
      const { page, context, errors } = await open();
      const t = await page.evaluate(() => window.invokeLab.timings());
      let last = -1;
      for (const m of MARKS) {
        assert.equal(typeof t.marks[m], 'number', `mark ${m} exists: ${JSON.stringify(t.marks)}`);
        assert.ok(t.marks[m] >= last, `${m} (${t.marks[m]}) comes after the mark before it (${last})`);
        last = t.marks[m];
      }
      assert.ok(t.marks['il:downloaded:invokelab.wasm'] <= t.marks['il:compiled'], 'compiled once the whole wasm arrived (streaming)');
      assert.ok(t.marks['il:downloaded'] <= t.marks['il:instantiated']);
      const ff = await page.evaluate(() => window.invokeLab.firstFrameMs);
      assert.ok(Math.abs(ff - t.marks['il:first-frame']) <= 1, `firstFrameMs ${ff} is the il:first-frame mark ${t.marks['il:first-frame']}`);
      for (const [name, v] of Object.entries(t.phases)) assert.ok(typeof v === 'number' && v >= 0, `phase ${name} = ${v}`);

      // Served compressed (the page asked with its own Accept-Encoding) and preloaded once.
      const wasm = t.resources.filter((r) => r.name === 'invokelab.wasm');
      assert.equal(wasm.length, 1, `the wasm is fetched once (preload reused): ${JSON.stringify(wasm)}`);
      assert.ok(wasm[0].encodedBodySize < wasm[0].decodedBodySize * 0.5, `wasm compressed on the wire: ${JSON.stringify(wasm[0])}`);
      const before = t.resources.filter((r) => r.end <= t.marks['il:first-frame']).map((r) => r.name);
      for (const f of ['index.html', 'invokelab.wasm', 'invokelab.js', 'fonts/NanumGothic-ui.ttf']) assert.ok(before.includes(f), `${f} before the first frame`);
      assert.deepEqual(t.resources.filter((r) => /NanumGothic-ko-|fonts\.json|lessons\.js|quiz\.js/.test(r.name) && r.end <= t.marks['il:first-frame']), [],
        'no lazy font file, font list, lesson or quiz code before the first frame');
      assert.equal(t.bytesBeforeFirstFrame.files, before.filter((n) => !n.startsWith('blob:')).length);
      assert.ok(t.bytesBeforeFirstFrame.encoded < t.bytesBeforeFirstFrame.decoded);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: '32 startup: a Korean payload outside KS X 1001 loads its Hangul file and is baked',
    async fn({ open, shot }) {
      const { page, context, errors } = await open();
      const has = (ch) => page.evaluate((c) => window.invokeLab.hasGlyph(c), ch);
      // The UI's own strings are in the first font ('호출' = invoke); learners' syllables are not.
      assert.equal(await has('호'), true, 'UI syllable baked at the first frame');
      assert.equal(await has('A'), true);
      for (const ch of ['똠', '햏', '귤']) assert.equal(await has(ch), false, `${ch} not baked before it appears`);
      assert.deepEqual((await page.evaluate(() => window.invokeLab.glyphs())).files, []);
      const text = '똠방각하 햏 귤';
      const newChars = [];
      for (const ch of new Set(text.replace(/ /g, ''))) if (!(await has(ch))) newChars.push(ch);

      const payload = `{"msg": "${text}"}`;
      const r = await page.evaluate((p) => window.invokeLab.run(`aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '${p}' out.json`), payload);
      assert.equal(r.exitCode, 0, JSON.stringify(r));
      await page.evaluate(() => window.invokeLab.glyphsIdle());
      await page.waitForFunction((t) => [...t.replace(/ /g, '')].every((c) => window.invokeLab.hasGlyph(c)), text, { timeout: 10000 });
      const g = await page.evaluate(() => window.invokeLab.glyphs());
      assert.deepEqual([...g.files].sort(), ['fonts/NanumGothic-ko-ks.ttf', leadFile('똠'), leadFile('햏')].sort(),
        `'귤' comes from the KS X 1001 file, '똠' and '햏' from their leading consonant's file: ${JSON.stringify(g)}`);
      assert.equal(leadFile('똠'), 'fonts/NanumGothic-ko-04.ttf');
      assert.equal(leadFile('햏'), 'fonts/NanumGothic-ko-18.ttf');
      assert.deepEqual(g.missing, []);
      assert.equal(g.pending, 0);
      // Only the characters the first font lacked were added (the UI's own, such as '하', were there).
      assert.ok(newChars.length >= 3 && newChars.length <= 5, newChars.join(''));
      assert.equal(g.baked, newChars.length, `${JSON.stringify(g)} new: ${newChars.join('')}`);
      // The world has the payload as sent.
      const s = await page.evaluate(() => window.invokeLab.state());
      assert.ok(JSON.stringify(s).includes('똠방각하 햏 귤'), 'the state holds the Korean payload');
      // A later rare syllable of an already fetched file: no new download, just baked.
      await page.evaluate(() => window.invokeLab.run(`lab fail demo-lambda always --message '똡'`));
      await page.evaluate(() => window.invokeLab.glyphsIdle());
      await page.waitForFunction(() => window.invokeLab.hasGlyph('똡'), null, { timeout: 10000 });
      assert.equal((await page.evaluate(() => window.invokeLab.glyphs())).files.length, 3);
      // Bare jamo (ㅋㅋ) come with the KS X 1001 file, already here.
      assert.equal(await has('ㅋ'), false);
      await page.evaluate(() => window.invokeLab.run(`lab fail demo-lambda always --message 'ㅋㅋ'`));
      await page.evaluate(() => window.invokeLab.glyphsIdle());
      await page.waitForFunction(() => window.invokeLab.hasGlyph('ㅋ'), null, { timeout: 10000 });
      assert.equal((await page.evaluate(() => window.invokeLab.glyphs())).files.length, 3);
      const fetched = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /NanumGothic-ko-/.test(e.name)).length);
      assert.equal(fetched, 3, 'each Hangul file downloaded once');
      await shot(page, '32-korean-payload');
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: '33 startup: the split module: the first frame\'s code first, the rest right after it (and on demand if that fails)',
    async fn({ browser, url, open, waitReady }) {
      // The two files (scripts/split-wasm.mjs): the first imports placeholders for what it left out,
      // the second imports the first's exports.
      const first = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(path.join(site, 'invokelab.wasm'))));
      const rest = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(path.join(site, 'invokelab.deferred.wasm'))));
      const placeholders = first.filter((i) => i.module === 'placeholder');
      assert.ok(placeholders.length > 100 && placeholders.every((i) => i.kind === 'function'), `${placeholders.length} placeholder functions`);
      assert.ok(rest.length > 0 && rest.every((i) => i.module === 'primary'), 'the deferred module imports only from the first');
      const files = JSON.parse(fs.readFileSync(path.join(site, 'app-files.json'), 'utf8'));
      assert.deepEqual(files.find((f) => f.path === 'invokelab.wasm'), { path: 'invokelab.wasm', bytes: fs.statSync(path.join(site, 'invokelab.wasm')).size },
        'the progress bar counts the first module as split');
      assert.ok(!files.some((f) => f.path === 'invokelab.deferred.wasm'), 'the deferred module is not a first-load file');

      // A normal start, desktop Korean and phone English: the page loads the rest itself, after the
      // first frame, and no placeholder had to wait for it (the split kept what those frames run).
      const invoke = `aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '{"n":1}' out.json`;
      for (const [query, opts] of [['', {}], ['?lang=en', { lang: 'en', phone: true }]]) {
        const { page, context, errors } = await open(query, opts);
        const d = await page.evaluate(() => window.invokeLab.deferred());
        assert.deepEqual({ ...d, ms: typeof d.ms }, { loaded: true, how: 'prefetch', ms: 'number', placeholder: null }, `${query}: ${JSON.stringify(d)}`);
        const t = await page.evaluate(() => window.invokeLab.timings());
        const got = t.resources.filter((r) => r.name === 'invokelab.deferred.wasm');
        assert.equal(got.length, 1, 'fetched once');
        assert.ok(got[0].start >= t.marks['il:first-frame'] && t.marks['il:deferred'] >= t.marks['il:first-frame'], `after the first frame: ${JSON.stringify(got)} ${JSON.stringify(t.marks)}`);
        assert.ok(got[0].encodedBodySize < got[0].decodedBodySize * 0.5, 'compressed on the wire');
        const r = await page.evaluate((line) => window.invokeLab.run(line), invoke);
        assert.equal(r.exitCode, 0, JSON.stringify(r));
        assert.match(r.stdout, /"StatusCode": 202/);
        assert.deepEqual(errors, []);
        await context.close();
      }

      // The page's own download fails once: the first call into the missing code loads it
      // synchronously, and everything still works.
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ko-KR' });
      const page = await context.newPage();
      const errors = [], warnings = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); if (m.type() === 'warning') warnings.push(m.text()); });
      let requests = 0;
      await page.route('**/invokelab.deferred.wasm', (route) => (++requests === 1 ? route.abort('failed') : route.continue()));
      await page.goto(url);
      await waitReady(page, errors);
      const d = await page.evaluate(() => window.invokeLab.deferred());
      assert.equal(d.how, 'sync', JSON.stringify(d));
      assert.equal(d.loaded, true);
      assert.ok(Number.isInteger(d.placeholder), `the placeholder that loaded it: ${JSON.stringify(d)}`);
      assert.equal(requests, 2, 'one failed fetch, one synchronous load');
      assert.ok(warnings.some((w) => w.startsWith('Invoke Lab: the deferred code did not load after the first frame')), warnings.join(' | '));
      assert.ok(!warnings.some((w) => /placeholder function called|instantiated deferred module/.test(w)), 'Emscripten\'s placeholder lines are not shown');
      const r = await page.evaluate((line) => window.invokeLab.run(line), invoke);
      assert.equal(r.exitCode, 0, JSON.stringify(r));
      assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
      await context.close();
    },
  },
  {
    name: '34 startup: one WebGL2 context, made by the loader at the canvas\' pixel size, and a first frame in the page\'s language',
    async fn({ browser, url, waitReady, shot }) {
      // Records every getContext() call and, at 'il:first-layout' (marked inside the first
      // frame, which main() draws before it returns), the language of the app's state.
      const spy = () => {
        const seen = [];
        window.__glCalls = seen;
        const getContext = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, attrs) {
          const ctx = getContext.call(this, type, attrs);
          if (!window.__glFirst && ctx && type === 'webgl2') window.__glFirst = ctx;
          seen.push({ id: this.id, type, attrs: attrs ? { ...attrs } : null, width: this.width, height: this.height,
            same: ctx === window.__glFirst });
          return ctx;
        };
        let factory;
        Object.defineProperty(globalThis, 'createInvokeLab', {
          configurable: true,
          get: () => factory,
          set: (f) => { factory = (opts) => { window.__appModule = opts; return f(opts); }; },
        });
        const mark = performance.mark.bind(performance);
        performance.mark = (name, o) => {
          if (name === 'il:first-layout' && !window.__firstFrameLang) {
            const m = window.__appModule;
            window.__firstFrameLang = JSON.parse(m.UTF8ToString(m._il_state(0))).ui.lang;
          }
          return mark(name, o);
        };
      };
      for (const [query, lang, phone] of [['', 'ko', false], ['', 'ko', true], ['?lang=en', 'en', false], ['?lang=en', 'en', true]]) {
        const context = await browser.newContext({
          viewport: phone ? { width: 390, height: 844 } : { width: 1400, height: 900 },
          ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
          locale: lang === 'en' ? 'en-US' : 'ko-KR',
        });
        await context.addInitScript(spy);
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
        await page.goto(url + query);
        await waitReady(page, errors);
        const got = await page.evaluate(() => {
          const c = document.getElementById('canvas');
          const r = c.getBoundingClientRect();
          const gl = window.__glFirst;
          return { calls: window.__glCalls, attrs: gl.getContextAttributes(), lang: window.__firstFrameLang,
            dpr: window.devicePixelRatio, css: [r.width, r.height], pixels: [c.width, c.height],
            buffer: [gl.drawingBufferWidth, gl.drawingBufferHeight] };
        });
        const webgl = got.calls.filter((c) => c.type !== '2d');
        // The loader's call, then GLFW's (library_browser.js), both on the page's canvas.
        assert.equal(webgl.length, 2, `${query}: ${JSON.stringify(got.calls)}`);
        assert.ok(webgl.every((c) => c.id === 'canvas' && c.type === 'webgl2' && c.same), `one context, on #canvas: ${JSON.stringify(webgl)}`);
        assert.deepEqual(webgl[0].attrs, { antialias: false, alpha: true, depth: true, stencil: true, majorVersion: 2 });
        const { antialias, alpha, depth, stencil } = got.attrs;
        assert.deepEqual({ antialias, alpha, depth, stencil }, { antialias: false, alpha: true, depth: true, stencil: true },
          'the attributes GLFW asks for');
        // Made at the canvas' pixel size (CSS size x devicePixelRatio): GLFW's window has that
        // size too, so the drawing buffer is never reallocated on the way to the first frame.
        const want = got.css.map((v) => Math.max(1, Math.round(v * got.dpr)));
        assert.equal(got.dpr, phone ? 2 : 1);
        assert.deepEqual([webgl[0].width, webgl[0].height], want, `the loader sized the canvas first: ${JSON.stringify(got)}`);
        assert.deepEqual([webgl[1].width, webgl[1].height], want, 'GLFW found it at that size');
        assert.deepEqual(got.pixels, want);
        assert.deepEqual(got.buffer, want);
        assert.equal(got.lang, lang, `the first frame is drawn in the page's language (${query || 'default'})`);
        await shot(page, `34-first-frame-${lang}${phone ? '-phone' : ''}`);
        assert.deepEqual(errors, []);
        await context.close();
      }
    },
  },
  {
    name: '35 startup: a browser without WebGL2 gets the message, in Korean and in English, and no app',
    async fn({ browser, url, shot }) {
      const WORDS = {
        ko: { text: /WebGL2를 쓸 수 없어/, failed: '실습실을 불러오지 못했습니다.', play: '재생',
          lessons: '실습실이 시작되지 않아 강의와 퀴즈를 쓸 수 없습니다.' },
        en: { text: /cannot use WebGL2/, failed: 'The playground could not be loaded.', play: 'Play',
          lessons: 'Lessons and quizzes run on the playground, which did not start.' },
      };
      for (const [query, lang, phone] of [['', 'ko', false], ['', 'ko', true], ['?lang=en', 'en', false], ['?lang=en', 'en', true]]) {
        const { text } = WORDS[lang];
        const context = await browser.newContext({
          viewport: phone ? { width: 390, height: 844 } : { width: 1400, height: 900 },
          ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
          locale: lang === 'en' ? 'en-US' : 'ko-KR',
        });
        await context.addInitScript(() => {
          const getContext = HTMLCanvasElement.prototype.getContext;
          HTMLCanvasElement.prototype.getContext = function (type, attrs) {
            return /webgl/.test(type) ? null : getContext.call(this, type, attrs);
          };
        });
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(url + query);
        await page.waitForFunction(() => document.getElementById('load-error')?.textContent, null, { timeout: 30000 });
        const ui = await page.evaluate(() => ({
          error: document.getElementById('load-error').textContent,
          play: document.getElementById('btn-play').textContent,
          playing: document.getElementById('btn-play').dataset.playing,
          // Every control that would drive the missing app, and whether the typed text stays editable.
          enabled: [...document.querySelectorAll('#btn-play, #btn-next, #speed, #btn-code, #btn-share, #time-slider, '
            + '#term-input, #btn-sync, #btn-async, #btn-cat, #invoke-panel select')].filter((el) => !el.disabled).map((el) => el.id),
          controls: document.querySelectorAll('#invoke-panel select').length,
          payloadEditable: !document.getElementById('payload').disabled && !document.getElementById('payload').readOnly,
          lessons: document.getElementById('lesson-loading').textContent,
          quiz: document.querySelector('#quiz-panel .hint').textContent,
          text: document.getElementById('load-text').textContent,
          retry: !document.getElementById('load-retry').hidden,
          failed: document.querySelector('.load-overlay').classList.contains('failed'),
          firstFrame: window.invokeLab.firstFrameMs ?? null,
          glue: typeof globalThis.createInvokeLab,
        }));
        // The download the loader began before its check keeps reporting bytes; the heading
        // still says the start failed, and the page's own controls are in its language.
        await page.waitForTimeout(500);
        ui.text = await page.evaluate(() => document.getElementById('load-text').textContent);
        assert.match(ui.error, text, JSON.stringify(ui));
        assert.equal(ui.text, WORDS[lang].failed, JSON.stringify(ui));
        // Nothing runs: the play button shows the stopped state, and the controls are disabled.
        assert.equal(ui.play, WORDS[lang].play, JSON.stringify(ui));
        assert.equal(ui.playing, 'false', JSON.stringify(ui));
        assert.deepEqual(ui.enabled, [], JSON.stringify(ui));
        assert.ok(ui.controls >= 3, JSON.stringify(ui));
        assert.ok(ui.payloadEditable, 'the payload the learner typed stays editable');
        assert.equal(ui.lessons, WORDS[lang].lessons, JSON.stringify(ui));
        assert.equal(ui.quiz, WORDS[lang].lessons, JSON.stringify(ui));
        // A language change afterwards re-renders the failed page's texts in the other language.
        const other = lang === 'ko' ? 'en' : 'ko';
        await page.selectOption('#lang', other);
        assert.deepEqual(await page.evaluate(() => [document.getElementById('lesson-loading').textContent,
          document.getElementById('btn-play').textContent, document.getElementById('btn-play').disabled]),
        [WORDS[other].lessons, WORDS[other].play, true]);
        await page.selectOption('#lang', lang);
        // The space bar (the page's play shortcut) changes nothing either.
        await page.keyboard.press('Space');
        assert.equal(await page.evaluate(() => document.getElementById('btn-play').dataset.playing), 'false');
        assert.ok(ui.retry && ui.failed, JSON.stringify(ui));
        assert.equal(ui.firstFrame, null);
        assert.equal(ui.glue, 'undefined', 'the app\'s glue is not even loaded');
        await shot(page, `35-no-webgl2-${lang}${phone ? '-phone' : ''}`);
        assert.deepEqual(errors, []);
        await context.close();
      }
    },
  },
];
