// The code panel: opened lazily, Korean typed through an IME composition, a syntax error
// marked at its line before deploy, the draft surviving a reload; deployed code running on the
// WASM build: the seed-002 handler with its raise uncommented fails and retries exactly as
// `lab fail demo-lambda always` does.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { state, until } from './helpers.mjs';

const SHOTS = '/tmp/shots/pyweb';

// Hangul through IME composition events (jamo, then the syllable, then commit), the rest as keys.
async function typeWithIme(page, text) {
  const cdp = await page.context().newCDPSession(page);
  for (const ch of text) {
    if (/[\uac00-\ud7a3]/.test(ch)) {
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

const editorText = (page) => page.evaluate(async () => (await window.invokeLab.codePanel).editor.text());

async function openPanel(page) {
  await page.locator('#btn-code').click();
  const r = await page.evaluate(async () => { const p = await window.invokeLab.codePanel; return { readyMs: p.readyMs ?? null }; });
  await page.waitForFunction(() => !document.getElementById('code-deploy').disabled);
  return r;
}

// Goes to the start of 1-based line n in the editor (CodeMirror keys: Ctrl+Home, ArrowDown).
async function gotoLine(page, n) {
  await page.locator('#code-host .cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
}

const seedWithRaise = () => fs.readFileSync(new URL('../../content/handlers/seed-002.py', import.meta.url), 'utf8')
  .replace('    # raise Exception("Something went wrong!")', '    raise Exception("Something went wrong!")');
const INVOKE = 'aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload \'{"key1": "value1"}\' response.json';

export default [
  { name: 'code panel: nothing of it loads with the page; opening it loads the editor and Python', async fn({ open }) {
    const { page, errors } = await open('');
    const before = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(!before.some((u) => /micropython|editor\.js|python-runtime|code-editor/.test(u)), 'first load has no Python / editor file: ' + before.filter((u) => /vendor|py\//.test(u)).join(' '));
    assert.equal(await page.evaluate(() => typeof globalThis.invokeLabPython), 'undefined');
    await openPanel(page);
    const after = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    assert.ok(after.some((u) => u.endsWith('vendor/micropython/micropython.wasm')));
    assert.ok(after.some((u) => u.endsWith('vendor/editor.js')));
    assert.equal(await page.evaluate(() => globalThis.invokeLabPython.isReady()), true);
    // The default text is the seed-002 template, byte for byte.
    const seed = fs.readFileSync(new URL('../../content/handlers/seed-002.py', import.meta.url), 'utf8');
    assert.equal(await editorText(page), seed);
    assert.equal(await page.locator('#code-host .cm-lineNumbers .cm-gutterElement', { hasText: /^13$/ }).count(), 1);
    assert.deepEqual(errors, []);
  } },
  { name: 'code panel: Korean typed with an IME, a syntax error marked at its line, the draft survives a reload', async fn({ open }) {
    const { page, context, errors } = await open('');
    await openPanel(page);
    await gotoLine(page, 4);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await typeWithIme(page, 'print("안녕 람다")');
    let text = await editorText(page);
    assert.equal(text.split('\n')[4], '    print("안녕 람다")');
    // Break line 3: remove the colon after the parameters.
    await gotoLine(page, 3);
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.getElementById('code-error').textContent !== '');
    assert.equal(await page.locator('#code-error').innerText(), "3행 문법 오류: expected ':'");
    await page.waitForSelector('#code-host .cm-lintRange-error');
    await page.evaluate(() => window.invokeLab.setLang('en'));
    assert.equal(await page.locator('#code-error').innerText(), "Syntax error on line 3: expected ':'");
    await page.keyboard.type(':');
    await page.waitForFunction(() => document.getElementById('code-error').textContent === '');
    text = await editorText(page);
    await page.reload();
    await page.waitForFunction(() => window.invokeLab?.firstFrameMs != null && window.invokeLab.settled, null, { timeout: 60000 });
    await openPanel(page);
    assert.equal(await editorText(page), text);
    // Keyboard: Tab indents inside the editor; Esc then Tab leaves it (no keyboard trap).
    await page.locator('#code-host .cm-content').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    assert.notEqual(await page.evaluate(() => document.activeElement?.className ?? ''), 'cm-content');
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest('#code-host')), false);
    assert.deepEqual(errors, []);
    await context.close();
  } },
  { name: 'code panel: deploy the seed handler with its raise uncommented; the async event fails and is retried', async fn({ open, shot }) {
    fs.mkdirSync(SHOTS, { recursive: true });
    const { page, errors } = await open('');
    const t0 = await page.evaluate(() => performance.now());
    const { readyMs } = await openPanel(page);
    console.log(`     open editor -> ready: ${readyMs} ms`);
    await gotoLine(page, 7);                      // "    # raise Exception(...)": Home puts the cursor at '#'
    await page.keyboard.press('Delete');
    await page.keyboard.press('Delete');
    await gotoLine(page, 4);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await typeWithIme(page, 'print("한글 로그")');
    const text = await editorText(page);
    assert.match(text, /\n {4}raise Exception\("Something went wrong!"\)\n/);
    const before = await state(page);
    const fn0 = before.lambda.functions.find((f) => f.configuration.FunctionName === 'demo-lambda').configuration;
    await page.locator('#code-deploy').click();
    await page.waitForFunction(() => /CodeSha256/.test(document.getElementById('code-status').textContent));
    const after = await state(page);
    const fn1 = after.lambda.functions.find((f) => f.configuration.FunctionName === 'demo-lambda').configuration;
    assert.notEqual(fn1.CodeSha256, fn0.CodeSha256);
    assert.equal(fn1.CodeSize, (await page.evaluate(() => window.invokeLab.state())).lambda.functions[0].configuration.CodeSize);
    assert.match(await page.locator('#term-output').innerText(), /update-function-code --function-name demo-lambda --zip-file fileb:\/\/function\.zip/);
    await page.evaluate(() => window.invokeLab.pause());
    const r = await page.evaluate(() => window.invokeLab.run('aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload \'{"key1": "value1"}\' response.json'));
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /"StatusCode": 202/);
    for (let i = 0; i < 20; i++) await page.evaluate(() => window.invokeLab.nextEvent());
    const s = await until(page, (st) => st.lambda.invocations.some((v) => v.attempts.length === 3 && v.finishedAt != null), 'three attempts');
    const inv = s.lambda.invocations.find((v) => v.attempts.length === 3);
    assert.deepEqual(inv.attempts.map((a) => [a.outcome, a.errorType, a.errorMessage]),
      [['error', 'Exception', 'Something went wrong!'], ['error', 'Exception', 'Something went wrong!'], ['error', 'Exception', 'Something went wrong!']]);
    // About one minute, then about two minutes between the attempts (lambda-semantics.md §4).
    const gaps = [inv.attempts[1].start - inv.attempts[0].end, inv.attempts[2].start - inv.attempts[1].end];
    assert.ok(gaps[0] >= 60000 && gaps[0] < 120000 && gaps[1] >= 120000 && gaps[1] < 240000, 'gaps ' + gaps);
    const logs = JSON.stringify(s.logs);
    assert.ok(logs.includes('한글 로그'), 'the print reached CloudWatch Logs');
    assert.ok(logs.includes('[ERROR] Exception: Something went wrong!'), 'the error line reached CloudWatch Logs');
    console.log(`     total from page ready to third attempt: ${Math.round((await page.evaluate(() => performance.now())) - t0)} ms`);
    await page.locator('#code-section').scrollIntoViewIfNeeded();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: `${SHOTS}/desktop-ko.png` });
    await page.evaluate(() => window.invokeLab.setLang('en'));
    await page.screenshot({ path: `${SHOTS}/desktop-en.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#code-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/phone-en.png` });
    await page.evaluate(() => window.invokeLab.setLang('ko'));
    await page.screenshot({ path: `${SHOTS}/phone-ko.png` });
    await shot(page, 'code-editor-phone-ko');
    assert.deepEqual(errors, []);
  } },
  { name: 'code: the seed-002 handler with its raise uncommented fails and retries exactly like lab fail always (same seed, traces compared)', async fn({ open }) {
    const { page, errors } = await open('');
    await page.evaluate(() => window.invokeLab.loadPython());
    const code = seedWithRaise();
    assert.ok(code.includes('\n    raise Exception("Something went wrong!")\n'));
    const b64 = Buffer.from(code, 'utf8').toString('base64url');
    const builtin = `# seed: 7\nlab fail demo-lambda always --message "Something went wrong!"\n${INVOKE}\nlab advance 10m\n`;
    const python = `# seed: 7\nlab code put lambda_function.py ${b64}\nzip function.zip lambda_function.py\n`
      + `aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip\n${INVOKE}\nlab advance 10m\n`;
    const runs = {};
    for (const [name, text] of [['builtin', builtin], ['python', python]]) {
      assert.deepEqual(await page.evaluate((t) => window.invokeLab.loadScenario(t, 1), text), { ok: true }, name);
      const trace = await page.evaluate(() => window.invokeLab.traceSince(0));
      const from = trace.findIndex((e) => e.kind === 'async.accepted');
      const flow = trace.slice(from);
      const s = await page.evaluate(() => window.invokeLab.state());
      runs[name] = {
        kinds: flow.map((e) => e.kind),
        retries: flow.filter((e) => e.kind === 'retry.scheduled').map((e) => e.detail.delayMs),
        attempts: s.lambda.invocations[0].attempts.map((a) => [a.number, a.outcome, a.errorType, a.errorMessage]),
        starts: s.lambda.invocations[0].attempts.map((a) => a.start),
        ends: s.lambda.invocations[0].attempts.map((a) => a.end),
        end: flow.filter((e) => e.kind === 'async.failed').map((e) => e.detail.condition),
        logs: flow.filter((e) => e.kind === 'log.line' && !/^(START|END|REPORT|INIT_START) /.test(e.detail.message)).map((e) => e.detail.message),
      };
    }
    const { builtin: a, python: b } = runs;
    assert.deepEqual(b.kinds, a.kinds);
    assert.deepEqual(b.retries, [60000, 120000]);
    assert.deepEqual(b.retries, a.retries);
    assert.deepEqual(b.attempts, [[1, 'error', 'Exception', 'Something went wrong!'], [2, 'error', 'Exception', 'Something went wrong!'], [3, 'error', 'Exception', 'Something went wrong!']]);
    assert.deepEqual(b.attempts, a.attempts);
    assert.deepEqual(b.end, ['RetriesExhausted']);
    assert.deepEqual(b.end, a.end);
    // Each retry starts the retry delay after the previous attempt ended, in both.
    for (const r of [a, b]) assert.deepEqual([r.starts[1] - r.ends[0], r.starts[2] - r.ends[1]], [60000, 120000]);
    // The learner-visible log lines are the same text: the print, then the [ERROR] with its traceback.
    const err = '[ERROR] Exception: Something went wrong!\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/lambda_function.py", line 7, in lambda_handler\n\u00a0\u00a0\u00a0\u00a0raise Exception("Something went wrong!")';
    assert.deepEqual(b.logs, ["Received event: {'key1': 'value1'}\n", err, "Received event: {'key1': 'value1'}\n", err, "Received event: {'key1': 'value1'}\n", err]);
    assert.deepEqual(b.logs, a.logs);
    assert.deepEqual(errors, []);
  } },
  { name: 'code: a share link whose session deploys code loads Python before the replay and rebuilds the same trace', async fn({ open, browser, url }) {
    const { page, context } = await open('');
    await page.evaluate(() => window.invokeLab.loadPython());
    const run = (l) => page.evaluate((x) => window.invokeLab.run(x), l);
    const code = 'def lambda_handler(event, context):\n    print("안녕", event)\n    return {"echo": event}\n';
    for (const line of [`lab code put lambda_function.py ${Buffer.from(code, 'utf8').toString('base64url')}`, 'zip function.zip lambda_function.py',
      'aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip',
      'aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload \'{"a": 1}\' response.json']) {
      assert.equal((await run(line)).exitCode, 0, line.slice(0, 40));
    }
    assert.equal((await run('cat response.json')).stdout, '{"echo": {"a": 1}}');
    const fragment = await page.evaluate(() => window.invokeLab.shareFragment());
    const before = await page.evaluate(() => JSON.stringify(window.invokeLab.traceSince(0)));
    await context.close();
    const ctx2 = await browser.newContext();
    const page2 = await ctx2.newPage();
    await page2.goto(`${url}#s=${fragment}`);
    await page2.waitForFunction(() => window.invokeLab?.firstFrameMs != null && window.invokeLab.settled, null, { timeout: 90000 });
    assert.equal(await page2.evaluate(() => !!window.invokeLab.python()?.isReady()), true);
    assert.equal(await page2.evaluate(() => JSON.stringify(window.invokeLab.traceSince(0))), before);
    const s = await page2.evaluate(() => window.invokeLab.state());
    assert.deepEqual(s.lambda.invocations.map((v) => v.attempts.map((a) => a.outcome)), [['success']]);
    await ctx2.close();
  } },
  { name: 'code: the points handlers on the simulated stores: the same event three times gives 300 naive, 100 idempotent / conditional / SETNX; a missing table is ClientError ResourceNotFoundException', async fn({ open }) {
    const { page, errors } = await open('');
    await page.evaluate(() => window.invokeLab.loadPython());
    const run = (line) => page.evaluate((l) => window.invokeLab.run(l), line);
    for (const [table, key] of [['points', 'user_id'], ['processed-events', 'event_id']]) {
      const r = await run(`aws dynamodb create-table --table-name ${table} --attribute-definitions AttributeName=${key},AttributeType=S --key-schema AttributeName=${key},KeyType=HASH --billing-mode PAY_PER_REQUEST`);
      assert.equal(r.exitCode, 0, r.stderr);
    }
    const deploy = async (file) => {
      const code = fs.readFileSync(new URL(`../../content/handlers/${file}`, import.meta.url), 'utf8');
      for (const line of [`lab code put lambda_function.py ${Buffer.from(code, 'utf8').toString('base64url')}`, 'zip function.zip lambda_function.py',
        'aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip']) {
        const r = await run(line);
        assert.equal(r.exitCode, 0, `${line.slice(0, 40)}: ${r.stderr}`);
      }
    };
    const invoke3 = async (event) => {
      for (let i = 0; i < 3; i++) {
        const r = await run(`aws lambda invoke --function-name demo-lambda --cli-binary-format raw-in-base64-out --payload '${JSON.stringify(event)}' response.json`);
        assert.equal(r.exitCode, 0, r.stderr);
        assert.ok(!/FunctionError/.test(r.stdout), r.stdout);
        assert.equal((await run('cat response.json')).stdout, '"OK"');
      }
    };
    const points = async (user) => {
      const r = await run(`aws dynamodb get-item --table-name points --key '{"user_id": {"S": "${user}"}}'`);
      assert.equal(r.exitCode, 0, r.stderr);
      return JSON.parse(r.stdout).Item.points.N;
    };
    await deploy('points-naive.py');
    await invoke3({ id: 'evt-1', user_id: 'u-naive' });
    assert.equal(await points('u-naive'), '300');
    await deploy('points-idempotent.py');
    await invoke3({ id: 'evt-2', user_id: 'u-idem' });
    assert.equal(await points('u-idem'), '100');
    await deploy('dynamodb-conditional.py');
    await invoke3({ id: 'evt-3', user_id: 'u-cond' });
    assert.equal(await points('u-cond'), '100');
    await deploy('redis-setnx.py');
    await invoke3({ id: 'evt-4', user_id: 'u-redis' });
    assert.equal((await run('redis-cli GET points:u-redis')).stdout, '"100"\n');
    const logs = JSON.stringify((await page.evaluate(() => window.invokeLab.state())).logs);
    assert.ok(logs.includes('duplicate event, skipped: evt-3'), 'the conditional handler logged the duplicate');
    // A missing table reaches Python as botocore's ClientError with AWS's code and message.
    const missing = 'import boto3\nfrom botocore.exceptions import ClientError\n\ndef lambda_handler(event, context):\n'
      + '    try:\n        boto3.resource("dynamodb").Table("nope").put_item(Item={"id": "1"})\n'
      + '    except ClientError as e:\n        return {"code": e.response["Error"]["Code"], "text": str(e)}\n';
    for (const line of [`lab code put lambda_function.py ${Buffer.from(missing, 'utf8').toString('base64url')}`, 'zip function.zip lambda_function.py',
      'aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip', 'aws lambda invoke --function-name demo-lambda response.json']) {
      const r = await run(line);
      assert.equal(r.exitCode, 0, `${line.slice(0, 40)}: ${r.stderr}`);
    }
    assert.equal((await run('cat response.json')).stdout,
      '{"code": "ResourceNotFoundException", "text": "An error occurred (ResourceNotFoundException) when calling the PutItem operation: Requested resource not found"}');
    const cli = await run('aws dynamodb put-item --table-name nope --item \'{"id": {"S": "1"}}\'');
    assert.equal(cli.exitCode, 254);
    assert.equal(cli.stderr, '\naws: [ERROR]: An error occurred (ResourceNotFoundException) when calling the PutItem operation: Requested resource not found\n');
    assert.deepEqual(errors, []);
  } },
];
