// The quiz panel, driven by clicks and typing only: a predict item answered wrong, then right
// with the key the simulator showed after the wrong try, the overlay of marks over the real
// attempts, the score kept over a reload; a choice item in end-of-quiz mode.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (rel) => JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8'));

// The first set (in index order) holding an item of `kind`, and that item's index.
function findItem(kind) {
  for (const set of readJson('content/quizzes/index.json').sets) {
    const items = readJson(`content/quizzes/${set}.json`).items;
    const i = items.findIndex((it) => it.kind === kind);
    if (i >= 0) return { set, index: i, item: items[i], count: items.length };
  }
  throw new Error(`no ${kind} item in content/quizzes`);
}

async function openQuiz(page, set, index, lang = 'ko') {
  const pos = (n, total) => (lang === 'ko' ? `${n} / ${total}번` : `item ${n} of ${total}`);
  await page.locator('#tab-quiz').click();
  await page.locator('#quiz-set').waitFor({ state: 'visible', timeout: 15000 });
  await page.locator('#quiz-set').selectOption(set);
  const total = readJson(`content/quizzes/${set}.json`).items.length;
  await page.waitForFunction((want) => document.getElementById('quiz-pos').textContent === want, pos(1, total));
  // One item per click, each confirmed before the next.
  for (let i = 0; i < index; i++) {
    await page.locator('#quiz-next').click();
    await page.waitForFunction((want) => document.getElementById('quiz-pos').textContent === want, pos(i + 2, total), { timeout: 5000 })
      .catch(async () => { throw new Error(`after ${i + 1} clicks on Next the quiz shows "${await page.locator('#quiz-pos').textContent()}"`); });
  }
  assert.equal(await page.locator('#quiz-item').getAttribute('data-item'), readJson(`content/quizzes/${set}.json`).items[index].id);
}

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('invokelab.quiz.v1') || 'null'));

