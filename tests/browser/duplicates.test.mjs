// At-least-once on demand in the page (`lab duplicates`, issue 10 item 5) and lesson 8
// (idempotency): the lesson's steps turned on by typing their commands, the copy's record and
// timing on the WASM build, and pictures of the timeline with the copy drawn (its request id in
// the duplicate colour, its tooltip shown) and of the lesson player, ko and en, at 1280x800 and
// 390x844 (build/artifacts/D*.png).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { state, enterLine, stepView } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lesson = JSON.parse(fs.readFileSync(path.join(root, 'content/lessons/idempotency.json'), 'utf8'));

async function checkTurnsOn(page, i) {
  await page.waitForFunction(() => ['done', 'reading'].includes(document.getElementById('step-check').dataset.state), null, { timeout: 15000 })
    .catch(async () => { throw new Error(`step ${i + 1} (${lesson.steps[i].id}) check did not turn on: ${JSON.stringify(await stepView(page))}`); });
}

// The copy of the step-1 event: same request id, duplicateOf 0, delivered 1000 + 1791 ms after the
// original's first dequeue (seed 1's first two draws of the "duplicates" stream, as natively).
function assertOneCopy(s) {
  const invs = s.lambda.invocations;
  assert.equal(invs.length, 2, `two deliveries: ${JSON.stringify(invs.map((r) => [r.requestId, r.duplicateOf]))}`);
  assert.equal(invs[1].requestId, invs[0].requestId);
  assert.equal(invs[1].duplicateOf, 0);
  assert.ok(!('duplicateOf' in invs[0]));
  const id = invs[0].requestId;
  const kinds = (k) => s.trace.filter((e) => e.kind === k && e.requestId === id);
  const [dup] = kinds('async.duplicated');
  const deq = kinds('async.dequeued');
  assert.equal(deq.length, 2);
  assert.equal(dup.t, deq[0].t, 'the copy is made at the first dequeue');
  assert.equal(dup.detail.deliverAt - deq[0].t, 2791);
  assert.equal(deq[1].t, dup.detail.deliverAt);
  assert.equal(deq[1].detail.duplicate, true);
  assert.equal(kinds('attempt.start').length, 2);
}

const codeSha = async (page) => (await state(page)).lambda.functions.find((f) => f.configuration.FunctionName === 'demo-lambda').configuration.CodeSha256;

// The learner's way to a step's `deploy`: the code editor, its example of that file, Deploy;
// done when the function's CodeSha256 has changed.
async function deployFromEditor(page, file) {
  const before = await codeSha(page);
  if (await page.locator('#code-section').isHidden()) await page.locator('#btn-code').click();
  await page.waitForFunction(() => document.getElementById('code-deploy') && !document.getElementById('code-deploy').disabled, null, { timeout: 60000 });
  await page.locator('#code-template').selectOption(file.replace(/\.py$/, ''));
  await page.locator('#code-load-template').click();
  await page.waitForFunction((f) => window.invokeLab.codePanel.then((p) => p.editor.text()).then((t) => t.length > 0 && !!f), file);
  await page.locator('#code-deploy').click();
  for (let i = 0; i < 200 && (await codeSha(page)) === before; i++) await page.waitForTimeout(100);
  assert.notEqual(await codeSha(page), before, `deploying ${file} changed CodeSha256`);
}

const pointsOf = (s, user) => s.dynamodb.tables.find((t) => t.name === 'points')?.items.find((i) => i.user_id.S === user)?.points?.N;

// Hovers the copy's request id on the timeline (the rectangle the app publishes as duplicateRow).
async function hoverCopy(page) {
  const s = await state(page);
  const rect = s.ui?.controls?.duplicateRow;
  assert.ok(Array.isArray(rect) && rect.length === 4, `state().ui.controls.duplicateRow: ${JSON.stringify(Object.keys(s.ui?.controls ?? {}))}`);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.move(box.x + rect[0] + rect[2] / 2, box.y + rect[1] + rect[3] / 2);
  await page.waitForTimeout(400);                    // the tooltip shows on the next frames
}

