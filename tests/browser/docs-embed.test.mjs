// The docs site's embeds (docs-site/.vitepress/theme: <Lesson>, <Quiz>), on the BUILT docs
// site: docs-site/.vitepress/dist, built after the playground was copied into
// docs-site/public/playground/ (scripts/test.sh does both before the browser tests).
// Served on its own port, so the docs and their playground share one origin, as deployed.
//
//   1. every lesson of content/lessons/index.json has a ko and an en page, each with its
//      <Lesson> (title from the JSON) and a <Quiz>
//   2. on a lesson page, quizResult-shaped messages from another origin, from a sibling frame
//      and from the page itself are ignored; an item answered through the quiz iframe's own
//      UI reaches the docs page: the score line and the invokelab-quiz-result CustomEvent
//   3. a lesson page for a returning learner (step 1 done, from the page's progress record),
//      with screenshots: ko and en, 1400 px and 390 px wide
//   4. <Playground scenario="…"> on a tutorial page: the page loads that named scenario
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// DOCS_DIST: another built docs site (e.g. a trial build elsewhere); default: this repo's.
const dist = process.env.DOCS_DIST || path.join(root, 'docs-site/.vitepress/dist');
const VERB = 'http://adlnet.gov/expapi/verbs/answered';
const readJson = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'));

// Fails (never skips silently) when the built docs or their playground are missing.
function requireDist() {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error('docs-site/.vitepress/dist is missing: build the docs first (scripts/test.sh builds them before the browser tests; ' +
      'by hand: scripts/assemble-site.sh, cp -r build/site docs-site/public/playground, npx --no-install vitepress build docs-site)');
  }
  if (!fs.existsSync(path.join(dist, 'playground/index.html')) || !fs.existsSync(path.join(dist, 'playground/invokelab.wasm'))) {
    throw new Error('docs-site/.vitepress/dist has no playground/: copy build/site into docs-site/public/playground before building the docs');
  }
}

function lessonIds() {
  const ids = readJson('content/lessons/index.json').lessons;
  assert.ok(Array.isArray(ids) && ids.length > 0, 'content/lessons/index.json lists lessons');
  return ids;
}

// The page's own app inside a frame: first frame drawn, or fail at once with the page's own error
// (e.g. a playground copied while build/site was being rebuilt: invokelab.js and .wasm disagree).
async function frameReady(frame) {
  const h = await frame.waitForFunction(() => (window.invokeLab && window.invokeLab.firstFrameMs != null) ? 'ready'
    : (document.getElementById('load-error')?.textContent || (document.querySelector('.load-overlay.failed') ? 'failed' : '')), null, { timeout: 90000 });
  const v = await h.jsonValue();
  if (v !== 'ready') throw new Error(`the embedded playground did not start: ${v}`);
}

async function withDocs(browser, fn) {
  requireDist();
  const server = await startServer({ root: dist, port: 0 });
  try { return await fn(server.url); } finally { await server.close(); }
}

