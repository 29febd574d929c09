// Shared by the browser tests (not a test file itself: run.mjs runs *.test.mjs only).
import assert from 'node:assert/strict';

// The simulator's state as the page publishes it (window.invokeLab.state()).
export const state = (page) => page.evaluate(() => window.invokeLab.state());

// Polls the state until `predicate` holds; the error names what was awaited.
export async function until(page, predicate, what, timeout = 30000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await state(page);
    if (predicate(s)) return s;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

// One terminal line, filled at once and entered (as a paste would).
export async function enterLine(page, line) {
  await page.locator('#term-input').fill(line);
  await page.locator('#term-input').press('Enter');
}

// The centre of a canvas control, in page coordinates, from the rectangle the app publishes in
// state().ui.controls.
async function controlCentre(page, name) {
  const s = await state(page);
  const rect = s.ui?.controls?.[name];
  assert.ok(Array.isArray(rect) && rect.length === 4 && rect[2] > 0, `state().ui.controls.${name} is a rectangle: ${JSON.stringify(rect)}`);
  const box = await page.locator('#canvas').boundingBox();
  return { x: box.x + rect[0] + rect[2] / 2, y: box.y + rect[1] + rect[3] / 2 };
}

// Clicks a canvas control at its centre.
export async function clickCanvasControl(page, name) {
  const { x, y } = await controlCentre(page, name);
  await page.mouse.click(x, y);
}

// Taps a canvas control with a finger (a touch context: open(..., { phone: true })), held 100 ms as a
// finger is, so frames run between touchstart and touchend as they do on a phone.
export async function tapCanvasControl(page, name) {
  const { x, y } = await controlCentre(page, name);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await page.waitForTimeout(100);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

// The lesson player as the learner sees it, once it is not busy.
export async function stepView(page) {
  await page.waitForFunction(() => document.querySelector('.lesson-step-view')?.getAttribute('aria-busy') === 'false');
  return page.evaluate(() => ({
    lesson: document.querySelector('.lesson-step-view')?.dataset.lesson,
    step: Number(document.querySelector('.lesson-step-view')?.dataset.step),
    pos: document.getElementById('lesson-pos')?.textContent,
    check: document.getElementById('step-check')?.dataset.state,
    checkText: document.getElementById('step-check')?.textContent,
    title: document.getElementById('step-title')?.textContent,
    error: document.getElementById('step-error')?.textContent,
    nextBox: document.getElementById('lesson-next')?.getBoundingClientRect().toJSON(),
    backBox: document.getElementById('lesson-back')?.getBoundingClientRect().toJSON(),
    showBox: document.getElementById('lesson-show')?.getBoundingClientRect().toJSON(),
  }));
}

// Runs fn(page, tag) on a fresh, paused page in each language and width the screenshots cover
// (ko and en; 1280x800 and a 390 px phone; tag is e.g. "ko-phone"), then checks the page logged
// no error and closes it.
export async function inEachLanguageAndWidth(open, fn) {
  for (const lang of ['ko', 'en']) {
    for (const phone of [false, true]) {
      const tag = `${lang}-${phone ? 'phone' : 'desktop'}`;
      const { page, context, errors } = await open(`?lang=${lang}`, { phone, size: { width: 1280, height: 800 } });
      await page.evaluate(() => window.invokeLab.pause());
      await fn(page, tag);
      assert.deepEqual(errors, [], tag);
      await context.close();
    }
  }
}

// One shell line through the page's API; it must exit 0.
export async function runOk(page, line) {
  const r = await page.evaluate((l) => window.invokeLab.run(l), line);
  assert.equal(r.exitCode, 0, `${line.slice(0, 60)}: ${r.stderr}`);
  return r;
}