export default [
  {
    name: 'D1 lesson 8 by typing: every check turns on; the copy has the same request id, 2791 ms after the first dequeue',
    async fn({ open }) {
      const { page, context, errors } = await open('?lesson=idempotency');
      let v = await stepView(page);
      assert.equal(v.lesson, 'idempotency');
      assert.equal(v.step, 0);
      assert.equal(v.title, lesson.steps[0].title.ko);
      assert.equal(v.error, '');
      for (let i = 0; i < lesson.steps.length; i++) {
        const step = lesson.steps[i];
        v = await stepView(page);
        assert.equal(v.step, i);
        if (step.check) assert.equal(v.check, 'pending', `step ${i + 1} starts unchecked`);
        if (step.deploy) await deployFromEditor(page, step.deploy);
        for (const line of step.do ?? []) await enterLine(page, line);
        if (step.advance) await enterLine(page, `lab advance ${step.advance}`);
        await checkTurnsOn(page, i);
        if (i === 0) {
          assertOneCopy(await state(page));
          // The copy is narrated (progress log and live region), in the page's language (Korean here).
          const said = await page.locator('#event-log li[data-kind="async.duplicated"]').first().textContent();
          assert.match(said, /최소 한 번 전달 — 실패가 없어도 같은 이벤트가 2791밀리초 뒤 한 번 더 전달됩니다$/);
        }
        if (i === 1) {
          // Three handler runs: the original's failed first run, the copy, the original's retry a minute later.
          const s = await state(page);
          const last = s.lambda.invocations.slice(-2);
          assert.equal(last[1].duplicateOf, s.lambda.invocations.length - 2);
          assert.deepEqual(last.map((r) => r.attempts.map((a) => a.outcome)), [['error', 'success'], ['success']]);
          assert.ok(last[1].attempts[0].start < last[0].attempts[1].start, 'the copy runs before the retry');
          assert.ok(last[0].attempts[1].start - last[0].attempts[0].end >= 60000, 'the retry waits a minute');
        }
        if (step.id === 'six-runs') {
          // Six runs of one always-failing event delivered twice, each delivery ending failed.
          const ended = (await state(page)).lambda.invocations.slice(-2);
          assert.deepEqual(ended.map((r) => [r.state, r.attempts.length]), [['failed', 3], ['failed', 3]]);
        }
        if (step.id === 'real-naive') assert.equal(pointsOf(await state(page), 'u1'), '200', 'two deliveries, two ADDs: 200 points');
        if (step.id === 'real-idempotent') {
          const s = await state(page);
          assert.equal(pointsOf(s, 'u2'), '100', 'two deliveries, the second skipped: 100 points');
          assert.deepEqual(s.dynamodb.tables.find((t) => t.name === 'processed-events').items.map((it) => it.event_id.S), ['order-2']);
        }
        if (i < lesson.steps.length - 1) {
          await page.locator('#lesson-next').click();
          await page.waitForFunction((n) => Number(document.querySelector('.lesson-step-view').dataset.step) === n && document.querySelector('.lesson-step-view').getAttribute('aria-busy') === 'false', i + 1);
        }
      }
      assert.deepEqual(errors, [], 'no page errors');
      await context.close();
    },
  },
  {
    name: 'D2 pictures: the copy on the timeline (hovered) and lesson 8\'s player, ko/en, 1280x800 and 390x844',
    async fn({ open, shot }) {
      for (const [lang, phone] of [['ko', false], ['en', false], ['ko', true], ['en', true]]) {
        const { page, context, errors } = await open('?lesson=idempotency' + (lang === 'en' ? '&lang=en' : ''),
          { lang, phone, size: { width: 1280, height: 800 } });
        const v = await stepView(page);
        assert.equal(v.title, lesson.steps[0].title[lang]);
        for (const line of lesson.steps[0].do) await enterLine(page, line);
        await enterLine(page, `lab advance ${lesson.steps[0].advance}`);
        await checkTurnsOn(page, 0);
        await page.evaluate(() => window.invokeLab.pause());   // nothing moves while the shots are taken
        await page.locator('#lesson-show').scrollIntoViewIfNeeded().catch(() => {});
        const size = phone ? '390' : '1280';
        await shot(page, `D2-lesson8-player-${lang}-${size}`, { fullPage: phone });
        await page.locator('#canvas').scrollIntoViewIfNeeded();
        await hoverCopy(page);
        await shot(page, `D2-timeline-duplicate-${lang}-${size}`, { fullPage: false });
        assert.deepEqual(errors, [], 'no page errors');
        await context.close();
      }
    },
  },
  {
    name: 'D3 lesson 8 with real code: a reload at the idempotent step rebuilds the naive step (its deploy included), then Show me deploys the idempotent handler: 200 and 100 points',
    async fn({ open, shot }) {
      const at = lesson.steps.findIndex((st) => st.id === 'real-idempotent');
      assert.ok(at > 0 && lesson.steps[at - 1].id === 'real-naive' && lesson.steps[at - 1].deploy === 'points-naive.py');
      const { page, context, errors } = await open('?lesson=idempotency');
      await page.evaluate((step) => localStorage.setItem('invokelab.progress.v1', JSON.stringify({ lesson: 'idempotency', step, done: {} })), at);
      await page.reload();
      let v = await stepView(page);
      assert.equal(v.step, at);
      assert.equal(v.error, '');
      let s = await state(page);
      assert.equal(pointsOf(s, 'u1'), '200', 'the rebuilt world ran the naive handler twice (Python started for the rebuild)');
      assert.equal(v.check, 'pending');
      // The commands box names the deploy instead of printing a base64 line.
      assert.match(await page.locator('.lesson-step-view pre').first().textContent(), /^# 배포: content\/handlers\/points-idempotent\.py/);
      await page.locator('#lesson-show').click();
      await checkTurnsOn(page, at);
      s = await state(page);
      assert.equal(pointsOf(s, 'u2'), '100');
      assert.equal(pointsOf(s, 'u1'), '200');
      await page.evaluate(() => window.invokeLab.pause());
      await shot(page, 'D3-lesson8-real-code-ko-1280', { fullPage: false });
      assert.deepEqual(errors, [], 'no page errors');
      await context.close();
    },
  },
];
