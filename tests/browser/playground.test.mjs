// The playground page, driven as a learner would: mouse clicks on the canvas, the invoke
// panel and the terminal by keyboard; assertions read window.invokeLab.state().
import assert from 'node:assert/strict';
import { state, until, clickCanvasControl } from './helpers.mjs';

const PAYLOAD = '{"key1": "값1"}';
const MESSAGE = 'Something went wrong!';

const termText = (page) => page.locator('#term-output').innerText();

// Clicks the centre of a canvas control, using the rectangle the app reports.

// The last terminal block: the command line as echoed, and its stdout / stderr.
async function lastBlock(page) {
  return page.evaluate(() => {
    const b = document.querySelector('#term-output .term-block:last-child');
    return b && { cmd: b.querySelector('.term-cmd')?.textContent ?? '', out: b.querySelector('.term-out')?.textContent ?? '', err: b.querySelector('.term-err')?.textContent ?? '' };
  });
}

async function typeInTerminal(page, line) {
  await page.locator('#term-input').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  return lastBlock(page);
}

// Types `text` into the focused field, entering Hangul syllables through an IME composition
// (compositionstart/update/end, as a Korean keyboard does) and everything else as key presses.
async function typeWithIme(page, text) {
  const cdp = await page.context().newCDPSession(page);
  for (const ch of text) {
    if (/[\uac00-\ud7a3]/.test(ch)) {
      // Compose jamo first (e.g. ㄱ -> 가 -> 값), then commit the syllable.
      const jamo = String.fromCharCode(0x3131 + ((ch.charCodeAt(0) - 0xac00) / 588 | 0) % 19);
      await cdp.send('Input.imeSetComposition', { text: jamo, selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.imeSetComposition', { text: ch, selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.insertText', { text: ch });
    } else {
      await page.keyboard.type(ch);
    }
  }
  await cdp.detach();
}

function attemptsOf(s, requestId) {
  const inv = s.lambda?.invocations?.find((r) => r.requestId === requestId);
  if (inv?.attempts?.length) return inv.attempts.map((a) => ({ number: a.number, start: a.start, end: a.end, outcome: a.outcome }));
  // Fall back to the trace (attempt.start / attempt.end entries) if the record is missing.
  const out = [];
  for (const e of s.trace.filter((x) => x.requestId === requestId)) {
    if (e.kind === 'attempt.start') out.push({ number: e.detail?.attempt, start: e.t, end: -1 });
    if (e.kind === 'attempt.end') out[out.length - 1].end = e.t;
  }
  return out;
}

export default [
  {
    name: '1 first frame, initial state',
    async fn({ open, shot }) {
      const { page, context, errors } = await open();
      const ms = await page.evaluate(() => window.invokeLab.firstFrameMs);
      console.log(`first_frame_ms=${ms}`);
      // Read at the first frame: the clock plays at 60x from then on.
      const s = await page.evaluate(() => window.invokeLab.firstFrameState);
      console.log(`time_at_first_frame=${s.ui?.firstFrameTime} frame=${s.ui?.frame} time_when_read=${s.time}`);
      // The app records the clock it drew on its first frame; the page reads state later, once
      // invokelab.deferred.wasm is in, and the clock plays at 60x in between: no more than 60x
      // the real time from drawing the first frame (main() draws it: 'il:first-draw', before the
      // page sees it at 'il:first-frame') to the read (plus 100 ms for frame boundaries).
      assert.equal(s.ui?.firstFrameTime, 0, 'the first frame shows virtual time 0');
      const readMs = await page.evaluate(() => window.invokeLab.firstFrameStateMs);
      const drawnMs = (await page.evaluate(() => window.invokeLab.timings())).marks['il:first-draw'];
      assert.ok(drawnMs <= ms && readMs >= ms, `drawn, seen, then read (${drawnMs} <= ${ms} <= ${readMs})`);
      assert.ok(s.time <= (readMs - drawnMs + 100) * 60, `60x play from the first draw to the read: ${s.time} ms in ${readMs - drawnMs} real ms`);
      const names = (s.lambda?.functions ?? []).map((f) => f.configuration?.FunctionName ?? f.FunctionName);
      assert.ok(names.includes('demo-lambda'), `demo-lambda exists: ${names}`);
      assert.equal(s.ui?.lang, 'ko');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
      assert.equal(await page.locator('#canvas').getAttribute('tabindex'), '0');
      assert.ok((await page.locator('#canvas').getAttribute('aria-label')).length > 10);
      await shot(page, '01-first-frame-ko');
      assert.deepEqual(errors, [], 'no page errors');
      await context.close();
    },
  },
  {
    name: '2 canvas play/pause control',
    async fn({ open, shot }) {
      const { page, context } = await open();
      const before = (await state(page)).ui.playing;
      await clickCanvasControl(page, 'playPause');
      await until(page, (s) => s.ui.playing === !before, 'ui.playing to change after the canvas click');
      // The HTML mirror follows the canvas (onUi).
      await page.waitForFunction((p) => document.getElementById('btn-play').dataset.playing === String(p), !before);
      await shot(page, '02-canvas-play-pause');
      await clickCanvasControl(page, 'playPause');
      await until(page, (s) => s.ui.playing === before, 'ui.playing to change back');
      await context.close();
    },
  },
  {
    name: '3 seed-002 flow: DLQ permission error, retries at +60 s / +120 s, DLQ message',
    async fn({ open, shot }) {
      const { page, context, errors } = await open();

      // Create the queue, then try to attach it as the DLQ: the role may not send yet.
      await page.locator('#btn-create-queue').click();
      let b = await lastBlock(page);
      assert.match(b.cmd, /aws sqs create-queue --queue-name lambda-DLQ/);
      assert.match(b.out, /QueueUrl/);
      await page.locator('#dlq-target').selectOption('sqs');
      await page.locator('#btn-dlq').click();
      b = await lastBlock(page);
      assert.match(b.cmd, /--dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:lambda-DLQ/);
      assert.match(b.err, /InvalidParameterValueException/, 'the missing permission is visible in the terminal (stderr)');
      assert.ok(await page.locator('#term-output .term-err').last().isVisible());

      // Grant the permission (checkbox), then set the DLQ again.
      await page.locator('#perm-sqs').check();
      b = await lastBlock(page);
      assert.match(b.cmd, /aws iam attach-role-policy --role-name \S+ --policy-arn arn:aws:iam::aws:policy\/AmazonSQSFullAccess/);
      assert.equal(b.err, '');
      await page.locator('#btn-dlq').click();
      b = await lastBlock(page);
      assert.equal(b.err, '', 'DLQ accepted once the role may send');
      assert.match(b.out, /DeadLetterConfig/);

      // Failure injection: always, with the seed's message.
      await page.locator('#fail-mode').selectOption('always');
      await page.locator('#fail-message').fill('');
      await page.locator('#fail-message').type(MESSAGE);
      await page.locator('#btn-fail').click();
      b = await lastBlock(page);
      assert.equal(b.cmd, `$ lab fail demo-lambda always --message '${MESSAGE}'`);
      assert.equal(b.err, '');

      // Payload with Korean text typed through the IME, checked as typed.
      await page.locator('#payload').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type('{"key1": ');
      await page.waitForFunction(() => document.getElementById('payload-status').classList.contains('error'));
      const partial = await page.locator('#payload-status').innerText();
      assert.match(partial, /1행 \d+열/, `inline error with line/column: ${partial}`);
      await typeWithIme(page, '"값1"}');
      assert.equal(await page.locator('#payload').inputValue(), PAYLOAD);
      await page.waitForFunction(() => document.getElementById('payload-status').classList.contains('ok'));

      // Async invoke: 202 at once.
      await page.locator('#btn-async').click();
      b = await lastBlock(page);
      assert.match(b.cmd, /--invocation-type Event/);
      assert.match(b.out, /"StatusCode": 202/);
      let s = await state(page);
      const accepted = s.trace.filter((e) => e.kind === 'async.accepted').pop();
      assert.ok(accepted, 'async.accepted in the trace');
      const rid = accepted.requestId;
      // Pause with the header button, as a learner would, and take the picture.
      if (s.ui.playing) await page.locator('#btn-play').click();
      await until(page, (x) => x.ui.playing === false, 'paused');
      await shot(page, '03a-after-202-ko');

      // Wait in the retry: first attempt failed, retry scheduled; move 30 s into the wait.
      const retryScheduled = (x) => x.trace.some((e) => e.kind === 'retry.scheduled' && e.requestId === rid);
      for (let i = 0; i < 20 && !retryScheduled(await state(page)); i++) await page.locator('#btn-next').click();
      s = await until(page, retryScheduled, 'the first retry to be scheduled');
      const res = await typeInTerminal(page, 'lab advance 30s');
      assert.equal(res.err, '');
      await page.waitForTimeout(300);
      await shot(page, '03b-retry-wait-ko');
      const narrated = await page.locator('#event-log').innerText();
      assert.match(narrated, /1분 뒤 재시도/, `narration mentions the 1-minute retry: ${narrated}`);

      // Jump from event to event until the DLQ has the message.
      for (let i = 0; i < 40; i++) {
        s = await state(page);
        if (s.trace.some((e) => e.kind === 'dlq.sent' && e.requestId === rid)) break;
        await page.locator('#btn-next').click();
      }
      s = await until(page, (x) => x.trace.some((e) => e.kind === 'dlq.sent' && e.requestId === rid), 'dlq.sent');
      await page.waitForTimeout(300);
      await shot(page, '03c-dlq-arrival-ko');

      // Attempts: three, the 2nd 60 000 ms after the 1st ended, the 3rd 120 000 ms after the 2nd ended.
      const att = attemptsOf(s, rid);
      assert.equal(att.length, 3, `three attempts: ${JSON.stringify(att)}`);
      assert.ok(att.every((a) => a.end >= a.start && a.outcome !== 'success'), JSON.stringify(att));
      assert.equal(att[1].start - att[0].end, 60000, `2nd attempt starts 60 000 ms after the 1st ended: ${JSON.stringify(att)}`);
      assert.equal(att[2].start - att[1].end, 120000, `3rd attempt starts 120 000 ms after the 2nd ended: ${JSON.stringify(att)}`);
      const starts = s.trace.filter((e) => e.kind === 'attempt.start' && e.requestId === rid).map((e) => e.t);
      assert.deepEqual(starts, att.map((a) => a.start), 'the record and the trace agree on the start times');
      console.log(`attempts: ${att.map((a) => `#${a.number} ${a.start}-${a.end} ms`).join(', ')}`);

      // The DLQ message: the payload as body, Lambda's attributes.
      const q = s.sqs.find((x) => x.name === 'lambda-DLQ');
      assert.ok(q && q.messages.length === 1, `one message in lambda-DLQ: ${JSON.stringify(q)}`);
      const m = q.messages[0];
      assert.equal(m.body, PAYLOAD);
      assert.equal(m.attributes.RequestID?.StringValue, rid);
      assert.equal(m.attributes.ErrorCode?.StringValue, '200');
      assert.equal(m.attributes.ErrorMessage?.StringValue, MESSAGE);
      const log = await page.locator('#event-log').innerText();
      assert.match(log, /DLQ에 도착/);

      // The learner polls the queue from the terminal.
      const recv = await typeInTerminal(page, 'aws sqs receive-message --queue-url https://sqs.ap-northeast-2.amazonaws.com/123456789012/lambda-DLQ --attribute-names All --message-attribute-names All');
      assert.equal(recv.err, '');
      assert.ok(recv.out.includes(MESSAGE) && recv.out.includes('값1'), recv.out);

      // The same moment in English.
      await page.locator('#lang').selectOption('en');
      await until(page, (x) => x.ui.lang === 'en', 'the canvas to follow the language');
      await page.waitForTimeout(300);
      assert.match(await page.locator('#event-log').innerText(), /arrived in the DLQ/);
      await shot(page, '03d-dlq-arrival-en');
      assert.deepEqual(errors, [], 'no page errors');
      await context.close();
    },
  },
  {
    name: '4 language persists across reload; keyboard-only Async',
    async fn({ open, shot, waitReady }) {
      const { page, context, errors } = await open();
      await page.locator('#lang').selectOption('en');
      await page.reload();
      await waitReady(page, errors);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.equal(await page.locator('#lang').inputValue(), 'en');
      assert.equal((await state(page)).ui.lang, 'en');
      assert.equal(await page.locator('#btn-async').innerText(), 'Async invoke');

      // Keyboard only: Tab from the top of the page to the Async button, then Enter.
      await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
      let reached = false;
      for (let i = 0; i < 60 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id === 'btn-async');
      }
      assert.ok(reached, 'Tab reaches the Async button');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'visible focus on the Async button');
      await page.keyboard.press('Enter');
      const b = await lastBlock(page);
      assert.match(b.cmd, /--invocation-type Event/);
      assert.match(b.out, /"StatusCode": 202/);
      await shot(page, '04-keyboard-async-en');

      // Space toggles play/pause outside text fields, and types a space inside them.
      await page.locator('#canvas').focus();
      const p0 = (await state(page)).ui.playing;
      await page.keyboard.press('Space');
      await until(page, (s) => s.ui.playing === !p0, 'space to toggle play/pause');
      await page.locator('#term-input').focus();
      await page.keyboard.press('Space');
      assert.equal(await page.locator('#term-input').inputValue(), ' ');
      assert.equal((await state(page)).ui.playing, !p0, 'space in a text field does not toggle');
      await context.close();
    },
  },
  {
    name: '5 big input: a 200 KB async and a 3 MB sync payload run; an 8 MB line and a 1.4 MB scenario are refused with a message, and the page keeps working',
    async fn({ open }) {
      const { page, context, errors } = await open();
      await page.evaluate(() => window.invokeLab.pause());
      const run = (line) => page.evaluate((l) => window.invokeLab.run(l), line);
      // Beyond the app's old 64 KB stack: ccall copies the line onto it (this used to overrun memory).
      const body = JSON.stringify({ k: 'x'.repeat(200000) });
      let r = await run(`aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '${body}' r.json`);
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal(r.stdout, '{\n    "StatusCode": 202\n}\n');
      // A 3 MB synchronous payload: 12 MB on the stack, past the old 5 MB one; Lambda takes up to 6 MB.
      const sync = JSON.stringify({ k: 'y'.repeat(3 * 1024 * 1024) });
      r = await run(`aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '${sync}' r.json`);
      assert.equal(r.exitCode, 0, r.stderr.slice(0, 300));
      assert.match(r.stdout, /"StatusCode": 200/);
      const huge = 'aws lambda invoke --function-name demo-lambda --payload ' + 'A'.repeat(8 * 1024 * 1024) + ' r.json';
      r = await run(huge);
      assert.equal(r.exitCode, 255);
      assert.equal(r.stderr, `이 줄은 ${huge.length.toLocaleString('en-US')}자입니다. 페이지는 한 줄에 6,500,000자까지만 시뮬레이터에 넘깁니다 (Lambda 페이로드 한도 6 MB보다 넉넉함). 실행하지 않았습니다.\n`);
      const big = '# seed: 1\n' + 'lab advance 1ms\n'.repeat(90000);
      const load = await page.evaluate((text) => window.invokeLab.loadScenario(text), big);
      assert.equal(load.ok, false);
      assert.equal(load.error.en, `Scenario: the text is ${big.length} bytes; at most 65536 (64 KiB) are allowed.`);
      r = await run('aws lambda list-functions');
      assert.equal(r.exitCode, 0, r.stderr);
      assert.equal((await page.evaluate(() => window.invokeLab.state())).lambda.invocations.length, 2, 'the two invocations are still there');
      assert.deepEqual(errors, [], 'no page errors');
      await context.close();
    },
  },
];
