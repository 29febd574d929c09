// The flow view and time travel (issue 11), driven as a learner would: an async invoke with
// failures on plays out (queue -> environment -> queue ... -> DLQ) without touching anything
// else; then the time slider goes back to a retry wait (by keyboard and by dragging) and
// window.invokeLab.state() there is the world as it was. Screenshots in build/artifacts/ (and
// in $INVOKELAB_SHOTS when set): flow view mid-retry and at DLQ arrival, with the lanes above
// drawing the waits compressed, ko/en, 1280x800 and 390 px.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { state, until } from './helpers.mjs';

const SHOTS = process.env.INVOKELAB_SHOTS || '';


const SETUP = [
  'aws sqs create-queue --queue-name lambda-DLQ',
  'aws iam attach-role-policy --role-name demo-lambda-role-6gssa7uj --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess',
  'aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ',
  'lab fail demo-lambda always',
];

async function setUp(page) {
  for (const line of SETUP) {
    const r = await page.evaluate((l) => window.invokeLab.run(l), line);
    assert.equal(r.exitCode, 0, `${line}: ${r.stderr}`);
  }
}

// The one async event of these tests, by the invoke panel's button.
const inv = (s) => s.lambda.invocations[s.lambda.invocations.length - 1];

// Text the canvas placed where a narrow canvas may lack room (state().ui.labels, CSS px, with
// the page's own font): each inside its area, no two overlapping (wasm/app/app.h DrawnLabel).
function checkLabels(s, where) {
  const ls = s.ui.labels;
  assert.ok(ls.length > 0, `${where}: labels published`);
  const tol = 0.51;
  for (let i = 0; i < ls.length; i++) {
    const [x0, y0, x1, y1] = ls[i].rect, [a0, b0, a1, b1] = ls[i].area;
    const name = `${where}: ${ls[i].what} '${ls[i].text}' [${ls[i].rect}] in [${ls[i].area}]`;
    assert.ok(x0 >= a0 - tol && x1 <= a1 + tol && y0 >= b0 - tol && y1 <= b1 + tol, `${name} leaves its area`);
    for (let j = i + 1; j < ls.length; j++) {
      const [p0, q0, p1, q1] = ls[j].rect;
      const ox = Math.min(x1, p1) - Math.max(x0, p0), oy = Math.min(y1, q1) - Math.max(y0, q0);
      assert.ok(!(ox > tol && oy > tol), `${name} overlaps ${ls[j].what} '${ls[j].text}'`);
    }
  }
  return ls;
}

function shotTo(page, name) {
  if (!SHOTS) return null;
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, name + '.png') });
}

