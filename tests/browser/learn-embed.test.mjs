// The learning messages of the embed API (CONTRACT.md §7): ?embed=1&lesson=ID shows the lesson
// player in the frame; loadLesson / loadQuiz / loadScenario requests; the unasked
// lessonProgress and quizResult messages reach the parent.
import assert from 'node:assert/strict';
import { parentHtml } from './embed-parent.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));


export default [
  {
    name: 'E1 embed: ?lesson= shows the player; loadLesson, loadQuiz, loadScenario; lessonProgress and quizResult',
    async fn({ browser, url, shot }) {
      const lessons = readJson('content/lessons/index.json').lessons;
      const first = readJson(`content/lessons/${lessons[0]}.json`);
      const context = await browser.newContext({ viewport: { width: 960, height: 900 } });
      const page = await context.newPage();
      const parentUrl = url + '__learn-parent.html';
      await page.route(parentUrl, (r) => r.fulfill({ contentType: 'text/html', body: parentHtml(`${url}?embed=1&lang=en&lesson=${lessons[0]}`, { width: 900, height: 800, timeoutMs: 10000 }) }));
      await page.goto(parentUrl);
      await page.waitForFunction(() => msgs.some((m) => m.v === 1 && m.type === 'ready'), null, { timeout: 90000 });
      const frame = page.frameLocator('#f');
      assert.ok(await frame.locator('#tutorial').isVisible(), 'the side panel shows the lesson when ?lesson= is given');
      assert.equal(await frame.locator('.lesson-step-view').getAttribute('data-lesson'), lessons[0]);
      assert.equal(await frame.locator('#step-title').innerText(), first.steps[0].title.en);

      // loadLesson at step 2 (index 1): the world is rebuilt for it; doing the step reports progress.
      const r = await page.evaluate((id) => ask({ v: 1, type: 'loadLesson', lesson: id, step: 1 }), lessons[0]);
      assert.equal(r?.ok, true, JSON.stringify(r));
      assert.equal(r.result.id, lessons[0]);
      assert.equal(r.result.step, 1);
      assert.equal(r.result.stepId, first.steps[1].id);
      assert.equal(r.result.passed, false);
      // Typed in the frame's terminal: Enter works although the sandbox blocks form submission.
      for (const line of first.steps[1].do) {
        await frame.locator('#term-input').fill(line);
        await frame.locator('#term-input').press('Enter');
      }
      assert.match(await frame.locator('#term-output').innerText(), /"StatusCode": 202/);
      await page.waitForFunction(() => msgs.some((m) => m.type === 'lessonProgress'), null, { timeout: 10000 });
      const progress = await page.evaluate(() => msgs.find((m) => m.type === 'lessonProgress'));
      assert.deepEqual(progress, { v: 1, type: 'lessonProgress', id: lessons[0], step: 1, stepId: first.steps[1].id, completed: false });
      await shot(page, 'E1a-embed-lesson-en');

      const bad = await page.evaluate(() => ask({ v: 1, type: 'loadLesson', lesson: 'no-such-lesson' }));
      assert.equal(bad?.ok, false);
      assert.match(bad.error, /no lesson called "no-such-lesson"/);

      // loadScenario by name, and an unknown name refused with the world left alone.
      const sc = await page.evaluate(() => ask({ v: 1, type: 'loadScenario', name: 'failing-function' }));
      assert.equal(sc?.ok, true, JSON.stringify(sc));
      const mode = await page.evaluate(() => ask({ v: 1, type: 'state' }));
      const fn = mode.result.lambda.functions.find((f) => (f.configuration?.FunctionName ?? f.FunctionName) === 'demo-lambda');
      assert.ok(fn, 'demo-lambda after the scenario');
      const unknown = await page.evaluate(() => ask({ v: 1, type: 'loadScenario', name: 'no-such-scenario' }));
      assert.equal(unknown?.ok, false);
      assert.match(unknown.error, /no scenario called "no-such-scenario"/);

      // loadQuiz, then one item graded by clicking in the frame: a quizResult reaches the parent.
      const sets = readJson('content/quizzes/index.json').sets;
      const q = await page.evaluate((set) => ask({ v: 1, type: 'loadQuiz', set }), sets[0]);
      assert.equal(q?.ok, true, JSON.stringify(q));
      assert.ok(await frame.locator('#quiz-panel').isVisible());
      const item = readJson(`content/quizzes/${sets[0]}.json`).items[0];
      if (item.kind === 'numeric') await frame.locator('#quiz-num').fill('1');
      else if (item.kind === 'choice') await frame.locator('#quiz-form input[name=quiz-choice]').first().check();
      else if (item.kind === 'predict') { await frame.locator('#quiz-times').fill('0'); await frame.locator('#quiz-outcome').selectOption('dlq'); }
      else for (const sel of await frame.locator('#quiz-form select[data-knob]').all()) await sel.selectOption({ index: 1 });
      await frame.locator('#quiz-check').click();
      await page.waitForFunction(() => msgs.some((m) => m.type === 'quizResult'), null, { timeout: 10000 });
      const res = await page.evaluate(() => msgs.find((m) => m.type === 'quizResult'));
      assert.equal(res.v, 1);
      assert.equal(res.set, sets[0]);
      assert.equal(res.itemId, item.id);
      assert.equal(res.verb, 'http://adlnet.gov/expapi/verbs/answered');
      assert.equal(res.object.id, `${url}#quiz/${sets[0]}/${item.id}`);
      assert.equal(typeof res.success, 'boolean');
      assert.deepEqual(res.score, { raw: res.success ? 1 : 0, max: 1, scaled: res.success ? 1 : 0 });
      assert.ok(res.key !== undefined && res.response !== undefined);
      await shot(page, 'E1b-embed-quiz-en');
      await context.close();
    },
  },
];