export default [
  {
    name: 'docs 1: every lesson has a ko and an en page with its <Lesson> and <Quiz>',
    async fn() {
      requireDist();
      const sets = new Set(readJson('content/quizzes/index.json').sets);
      for (const id of lessonIds()) {
        const lesson = readJson(`content/lessons/${id}.json`);
        for (const [lang, file] of [['ko', `lessons/${id}.html`], ['en', `en/lessons/${id}.html`]]) {
          const p = path.join(dist, file);
          assert.ok(fs.existsSync(p), `${file} exists (a page for lesson ${id} in ${lang})`);
          const html = fs.readFileSync(p, 'utf8');
          assert.ok(html.includes(`data-lesson="${id}"`), `${file} embeds <Lesson id="${id}">`);
          const title = lesson.title[lang].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
          assert.ok(html.includes(title), `${file} shows the lesson's ${lang} title "${lesson.title[lang]}"`);
          const quiz = html.match(/data-quiz="([a-z0-9-]+)"/);
          assert.ok(quiz, `${file} embeds a <Quiz>`);
          assert.ok(sets.has(quiz[1]), `${file}: quiz set ${quiz[1]} is in content/quizzes/index.json`);
          assert.ok(!html.includes('il-quiz-missing') && !html.includes('il-lesson-missing'), `${file}: no "not found" box`);
        }
      }
    },
  },
  {
    name: 'docs 2: the embedded quiz reports results to its docs page; forged messages are ignored',
    async fn({ browser, shot }) {
      await withDocs(browser, async (docsUrl) => {
        // A second server on another port: another origin, serving a frame that forges a result.
        const evilDir = fs.mkdtempSync(path.join(os.tmpdir(), 'invokelab-evil-'));
        fs.writeFileSync(path.join(evilDir, 'index.html'), `<!doctype html><meta charset="utf-8"><script>
          const p = new URLSearchParams(location.search);
          parent.postMessage({ v: 1, type: 'quizResult', set: p.get('set'), itemId: p.get('item'), response: { value: 1 }, key: 1,
            success: true, score: { raw: 1, max: 1, scaled: 1 }, verb: '${VERB}', object: { id: 'forged' } }, '*');
          parent.postMessage({ forgedDone: 'cross-origin' }, '*');
        </script>`);
        const evil = await startServer({ root: evilDir, port: 0 });
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ko-KR' });
        try {
          await context.addInitScript(() => {
            if (window.top !== window) return;
            window.__quizEvents = [];
            document.addEventListener('invokelab-quiz-result', (e) => window.__quizEvents.push(e.detail));
          });
          const page = await context.newPage();
          const errors = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          const consoleErrors = [];       // e.g. "Blocked form submission … sandboxed": quoted when no result arrives
          page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
          const id = lessonIds()[0];
          await page.goto(`${docsUrl}lessons/${id}.html`);
          const quizBox = page.locator('.il-quiz');
          const set = await quizBox.getAttribute('data-quiz');
          const quizJson = readJson(`content/quizzes/${set}.json`);
          const total = quizJson.items.length;
          const score = quizBox.locator('.il-quiz-score');
          assert.equal(await score.innerText(), `정답 0 / ${total}`, 'the score starts at zero over the set\'s items');

          await quizBox.locator('iframe').scrollIntoViewIfNeeded();
          const frameEl = await quizBox.locator('iframe').elementHandle();
          assert.equal(await frameEl.getAttribute('sandbox'), 'allow-scripts allow-same-origin');
          assert.equal(new URL(await frameEl.getAttribute('src'), docsUrl).search, `?embed=1&lang=ko&quiz=${set}`);
          const frame = await frameEl.contentFrame();
          await frameReady(frame);

          // The item to answer: the first numeric or choice item (the key of either is easy to type back).
          const index = quizJson.items.findIndex((it) => it.kind === 'numeric' || it.kind === 'choice');
          assert.ok(index >= 0, `set ${set} has a numeric or choice item`);
          const item = quizJson.items[index];

          // Forged results: from another origin, from a same-origin sibling frame, from the page itself.
          const forged = await page.evaluate(({ evilUrl, set, itemId, verb }) => new Promise((resolve) => {
            const seen = new Set();
            addEventListener('message', (e) => {
              if (e.data && e.data.forgedDone) { seen.add(e.data.forgedDone); if (seen.size === 3) resolve([...seen].sort()); }
            });
            const msg = { v: 1, type: 'quizResult', set, itemId, response: { value: 1 }, key: 1, success: true,
              score: { raw: 1, max: 1, scaled: 1 }, verb, object: { id: 'forged' } };
            const a = document.createElement('iframe');
            a.src = `${evilUrl}?set=${encodeURIComponent(set)}&item=${encodeURIComponent(itemId)}`;
            const b = document.createElement('iframe');
            b.srcdoc = `<script>parent.postMessage(${JSON.stringify(msg)}, '*'); parent.postMessage({ forgedDone: 'sibling' }, '*');<` + '/script>';
            document.body.append(a, b);
            window.postMessage(msg, '*');
            window.postMessage({ forgedDone: 'self' }, '*');
            setTimeout(() => resolve([...seen].sort()), 15000);
          }), { evilUrl: evil.url, set, itemId: item.id, verb: VERB });
          assert.deepEqual(forged, ['cross-origin', 'self', 'sibling'], 'all three forged messages were delivered');
          assert.equal(await score.innerText(), `정답 0 / ${total}`, 'forged results do not count');
          assert.equal(await page.evaluate(() => window.__quizEvents.length), 0, 'forged results fire no event');

          // The quiz panel shows the set's first item (presented by the simulator).
          await frame.waitForSelector('#quiz-form[data-kind]', { timeout: 60000 }).catch(async (e) => {
            const said = await frame.evaluate(() => document.getElementById('quiz-panel')?.innerText ?? '(no quiz panel)');
            throw new Error(`the embedded quiz shows no item: ${said.slice(0, 300)} (${e.message.split('\n')[0]})`);
          });
          for (let i = 0; i < index; i++) await frame.click('#quiz-next');
          assert.equal(await frame.getAttribute('#quiz-form', 'data-kind'), item.kind);

          // A first answer through the iframe's own form: whatever it is worth, the docs page hears it.
          if (item.kind === 'numeric') await frame.fill('#quiz-num', '-1');
          else await frame.locator('#quiz-form input[name=quiz-choice]').first().check();
          // Waits for the n-th event; on a timeout says what the quiz panel showed instead.
          const eventCount = async (n) => {
            await page.waitForFunction((n) => window.__quizEvents.length === n, n, { timeout: 15000 }).catch(async () => {
              const said = await frame.evaluate(() => document.getElementById('quiz-feedback')?.innerText ?? '');
              throw new Error(`no quizResult #${n} reached the docs page; the quiz panel says: "${said.slice(0, 300)}"; console errors: ${consoleErrors.join(' | ').slice(0, 400)}`);
            });
          };
          await frame.click('#quiz-check');
          await eventCount(1);
          const first = await page.evaluate(() => window.__quizEvents[0]);
          assert.equal(first.set, set);
          assert.equal(first.itemId, item.id);
          assert.equal(typeof first.success, 'boolean');
          assert.deepEqual(first.score, { raw: first.success ? 1 : 0, max: 1, scaled: first.success ? 1 : 0 });
          assert.equal(first.statement.verb.id, VERB);
          assert.equal(first.statement.object.objectType, 'Activity');
          assert.equal(first.statement.object.id, `${docsUrl}playground/index.html#quiz/${set}/${item.id}`);
          assert.equal(first.statement.result.success, first.success);
          assert.equal(typeof first.statement.result.response, 'string');
          assert.deepEqual(JSON.parse(first.statement.result.response), first.response);
          assert.deepEqual(first.progress, { correct: first.success ? 1 : 0, answered: 1, total });
          // The page kept the same grade in its own store (same origin): the docs page saw the truth.
          const stored = await frame.evaluate(({ set, itemId }) => JSON.parse(localStorage.getItem('invokelab.quiz.v1')).sets[set].answers[itemId], { set, itemId: item.id });
          assert.equal(stored.correct, first.success);
          assert.deepEqual(stored.key, first.key);
          assert.equal(await score.innerText(), `정답 ${first.success ? 1 : 0} / ${total} (1문제 채점)`);

          // Then the key the simulator computed, typed back through the form: now it is right.
          if (item.kind === 'numeric') await frame.fill('#quiz-num', String(first.key));
          else {
            assert.ok(Array.isArray(first.key) && first.key.length > 0, `a choice key is a list of ids: ${JSON.stringify(first.key)}`);
            for (const box of await frame.locator('#quiz-form input[name=quiz-choice]').all()) {
              const want = first.key.includes(await box.getAttribute('value'));
              if ((await box.getAttribute('type')) === 'checkbox' || want) await box.setChecked(want);
            }
          }
          await frame.click('#quiz-check');
          await eventCount(2);
          const second = await page.evaluate(() => window.__quizEvents[1]);
          assert.equal(second.success, true, `the key typed back is right: ${JSON.stringify(second)}`);
          assert.deepEqual(second.progress, { correct: 1, answered: 1, total }, 'the latest answer per item counts');
          assert.equal(await score.innerText(), `정답 1 / ${total} (1문제 채점)`);
          await shot(page, 'docs-quiz-graded-ko');                       // the graded item inside the frame
          await quizBox.locator('.il-quiz-head').evaluate((el) => el.scrollIntoView());
          await shot(page, 'docs-quiz-score-ko');                        // the docs page's score line above it
          assert.deepEqual(errors, [], 'no page errors');

          // A later visit: the score comes back from the answers the page kept (same origin), before the frame loads.
          await page.reload();
          await page.waitForFunction((want) => document.querySelector('.il-quiz-score')?.textContent === want, `정답 1 / ${total} (1문제 채점)`, { timeout: 10000 });
          assert.equal(await page.evaluate(() => window.__quizEvents.length), 0, 'stored answers fire no event');
        } finally {
          await context.close();
          await evil.close();
          fs.rmSync(evilDir, { recursive: true, force: true });
        }
      });
    },
  },
  {
    name: 'docs 3: lesson page for a returning learner (stored step marked), screenshots ko/en at 1400 and 390 px',
    async fn({ browser, artifacts }) {
      await withDocs(browser, async (docsUrl) => {
        const id = lessonIds()[0];
        const lesson = readJson(`content/lessons/${id}.json`);
        for (const [lang, prefix] of [['ko', ''], ['en', 'en/']]) {
          for (const [label, viewport] of [['desktop', { width: 1400, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
            const context = await browser.newContext({ viewport, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
            try {
              // A returning learner who finished step 1 (the page's own progress record, same origin).
              const firstStep = lesson.steps[0].id;
              await context.addInitScript(({ id, firstStep }) => {
                if (window.top === window && !localStorage.getItem('invokelab.progress.v1')) {
                  localStorage.setItem('invokelab.progress.v1', JSON.stringify({ lesson: id, step: 1, done: { [id]: [firstStep] } }));
                }
              }, { id, firstStep });
              const page = await context.newPage();
              await page.goto(`${docsUrl}${prefix}lessons/${id}.html`);
              const box = page.locator('.il-lesson');
              assert.equal(await box.locator('.il-lesson-title strong').innerText(), lesson.title[lang]);
              assert.equal(await box.locator('.il-lesson-steps li').count(), lesson.steps.length);
              await box.locator('.il-lesson-steps li').first().locator('.il-step-mark').waitFor({ timeout: 10000 });
              assert.equal(await box.locator('.il-step-mark').count(), 1, 'only the stored step is marked done');
              assert.equal(await box.locator('.il-lesson-steps li').first().locator('.il-step-mark').innerText(), lang === 'ko' ? '✓ 완료' : '✓ done');
              const frameEl = await box.locator('iframe').elementHandle();
              assert.equal(new URL(await frameEl.getAttribute('src'), docsUrl).search, `?embed=1&lang=${lang}&lesson=${id}`);
              await box.locator('iframe').scrollIntoViewIfNeeded();
              const frame = await frameEl.contentFrame();
              await frameReady(frame);
              await frame.waitForSelector('#lesson-panel .lesson-nav, #lesson-panel button', { timeout: 30000 });
              // Nothing may stick out sideways on a phone.
              const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
              assert.ok(overflow <= 0, `${lang} ${label}: the page scrolls sideways by ${overflow}px`);
              await page.evaluate(() => window.scrollTo(0, 0));
              await page.screenshot({ path: path.join(artifacts, `docs-lesson-${lang}-${label}.png`), fullPage: true });
            } finally {
              await context.close();
            }
          }
        }
      });
    },
  },
  {
    name: 'docs 4: <Playground scenario> on a tutorial page starts the page from that scenario',
    async fn({ browser }) {
      await withDocs(browser, async (docsUrl) => {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
        try {
          const page = await context.newPage();
          await page.goto(`${docsUrl}en/tutorial/async-retries.html`);
          const frameBox = page.locator('.il-embed iframe');
          await frameBox.scrollIntoViewIfNeeded();
          const frameEl = await frameBox.elementHandle();
          assert.equal(new URL(await frameEl.getAttribute('src'), docsUrl).search, '?embed=1&lang=en&scenario=retries-in-flight');
          const frame = await frameEl.contentFrame();
          await frameReady(frame);
          await frame.waitForFunction(() => window.invokeLab.settled === true, null, { timeout: 30000 });
          // content/scenarios/retries-in-flight.txt: an async invoke at t=0 of an always-failing function,
          // then 90 s: attempt 1 failed, attempt 2 scheduled 60 000 ms after attempt 1 ENDED.
          const trace = await frame.evaluate(() => window.invokeLab.traceSince(0));
          const accepted = trace.filter((e) => e.kind === 'async.accepted');
          const alertText = await frame.evaluate(() => document.getElementById('page-alert')?.hidden === false ? document.getElementById('page-alert-text')?.textContent : '');
          assert.equal(accepted.length, 1, `one async event accepted (page message: "${alertText}"; trace kinds: ${[...new Set(trace.map((e) => e.kind))].join(' ')})`);
          assert.equal(accepted[0].t, 0);
          const retry = trace.find((e) => e.kind === 'retry.scheduled' && e.detail.attempt === 2);
          assert.ok(retry, 'attempt 2 was scheduled');
          const end1 = trace.find((e) => e.kind === 'attempt.end' && e.detail.attempt === 1);
          assert.equal(retry.detail.delayMs, 60000);
          assert.equal(retry.detail.at, end1.t + 60000, 'the retry waits 60 s after attempt 1 ended');
          assert.equal(await frame.evaluate(() => document.getElementById('page-alert')?.hidden ?? true), true, 'no error message');
        } finally {
          await context.close();
        }
      });
    },
  },
];
