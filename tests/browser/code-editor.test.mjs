// The code panel: opened lazily, Korean typed through an IME composition, a syntax error
// marked at its line before deploy, the draft surviving a reload.
import assert from 'node:assert/strict';
import fs from 'node:fs';

const SHOTS = '/tmp/shots/pyweb';

const state = (page) => page.evaluate(() => window.invokeLab.state());

async function until(page, predicate, what, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await state(page);
    if (predicate(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

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
];