export default [
  {
    name: 'Q1 predict item: wrong, then right from the shown key; overlay; score kept after a reload',
    async fn({ open, shot }) {
      const { set, index, item, count } = findItem('predict');
      const { page, context, errors } = await open();
      await openQuiz(page, set, index);
      assert.equal(await page.locator('#quiz-item').getAttribute('data-kind'), 'predict');
      assert.ok((await page.locator('#quiz-question').innerText()).length > 20, 'the question is shown');
      // Before grading: no key anywhere on the page.
      assert.equal(await page.locator('#quiz-key').count(), 0);

      // A wrong prediction: three typed times and one mark placed by clicking near the end of the axis.
      await page.locator('#quiz-times').fill('10, 20, 30');
      const box = await page.locator('#quiz-timeline').boundingBox();
      await page.mouse.click(box.x + box.width * 0.93, box.y + box.height * 0.3);
      const typed = await page.locator('#quiz-times').inputValue();
      assert.match(typed, /^10, 20, 30, \d+$/, `the click added a fourth time: ${typed}`);
      assert.equal(await page.locator('#quiz-timeline .mark').count(), 4);
      await page.locator('#quiz-outcome').selectOption('succeeded');
      await shot(page, 'Q1a-quiz-predict-before-ko');
      await page.locator('#quiz-check').click();
      await page.locator('#quiz-verdict').waitFor();
      assert.match(await page.locator('#quiz-verdict').innerText(), /✗\s*틀렸습니다/);
      assert.equal(await page.locator('#quiz-feedback').getAttribute('data-state'), 'wrong');
      // The key as the simulator gave it: {times, outcome} (CONTRACT.md §5, predict).
      const shown = JSON.parse(await page.locator('#quiz-key').getAttribute('data-key'));
      const key = shown.times;
      const outcome = JSON.parse(await page.locator('#quiz-key').getAttribute('data-outcome'));
      assert.equal(shown.outcome, outcome);
      assert.ok(Array.isArray(key) && key.length >= 1, `a list of attempt starts: ${JSON.stringify(key)}`);
      assert.ok(key[0] >= 0 && key[0] < 5, `the first attempt starts right after the event is accepted: ${key[0]}`);
      assert.ok(['succeeded', 'dlq', 'destination', 'dlq+destination', 'dropped'].includes(outcome), outcome);
      assert.equal(await page.locator('#quiz-overlay .attempt').count(), key.length, 'one bar per real attempt');
      assert.equal(await page.locator('#quiz-overlay .tol').count(), key.length, 'one tolerance band per real attempt');
      assert.equal(await page.locator('#quiz-overlay .mark').count(), 4, 'the four marks of the wrong answer');
      assert.ok((await page.locator('.quiz-expl').innerText()).length > 20, 'the explanation is shown');
      await shot(page, 'Q1b-quiz-predict-wrong-overlay-ko');
      let s = await stored(page);
      assert.equal(s.sets[set].answers[item.id].correct, false);
      assert.ok(s.missed.includes(`${set}/${item.id}`));

      // Right: the key's times and outcome, typed.
      await page.locator('#quiz-times').fill(key.map((x) => Math.round(x)).join(', '));
      await page.locator('#quiz-outcome').selectOption(outcome);
      await page.locator('#quiz-check').click();
      await page.waitForFunction(() => document.getElementById('quiz-feedback').dataset.state === 'correct');
      assert.match(await page.locator('#quiz-verdict').innerText(), /✓\s*정답입니다/);
      assert.equal(await page.locator('#quiz-overlay .attempt').count(), key.length);
      assert.equal(await page.locator('#quiz-overlay .mark').count(), key.length);
      await page.locator('#quiz-overlay').scrollIntoViewIfNeeded();
      await shot(page, 'Q1c-quiz-predict-right-overlay-ko');
      assert.equal(await page.locator('#quiz-score').innerText(), `점수 1/${count}`);
      s = await stored(page);
      assert.equal(s.sets[set].answers[item.id].correct, true);
      assert.deepEqual(s.sets[set].answers[item.id].key, shown);
      assert.ok(!s.missed.includes(`${set}/${item.id}`), 'answered right: no longer missed');
      const seed = s.sets[set].seed;
      assert.deepEqual(errors, []);

      // Reload: the same seed, the score and the answer are still there.
      await page.close();
      const again = await open('', { context });
      await openQuiz(again.page, set, index);
      assert.equal(await again.page.locator('#quiz-score').innerText(), `점수 1/${count}`);
      assert.equal(await again.page.locator('#quiz-feedback').getAttribute('data-state'), 'correct');
      assert.equal((await stored(again.page)).sets[set].seed, seed);
      // Open in playground: the item's scenario runs in the live world.
      await again.page.locator('#quiz-open').click();
      assert.match(await again.page.locator('#term-output').innerText(), new RegExp(`# 시나리오 불러옴: quiz ${set}/${item.id}`));
      await context.close();
    },
  },
  {
    name: 'Q2 choice item in end-of-quiz mode: saved, then revealed; New attempt draws a new seed',
    async fn({ open, shot }) {
      const { set, index, item } = findItem('choice');
      const { page, context, errors } = await open('?lang=en', { lang: 'en' });
      await openQuiz(page, set, index, 'en');
      await page.locator('#quiz-mode-end').check();
      assert.equal(await page.locator('#quiz-check').innerText(), 'Save answer');
      const choices = page.locator('#quiz-form input[name=quiz-choice]');
      assert.equal(await choices.count(), item.choices.length);
      await shot(page, 'Q2a-quiz-choice-before-en');
      await choices.first().check();
      await page.locator('#quiz-check').click();
      assert.equal(await page.locator('#quiz-feedback').getAttribute('data-state'), 'saved');
      assert.equal(await page.locator('#quiz-verdict').count(), 0, 'no verdict before the end');
      await page.locator('#quiz-finish').click();
      const state = await page.locator('#quiz-feedback').getAttribute('data-state');
      assert.ok(state === 'correct' || state === 'wrong', state);
      const key = JSON.parse(await page.locator('#quiz-key').getAttribute('data-key'));
      const picked = await choices.first().getAttribute('value');
      const right = JSON.stringify([picked]) === JSON.stringify(Array.isArray(key) ? key : [key]);
      assert.equal(state, right ? 'correct' : 'wrong', `verdict follows the key ${JSON.stringify(key)} for pick ${picked}`);
      await shot(page, 'Q2b-quiz-choice-after-en');
      const wide = await page.evaluate(() => {
        const box = document.getElementById('tutorial').getBoundingClientRect();
        return [...document.querySelectorAll('#tutorial *')].filter((e) => { const r = e.getBoundingClientRect(); return r.width && r.right > box.right + 0.5; }).map((e) => e.id || e.getAttribute('class'));
      });
      assert.deepEqual(wide, [], 'nothing in the quiz panel is wider than the panel (1400 px, English)');
      const s = (await stored(page)).sets[set];
      assert.equal(s.mode, 'end');
      assert.equal(s.finished, true);
      const seed = s.seed;
      await page.locator('#quiz-new').click();
      const s2 = (await stored(page)).sets[set];
      assert.notEqual(s2.seed, seed, 'a new seed');
      assert.deepEqual(s2.answers, {});
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'Q3 numeric and configure items: wrong, then right with the key the grade showed',
    async fn({ open }) {
      const { page, context, errors } = await open();
      // Numeric: a number far off, then the key.
      const num = findItem('numeric');
      await openQuiz(page, num.set, num.index);
      await page.locator('#quiz-num').fill('99999');
      await page.locator('#quiz-num').press('Enter');          // Enter checks, as in a form
      await page.waitForFunction(() => document.getElementById('quiz-feedback').dataset.state === 'wrong');
      const key = JSON.parse(await page.locator('#quiz-key').getAttribute('data-key'));
      assert.equal(typeof key, 'number');
      await page.locator('#quiz-num').fill(String(key));
      await page.locator('#quiz-check').click();
      await page.waitForFunction(() => document.getElementById('quiz-feedback').dataset.state === 'correct');
      // An empty answer is refused with a message, not graded.
      await page.locator('#quiz-num').fill('');
      await page.locator('#quiz-check').click();
      assert.equal(await page.locator('#quiz-feedback').getAttribute('data-state'), 'invalid');
      assert.equal(await page.locator('.quiz-invalid').innerText(), '숫자를 입력하세요.');

      // Configure: every knob at its first choice, then a combination from the key.
      const cfg = findItem('configure');
      await openQuiz(page, cfg.set, cfg.index);
      const knobs = page.locator('#quiz-form [data-knob]');
      assert.equal(await knobs.count(), cfg.item.knobs.length);
      const setKnobs = async (values) => {
        for (const k of cfg.item.knobs) {
          const input = page.locator(`#quiz-knob-${k.name}`);
          if (Array.isArray(k.choices)) await input.selectOption(JSON.stringify(values[k.name]));
          else await input.fill(String(values[k.name]));
        }
      };
      const first = Object.fromEntries(cfg.item.knobs.map((k) => [k.name, (k.choices ?? k.candidates)[0]]));
      await setKnobs(first);
      await page.locator('#quiz-check').click();
      await page.locator('#quiz-verdict').waitFor();
      const state = await page.locator('#quiz-feedback').getAttribute('data-state');
      const combos = JSON.parse(await page.locator('#quiz-key').getAttribute('data-key'));
      assert.ok(Array.isArray(combos) && combos.length > 0, `the key lists working settings: ${JSON.stringify(combos)}`);
      const firstWorks = combos.some((c) => cfg.item.knobs.every((k) => c[k.name] === first[k.name]));
      assert.equal(state, firstWorks ? 'correct' : 'wrong', `the verdict agrees with the key for ${JSON.stringify(first)}`);
      await setKnobs(combos[0]);
      await page.locator('#quiz-check').click();
      await page.waitForFunction(() => document.getElementById('quiz-feedback').dataset.state === 'correct');
      assert.match(await page.locator('#quiz-verdict').innerText(), /✓\s*정답입니다/);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'Q4 quiz on a 390 px phone: predict item graded, nothing wider than the screen',
    async fn({ open, shot }) {
      const { set, index } = findItem('predict');
      const { page, context, errors } = await open('?lang=en', { lang: 'en', phone: true });
      await openQuiz(page, set, index, 'en');
      await page.locator('#quiz-times').fill('0, 60');
      await page.locator('#quiz-outcome').selectOption('dlq');
      await page.locator('#quiz-check').click();
      await page.locator('#quiz-overlay').waitFor();
      const wide = await page.evaluate(() => [...document.querySelectorAll('#tutorial *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.id || e.getAttribute('class') || e.tagName));
      assert.deepEqual(wide, [], 'no overflow at 390 px');
      // What was off, part by part, against the key the grade returned.
      const key = JSON.parse(await page.locator('#quiz-key').getAttribute('data-key'));
      const wrongState = await page.locator('#quiz-feedback').getAttribute('data-state');
      if (wrongState === 'wrong') {
        const parts = await page.locator('.quiz-parts li').allInnerTexts();
        const timesOk = key.times.length === 2 && Math.abs(key.times[0]) <= 5 && Math.abs(key.times[1] - 60) <= 5;
        assert.deepEqual(parts, [
          key.times.length !== 2 ? `✗ The number of attempts differs: ${key.times.length} in reality, 2 predicted.`
            : timesOk ? '✓ Every attempt time is right.' : parts[0],
          key.outcome === 'dlq' ? '✓ The final outcome is right.' : '✗ The final outcome differs.',
        ]);
      }
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'no sideways scrolling');
      await page.locator('#quiz-verdict').scrollIntoViewIfNeeded();
      await shot(page, 'Q4-quiz-predict-graded-en-390');
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
];
