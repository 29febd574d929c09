// The learning layer in the page, driven as a learner would: the lesson player (typing the
// step's commands in the terminal, clicking Next / Show me), progress kept over a reload,
// ?scenario=, share links (#s=) and the messages for bad links. Quizzes: quiz.test.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { state, enterLine, stepView } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));
const lessonIds = () => readJson('content/lessons/index.json').lessons;

const fnNames = (s) => (s.lambda?.functions ?? []).map((f) => f.configuration?.FunctionName ?? f.FunctionName);

// The step view as the learner sees it.

const progress = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('invokelab.progress.v1') || 'null'));

export default [
  {
    name: 'L1 lesson 1 completed by typing and clicking; progress survives a reload',
    async fn({ open, shot }) {
      const id = lessonIds()[0];
      const lesson = readJson(`content/lessons/${id}.json`);
      const { page, context, errors } = await open();
      // A first-time visitor lands in lesson 1, step 1.
      let v = await stepView(page);
      assert.equal(v.lesson, id);
      assert.equal(v.step, 0);
      assert.equal(v.pos, `1 / ${lesson.steps.length}단계`);
      assert.equal(v.title, lesson.steps[0].title.ko);
      assert.equal(v.error, '', `no step error: ${v.error}`);
      await shot(page, 'L1a-lesson-player-ko-1400');
      const fixed = { next: v.nextBox, back: v.backBox, show: v.showBox };

      for (let i = 0; i < lesson.steps.length; i++) {
        const step = lesson.steps[i];
        v = await stepView(page);
        assert.equal(v.step, i, `on step ${i + 1}`);
        assert.equal(v.title, step.title.ko);
        // Back / Next / Show me never move, whatever the step's text.
        for (const k of ['next', 'back', 'show']) {
          assert.deepEqual({ x: v[k + 'Box'].x, y: v[k + 'Box'].y }, { x: fixed[k].x, y: fixed[k].y }, `${k} stays in place on step ${i + 1}`);
        }
        if (step.check) {
          assert.equal(v.check, 'pending', `step ${i + 1} starts unchecked`);
          assert.match(v.checkText, /^○ /);
        }
        if (i === lesson.steps.length - 1) {
          // The last step by its button: Show me runs the reference commands through the terminal.
          await page.locator('#lesson-show').click();
        } else {
          for (const line of step.do ?? []) await enterLine(page, line);
          if (step.advance) await enterLine(page, `lab advance ${step.advance}`);
        }
        await page.waitForFunction(() => ['done', 'reading'].includes(document.getElementById('step-check').dataset.state), null, { timeout: 10000 })
          .catch(async () => { throw new Error(`step ${i + 1} (${step.id}) check did not turn on: ${JSON.stringify(await stepView(page))}`); });
        v = await stepView(page);
        assert.equal(v.check, step.check ? 'done' : 'reading');
        assert.match(v.checkText, /^✓ /);
        const live = await page.locator('#narration').textContent();
        if (step.check) assert.ok(live.includes(`${i + 1}단계 완료`) || (await progress(page)).done[id].includes(step.id), `announced or recorded: ${live}`);
        const p = await progress(page);
        assert.ok(p.done[id].includes(step.id), `step ${step.id} recorded as done: ${JSON.stringify(p)}`);
        if (i === 1) await shot(page, 'L1b-step-done-ko-1400');
        if (i < lesson.steps.length - 1) {
          await page.locator('#lesson-next').click();
          // The step is entered (its scenario loaded) when the view is no longer busy.
          await page.waitForFunction((n) => Number(document.querySelector('.lesson-step-view').dataset.step) === n && document.querySelector('.lesson-step-view').getAttribute('aria-busy') === 'false', i + 1);
          if (lesson.steps[i + 1].scenario) {
            const term = await page.locator('#term-output').innerText();
            assert.ok(term.includes(`# 시나리오 불러옴: ${lesson.steps[i + 1].scenario}`), 'the terminal says which scenario the step loaded');
          }
        }
      }
      // The reference commands of the last step appear in the terminal, marked as the lesson's.
      const last = lesson.steps[lesson.steps.length - 1];
      const lessonCmds = await page.locator('#term-output .term-block.from-lesson .term-cmd').allInnerTexts();
      assert.ok(lessonCmds.includes('$ ' + last.do[0]), `Show me ran ${last.do[0]}: ${lessonCmds.slice(-3)}`);
      let p = await progress(page);
      assert.deepEqual([...p.done[id]].sort(), lesson.steps.map((s) => s.id).sort());
      assert.equal(p.lesson, id);
      assert.equal(p.step, lesson.steps.length - 1);

      // The list shows the lesson complete.
      await page.locator('#lesson-to-list').click();
      const item = page.locator(`.lesson-item[data-id="${id}"]`);
      assert.equal(await item.getAttribute('data-done'), String(lesson.steps.length));
      assert.match(await item.innerText(), new RegExp(`${lesson.steps.length}/${lesson.steps.length} 완료`));
      await shot(page, 'L1c-lesson-list-ko-1400');
      // Open lesson 2 from the list, then reload: the learner is back in lesson 2.
      const second = lessonIds()[1];
      await page.locator(`.lesson-item[data-id="${second}"]`).click();
      await page.waitForFunction((s) => document.querySelector('.lesson-step-view')?.dataset.lesson === s && !document.querySelector('.lesson-step-view').hidden, second);
      p = await progress(page);
      assert.equal(p.lesson, second);
      assert.equal(p.step, 0);
      assert.deepEqual(errors, [], 'no page errors');

      await page.close();
      const again = await open('', { context });
      v = await stepView(again.page);
      assert.equal(v.lesson, second, 'a reload resumes in the lesson the learner left');
      assert.equal(v.step, 0);
      await again.page.locator('#lesson-to-list').click();
      assert.equal(await again.page.locator(`.lesson-item[data-id="${id}"]`).getAttribute('data-done'), String(lesson.steps.length), 'lesson 1 still complete after the reload');
      await context.close();
    },
  },
  {
    name: 'L2 a reload in the middle of a lesson rebuilds the step\'s world',
    async fn({ open }) {
      const id = lessonIds()[0];
      const lesson = readJson(`content/lessons/${id}.json`);
      // Step 4 of lesson 1 has no scenario of its own: the player loads step 3's and replays nothing
      // (step 3 is where that scenario is); with step 2 it is step 1's scenario plus step 1's commands.
      const target = lesson.steps.findIndex((s, i) => i > 0 && !s.scenario);
      assert.ok(target > 0, 'lesson 1 has a step without a scenario');
      const { page, context } = await open();
      // Recorded as done on an earlier visit: marked so, and checked again live in the rebuilt world.
      await page.evaluate(([lid, step, sid]) => localStorage.setItem('invokelab.progress.v1', JSON.stringify({ lesson: lid, step, done: { [lid]: [sid] } })), [id, target, lesson.steps[target].id]);
      await page.close();
      const { page: p2 } = await open('', { context });
      const v = await stepView(p2);
      assert.equal(v.step, target);
      assert.equal(v.check, 'earlier');
      assert.equal(v.checkText, '✓ 전에 마침 (다시 해 볼 수 있어요)');
      // The commands of the steps between the scenario and this one ran again, through the terminal.
      let k = target; while (k >= 0 && !lesson.steps[k].scenario) k--;
      const replayed = lesson.steps.slice(k, target).flatMap((s) => [...(s.do ?? []), ...(s.advance ? [`lab advance ${s.advance}`] : [])]);
      const cmds = await p2.locator('#term-output .term-block.from-lesson .term-cmd').allInnerTexts();
      assert.deepEqual(cmds.filter((c) => c.startsWith('$ ')), replayed.map((l) => '$ ' + l));
      const s = await state(p2);
      assert.equal(s.trace.filter((e) => e.kind === 'invoke.sync').length, replayed.filter((l) => /lambda invoke/.test(l) && !/Event/.test(l)).length);
      // Doing the step again turns its live check on.
      for (const line of lesson.steps[target].do) {
        await p2.locator('#term-input').fill(line);
        await p2.locator('#term-input').press('Enter');
      }
      if (lesson.steps[target].advance) { await p2.locator('#term-input').fill(`lab advance ${lesson.steps[target].advance}`); await p2.locator('#term-input').press('Enter'); }
      await p2.waitForFunction(() => document.getElementById('step-check').dataset.state === 'done', null, { timeout: 10000 });
      await context.close();
    },
  },
  {
    name: 'L3 ?scenario=NAME loads that scenario after the first frame',
    async fn({ open }) {
      const { page, context, errors } = await open('?scenario=failing-function');
      const mode = await page.evaluate(() => window.invokeLab.fact({ fact: 'function.failureMode' }));
      assert.deepEqual(mode, { value: 'always', error: '' });
      assert.ok(await page.locator('#page-alert').isHidden(), 'no alert');
      assert.match(await page.locator('#term-output').innerText(), /# 시나리오 불러옴: failing-function/);
      // The lesson player did not replace the asked-for world with its own step's.
      const s = await state(page);
      assert.ok(fnNames(s).includes('demo-lambda'));
      assert.equal(s.seed, 1);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'L4 share link round trip: the same trace, byte for byte, paused',
    async fn({ open, browser, url, shot }) {
      const perms = ['clipboard-read', 'clipboard-write'];
      const { page, context } = await open('', { permissions: perms });
      await page.locator('#btn-play').click();          // pause: nothing moves while we compare
      await page.waitForFunction(() => window.invokeLab.state().ui.playing === false);
      await enterLine(page, 'lab fail demo-lambda always --message "공유 테스트"');
      await enterLine(page, `aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '{"key1": "값1"}' response.json`);
      await enterLine(page, 'lab advance 90s');
      await page.locator('#btn-share').click();
      await page.waitForFunction(() => document.getElementById('share-status').textContent !== '');
      const link = await page.locator('#share-url').inputValue();
      assert.match(link, /#s=[A-Za-z0-9_-]+$/, link);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, 'the link is on the clipboard');
      assert.equal(await page.locator('#share-status').getAttribute('data-copied'), 'true');
      await shot(page, 'L4a-share-box-ko-1400');
      const original = await page.evaluate(() => JSON.stringify(window.invokeLab.traceSince(0)));
      assert.ok(JSON.parse(original).some((e) => e.kind === 'retry.scheduled'), 'the session has a scheduled retry');

      const ctx2 = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const p2 = await ctx2.newPage();
      await p2.goto(link);
      await p2.waitForFunction(() => window.invokeLab?.settled, null, { timeout: 90000 });
      const copy = await p2.evaluate(() => JSON.stringify(window.invokeLab.traceSince(0)));
      assert.equal(copy, original, 'the shared session replays to the same trace');
      const s2 = await p2.evaluate(() => window.invokeLab.state());
      assert.equal(s2.ui.playing, false, 'a share link opens paused');
      assert.equal(await p2.locator('#btn-play').getAttribute('data-playing'), 'false');
      assert.ok(await p2.locator('#page-alert').isHidden());
      assert.equal(url + '#s=' + link.split('#s=')[1], link.replace(/^http:\/\/[^/]+\//, url));
      await ctx2.close();
      await context.close();
    },
  },
  {
    name: 'L5 malformed or too-long links and unknown scenarios: a message and the default world',
    async fn({ open, shot }) {
      const cases = [
        ['#s=@@not-base64@@', /공유 링크를 열 수 없어/],
        ['#s=' + 'A'.repeat(24001), /너무 깁니다/],
        ['?scenario=no-such-scenario', /"no-such-scenario"이라는 시나리오가 없습니다/],
        ['?scenario=..%2Fetc%2Fpasswd', /올바르지 않습니다/],
      ];
      for (const [query, message] of cases) {
        const { page, context, errors } = await open(query);
        const alert = page.locator('#page-alert');
        assert.ok(await alert.isVisible(), `${query}: the alert is visible`);
        assert.equal(await alert.getAttribute('role'), 'alert');
        const text = await page.locator('#page-alert-text').innerText();
        assert.match(text, message, `${query}: ${text}`);
        const s = await state(page);
        assert.ok(fnNames(s).includes('demo-lambda'), `${query}: demo-lambda exists`);
        assert.equal(s.seed, 1);
        assert.ok(s.time < 5 * 60000, `${query}: a fresh clock (${s.time} ms)`);
        assert.equal(s.trace.filter((e) => /^(invoke|async|attempt)/.test(e.kind)).length, 0, `${query}: nothing ran`);
        if (query.startsWith('#s=@@')) {
          await shot(page, 'L5-bad-link-ko-1400');
          // The message follows the language, and the dismiss button removes it.
          await page.locator('#lang').selectOption('en');
          assert.match(await page.locator('#page-alert-text').innerText(), /share link could not be opened/);
          await page.locator('#page-alert-close').click();
          assert.ok(await alert.isHidden());
        }
        // The unknown scenario's 404 is the browser's own console line; nothing else may appear.
        assert.deepEqual(errors.filter((e) => !(query.includes('no-such') && /status of 404/.test(e))), [], `${query}: no page errors`);
        await context.close();
      }
    },
  },
  {
    name: 'L6 lesson player pictures: en 1400x900, ko and en 390x844',
    async fn({ open, shot }) {
      for (const [lang, phone, name] of [['en', false, 'L6a-lesson-player-en-1400'], ['ko', true, 'L6b-lesson-player-ko-390'], ['en', true, 'L6c-lesson-player-en-390']]) {
        const { page, context } = await open(lang === 'en' ? '?lang=en' : '', { lang, phone });
        const first = readJson(`content/lessons/${lessonIds()[0]}.json`);
        const v = await stepView(page);
        assert.equal(v.step, 0);
        assert.equal(v.title, first.steps[0].title[lang]);
        assert.equal(await page.locator('#lesson-next').innerText(), lang === 'en' ? 'Next →' : '다음 →');
        // Nothing in the player sticks out of its panel (at 1400 px the panel is 380 px wide).
        const wide = await page.evaluate(() => {
          const box = document.getElementById('tutorial').getBoundingClientRect();
          return [...document.querySelectorAll('#tutorial *')].filter((e) => { const r = e.getBoundingClientRect(); return r.width && r.right > box.right + 0.5; }).map((e) => e.id || e.className);
        });
        assert.deepEqual(wide, [], `${name}: nothing wider than the panel`);
        if (phone) {
          await page.locator('#tutorial').scrollIntoViewIfNeeded();
          // One column: the canvas as wide as the lesson under it, and the lesson right under the canvas.
          const [stage, tut] = await page.evaluate(() => [document.querySelector('.stage'), document.getElementById('tutorial')].map((e) => e.getBoundingClientRect().toJSON()));
          assert.equal(Math.round(stage.width), Math.round(tut.width));
          assert.ok(tut.top > stage.bottom && tut.top - stage.bottom < 20, `the lesson follows the canvas: ${stage.bottom} -> ${tut.top}`);
          await shot(page, name, { fullPage: false });
        } else await shot(page, name);
        // The player follows a language switch without losing its place.
        const other = lang === 'en' ? 'ko' : 'en';
        await page.locator('#lang').selectOption(other);
        assert.equal(await page.locator('#step-title').innerText(), first.steps[0].title[other]);
        assert.equal(await page.locator('#lesson-pos').innerText(), other === 'en' ? `step 1 of ${first.steps.length}` : `1 / ${first.steps.length}단계`);
        await context.close();
      }
    },
  },
  {
    name: 'L7 step text markup: escaped, then code / bold / paragraphs / lists only',
    async fn({ open }) {
      const { page, context } = await open();
      const html = await page.evaluate(async () => {
        const { renderMarkup } = await import('./js/markup.js');
        const div = document.createElement('div');
        div.append(renderMarkup('<img src=x onerror="window.bad=1"> **bold** and `<b>code</b>`\nsame paragraph\n\n- one **1**\n- two `2`\nafter the list\n\nunclosed **star and `tick'));
        document.body.append(div);
        return div.innerHTML;
      });
      assert.equal(html,
        '<p>&lt;img src=x onerror="window.bad=1"&gt; <strong>bold</strong> and <code>&lt;b&gt;code&lt;/b&gt;</code> same paragraph</p>' +
        '<ul><li>one <strong>1</strong></li><li>two <code>2</code></li></ul><p>after the list</p>' +
        '<p>unclosed **star and `tick</p>');
      assert.equal(await page.evaluate(() => window.bad), undefined, 'nothing in the text ran');
      await context.close();
    },
  },
  {
    name: 'L8 Share refuses a session too long for a link, with a message',
    async fn({ open }) {
      const { page, context } = await open();
      // 150 long (valid) commands: the session text is far beyond 24 000 base64url characters.
      // Paused: the link records the moment, so a running clock could add digits between
      // reading the length here and the click below.
      await page.evaluate(() => {
        window.invokeLab.pause();
        for (let i = 0; i < 150; i++) window.invokeLab.run(`lab fail demo-lambda always --message "${'x'.repeat(180)} ${i}"`);
      });
      const len = await page.evaluate(() => window.invokeLab.shareFragment().length);
      assert.ok(len > 24000, `the fragment is long: ${len}`);
      await page.locator('#btn-share').click();
      assert.ok(await page.locator('#page-alert').isVisible());
      assert.equal(await page.locator('#page-alert-text').innerText(),
        `공유하기에 실습 기록이 너무 깁니다 (${len}자, 최대 24000자). lab reset으로 새로 시작한 뒤 다시 시도하세요.`);
      assert.ok(await page.locator('#share-box').isHidden(), 'no link offered');
      await context.close();
    },
  },
];