export default [
  {
    name: 'flow 1 the flow view is the default tab and shows the event wait, retry and reach the DLQ',
    async fn({ open, shot }) {
      const { page, context, errors } = await open('?lang=en');
      let s = await state(page);
      assert.ok(s.ui.controls.tabFlow, 'the flow tab is published');
      assert.ok(s.ui.flow, 'state().ui.flow is there');
      await setUp(page);
      await page.evaluate(() => window.invokeLab.setSpeed(10));   // the first wait lasts 6 s of real time
      await page.locator('#btn-async').click();
      // Queue -> first attempt fails -> waiting for attempt 2 in the internal queue.
      s = await until(page, (x) => inv(x)?.state === 'waiting-retry' && x.ui.flow.queue[0]?.attempt === 2, 'the event waiting to retry in the flow queue');
      const chip = s.ui.flow.queue[0];
      assert.equal(chip.requestId, inv(s).requestId);
      assert.equal(chip.attempt, 2);
      assert.ok(chip.retryInMs > 0 && chip.retryInMs <= 60000, `retry countdown ${chip.retryInMs}`);
      await shot(page, 'flow-mid-retry-en');
      // On to the DLQ at 600x, without touching anything else.
      await page.evaluate(() => window.invokeLab.setSpeed(600));
      s = await until(page, (x) => inv(x)?.dlqAt != null && x.ui.flow.dlqTotal === 1, 'the DLQ arrival in the flow view', 60000);
      assert.deepEqual(s.ui.flow.dlq, [inv(s).requestId]);
      assert.equal(inv(s).attempts.length, 3);
      // The lanes keep the whole story in view with its two retry waits drawn as breaks.
      const [a1, a2, a3] = inv(s).attempts;
      const tl = s.ui.timeline;
      assert.equal(tl.followNow, true);
      assert.ok(tl.breaks.length >= 2, JSON.stringify(tl));
      assert.deepEqual([tl.breaks[0].from, tl.breaks[0].to], [a1.end, a2.start]);
      assert.deepEqual([tl.breaks[1].from, tl.breaks[1].to], [a2.end, a3.start]);
      assert.match(tl.breaks[1].label, /^⋯ .+ ⋯$/);
      assert.ok(tl.msPerPx < 10, `attempts drawn at ${tl.msPerPx} ms per px`);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'flow 6 the time slider\'s clock is the canvas clock of the same frame while playing at 60x',
    async fn({ open }) {
      const { page, context, errors } = await open('?lang=en');
      await page.evaluate(() => window.invokeLab.play());
      const clockOf = (ms) => {
        const s = Math.floor(ms / 1000), two = (n) => String(n).padStart(2, '0');
        return `+${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}.${String(ms % 1000).padStart(3, '0')}`;
      };
      const seen = [];
      for (let i = 0; i < 8; i++) {
        await page.waitForTimeout(130);
        // One evaluate: between two frames, so the label and the world's clock come from the same one.
        const { label, time } = await page.evaluate(() => ({ label: document.getElementById('time-now').textContent, time: window.invokeLab.state().time }));
        seen.push({ label, time });
      }
      for (const { label, time } of seen) assert.equal(label, clockOf(time), JSON.stringify(seen));
      assert.ok(seen[seen.length - 1].time - seen[0].time >= 30000, `the clock played: ${JSON.stringify(seen)}`);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'flow 7 the event log ends at its newest line after a poll of hundreds of lines, and after a language switch',
    async fn({ open }) {
      const { page, context, errors } = await open('?lang=en');
      await page.evaluate(() => window.invokeLab.pause());
      const lines = ['lab fail demo-lambda always --message boom'];
      for (let i = 0; i < 30; i++) lines.push(`aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '{"n":${i}}' out${i}.json`);
      const batch = await page.evaluate((ls) => window.invokeLab.runMany(ls), lines);
      assert.deepEqual({ ran: batch.ran, failed: batch.failed }, { ran: 31, failed: 0 });
      // Thirty events, three attempts each: one run() narrates hundreds of lines in one poll.
      const r = await page.evaluate(() => window.invokeLab.run('lab advance 4m'));
      assert.equal(r.exitCode, 0, JSON.stringify(r));
      await page.waitForFunction(() => document.querySelectorAll('#event-log li').length === 200, null, { timeout: 10000 });
      const atEnd = () => page.evaluate(() => {
        const l = document.getElementById('event-log');
        return { top: l.scrollTop, gap: l.scrollHeight - l.clientHeight - l.scrollTop, last: l.lastElementChild.dataset.kind };
      });
      let at = await atEnd();
      assert.ok(at.top > 0 && at.gap <= 1, `scrolled to the newest line: ${JSON.stringify(at)}`);
      assert.equal(at.last, 'async.discarded', 'the newest line is the last event\'s end (no DLQ configured)');
      await page.evaluate(() => { document.getElementById('event-log').scrollTop = 0; window.invokeLab.setLang('ko'); });
      await page.waitForFunction(() => document.documentElement.lang === 'ko');
      at = await atEnd();
      assert.ok(at.top > 0 && at.gap <= 1, `still at the newest line after relabelling: ${JSON.stringify(at)}`);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'flow 2 time slider: back to the retry wait by keyboard and by drag, state() there, then End',
    async fn({ open }) {
      const { page, context, errors } = await open('?lang=en');
      await page.evaluate(() => window.invokeLab.pause());
      await setUp(page);
      await page.locator('#btn-async').click();
      await page.evaluate(() => window.invokeLab.run('lab advance 4m'));
      let s = await state(page);
      const live = inv(s);
      assert.ok(live.dlqAt != null, 'the event reached the DLQ');
      const [a1, a2, a3] = live.attempts;
      const t0 = live.acceptedAt;                   // the clock ran a little before the pause
      const end = s.ui.travel.end;
      assert.equal(s.ui.travel.inPast, false);
      assert.equal(end, t0 + 240000);

      // Keyboard: Home, then → until the first retry wait (after attempt 1 ended).
      const slider = page.locator('#time-slider');
      await slider.focus();
      await page.keyboard.press('Home');
      s = await state(page);
      assert.equal(s.ui.travel.now, 0);
      assert.equal(s.ui.travel.inPast, true);
      for (let i = 0; i < 20 && !(s.lambda.invocations[0]?.state === 'waiting-retry'); i++) {
        await page.keyboard.press('ArrowRight');
        s = await state(page);
      }
      assert.equal(s.lambda.invocations[0].state, 'waiting-retry');
      assert.equal(s.ui.travel.now, a1.end, 'the step lands where attempt 1 ended');
      assert.equal(s.lambda.invocations[0].attempts.length, 1);
      assert.equal(s.lambda.invocations[0].nextAttemptAt, a2.start);
      assert.equal(s.lambda.invocations[0].dlqAt, null, 'not in the DLQ yet at that moment');
      assert.match(await slider.getAttribute('aria-valuetext'), /in the past/);

      // Drag: to the middle of the second wait (between attempt 2's end and attempt 3's start).
      const target = Math.round((a2.end + a3.start) / 2);
      const box = await slider.boundingBox();
      // A range input's thumb travels over the width minus its own size; aim with the value instead of guessing it.
      await page.mouse.move(box.x + box.width * (target / end), box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * (target / end) + 1, box.y + box.height / 2);
      await page.mouse.up();
      s = await state(page);
      assert.ok(Math.abs(s.ui.travel.now - target) < end * 0.03, `dragged to ${s.ui.travel.now}, aimed at ${target}`);
      assert.equal(s.lambda.invocations[0].state, 'waiting-retry');
      assert.equal(s.lambda.invocations[0].attempts.length, 2);
      assert.equal(s.lambda.invocations[0].nextAttemptAt, a3.start);
      assert.equal(s.ui.flow.queue.length, 1);
      assert.equal(s.ui.flow.queue[0].attempt, 3);
      assert.equal(s.ui.flow.queue[0].ageMs, s.ui.travel.now - live.acceptedAt);
      const dlq = (x) => x.sqs.find((q) => q.name === 'lambda-DLQ');
      assert.equal(dlq(s).messages.length, 0, 'the DLQ is empty at that moment');

      // End: the present again, the same world as before.
      await slider.focus();
      await page.keyboard.press('End');
      s = await state(page);
      assert.equal(s.ui.travel.inPast, false);
      assert.equal(s.ui.travel.now, t0 + 240000);
      assert.deepEqual(inv(s), live);
      assert.equal(dlq(s).messages.length, 1);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'flow 3 resume from the past drops the later history, undo brings it back',
    async fn({ open }) {
      const { page, context, errors } = await open('?lang=en');
      await page.evaluate(() => window.invokeLab.pause());
      await setUp(page);
      await page.locator('#btn-async').click();
      await page.evaluate(() => window.invokeLab.run('lab advance 4m'));
      let s = await state(page);
      const t0 = inv(s).acceptedAt, at = t0 + 90000, end = t0 + 240000;
      await page.evaluate((ms) => window.invokeLab.seek(ms), at);
      assert.equal(await page.locator('#btn-resume').isVisible(), true);
      await page.locator('#btn-resume').click();
      s = await state(page);
      assert.deepEqual([s.ui.travel.now, s.ui.travel.end, s.ui.travel.inPast, s.ui.travel.canUndo], [at, at, false, true]);
      assert.ok((await page.evaluate(() => window.invokeLab.session())).includes(`# now: ${at}`));
      await page.locator('#btn-undo-resume').click();
      s = await state(page);
      assert.deepEqual([s.ui.travel.now, s.ui.travel.end, s.ui.travel.inPast], [at, end, true]);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
  {
    name: 'flow 4 screenshots: mid-retry and DLQ arrival, ko/en, 1280x800 and 390 px',
    async fn({ open, artifacts }) {
      for (const lang of ['ko', 'en']) {
        for (const phone of [false, true]) {
          const { page, context, errors } = await open(`?lang=${lang}`, { phone, size: { width: 1280, height: 800 } });
          await page.evaluate(() => window.invokeLab.pause());
          await setUp(page);
          await page.evaluate(() => window.invokeLab.run('aws lambda invoke --function-name demo-lambda --invocation-type Event out.json'));
          await page.evaluate(() => window.invokeLab.run('lab advance 100s'));   // attempt 2 failed at ~+60 s: waiting for attempt 3
          await page.waitForTimeout(3000);                 // tokens come to rest
          const tag = `${lang}-${phone ? 'phone' : 'desktop'}`;
          await page.locator('#canvas-wrap').scrollIntoViewIfNeeded();
          await shotTo(page, `flow-mid-retry-${tag}`);
          await page.screenshot({ path: path.join(artifacts, `flow-mid-retry-${tag}.png`) });
          let ls = checkLabels(await state(page), `${tag} mid-retry`);
          const texts = (what) => ls.filter((l) => l.what === what).map((l) => l.text);
          assert.deepEqual(texts('acceptCode'), ['202'], `${tag}: the 202 is drawn whole`);
          assert.equal(texts('countdown').length, 1, `${tag}: the countdown to attempt 3 is drawn whole`);
          assert.match(texts('countdown')[0], phone ? /^\d+s( \/ 120s)?$/ : /^\d+s \/ 120s$/);
          assert.equal(texts('flowCount').length, 3, `${tag}: DLQ, destinations and finished show their counts`);
          assert.equal(texts('flowTitle').length, 6, `${tag}: every flow box keeps a title`);
          await page.evaluate(() => window.invokeLab.run('lab advance 140s'));
          await page.waitForTimeout(3000);
          const s = await state(page);
          assert.equal(s.ui.flow.dlqTotal, 1, `${tag}: the DLQ holds the event`);
          ls = checkLabels(s, `${tag} DLQ`);
          assert.equal(s.ui.timeline.breaks.length, 3, `${tag}: three waits drawn as breaks`);
          assert.ok(texts('axisBreak').length >= (phone ? 2 : 3), `${tag}: break labels ${JSON.stringify(texts('axisBreak'))}`);
          assert.deepEqual(texts('dlqMark'), ['DLQ']);
          await shotTo(page, `flow-dlq-${tag}`);
          await page.screenshot({ path: path.join(artifacts, `flow-dlq-${tag}.png`) });
          assert.deepEqual(errors, []);
          await context.close();
        }
      }
    },
  },
  {
    name: 'flow 5 runMany builds a long history in one call; a seek replays from the checkpoint before it',
    async fn({ open }) {
      const { page, context, errors } = await open('?lang=en');
      await page.evaluate(() => window.invokeLab.pause());
      const t0 = (await state(page)).ui.travel.now;
      // 214 lines: the setup, then 10 groups of 20 async invokes and `lab advance 1s`.
      const lines = [...SETUP];
      for (let g = 0; g < 10; g++) {
        for (let i = 0; i < 20; i++) lines.push(`aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '{"n": ${g * 20 + i}}' out.json`);
        lines.push('lab advance 1s');
      }
      const r = await page.evaluate((l) => window.invokeLab.runMany(l), lines);
      assert.deepEqual([r.ran, r.failed, r.last.exitCode], [214, 0, 0]);
      assert.match(await page.evaluate(() => window.invokeLab.terminalText()), /\(214 command lines run in one batch, 0 failed\)/);
      let s = await state(page);
      assert.equal(s.lambda.invocations.length, 200);
      assert.equal(s.ui.travel.end, t0 + 10000);
      // Checkpoints every 64 lines (214 lines: at most 8 intervals of at least 64), built after frames.
      await until(page, (x) => x.ui.travel.checkpoints === 3 && x.ui.travel.checkpointsMissing === 0, 'three checkpoints built', 30000);
      // t0 + 4 500 ms is inside group 4's `lab advance 1s`: 108 lines before it. From the
      // checkpoint after 64 lines (its clock is t0 + 2 000), 44 lines are replayed instead of 108.
      const t = await page.evaluate((ms) => window.invokeLab.seek(ms), t0 + 4500);
      assert.deepEqual([t.now, t.inPast, t.replayed], [t0 + 4500, true, 44]);
      s = await state(page);
      assert.equal(s.lambda.invocations.length, 100);
      assert.equal(s.lambda.invocations[99].acceptedAt, t0 + 4000);
      // The used-up checkpoint is built again; the end is the world left behind by the seek.
      await until(page, (x) => x.ui.travel.checkpointsMissing === 0, 'the checkpoint rebuilt', 30000);
      const back = await page.evaluate((ms) => window.invokeLab.seek(ms), t0 + 10000);
      assert.deepEqual([back.inPast, back.replayed], [false, 0]);
      assert.equal((await state(page)).lambda.invocations.length, 200);
      assert.deepEqual(errors, []);
      await context.close();
    },
  },
];
