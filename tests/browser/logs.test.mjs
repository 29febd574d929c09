// The Logs / 로그 tab after a failing async event has run to the DLQ: the pane of log lines gets
// the room under the tab's controls that the flow and stores tabs get (it showed 1-2 lines when
// the tab area was sized for the short tabs), and every control is on the canvas at either width
// (on a 390 px phone the row of controls ran past the canvas edge, so the filter and Clear could
// not be reached): typing a request id in the filter keeps that request's lines, Clear brings
// the rest back. Screenshots in build/artifacts/logs-<ko|en>-<desktop|phone>.png and
// logs-filtered-<ko|en>-<desktop|phone>.png.
import assert from 'node:assert/strict';
import { state, clickCanvasControl, tapCanvasControl, inEachLanguageAndWidth, runOk } from './helpers.mjs';

export default [
  {
    name: 'logs: the Logs tab after a failing event shows a pane of lines and a filter within reach, ko/en, 1280x800 and 390 px',
    async fn({ open, artifacts }) {
      await inEachLanguageAndWidth(open, async (page, tag) => {
          for (const line of ['lab fail demo-lambda always --message "Something went wrong!"',
            'aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload \'{"key1":"value1"}\' out.json',
            'lab run']) {
            await runOk(page, line);
          }
          await page.locator('#canvas-wrap').scrollIntoViewIfNeeded();
          await clickCanvasControl(page, 'tabLogs');
          await page.waitForTimeout(400);
          await page.screenshot({ path: `${artifacts}/logs-${tag}.png` });
          const s = await state(page);
          const pane = s.ui.controls.logLines;
          const lineH = s.ui.controls.logFilter?.[3];   // one input row: taller than a line of text
          assert.ok(Array.isArray(pane) && pane[3] > 0, `${tag}: state().ui.controls.logLines is the pane: ${JSON.stringify(pane)}`);
          assert.ok(lineH > 0, `${tag}: the filter row height ${lineH}`);
          // The first attempt's 6 lines at least (INIT_START .. REPORT), without scrolling.
          assert.ok(pane[3] >= 6 * lineH, `${tag}: the pane is ${pane[3]} px high, ${(pane[3] / lineH).toFixed(1)} lines of ${lineH} px`);

          // Every control inside the canvas, left to right, none under another.
          const canvasW = (await page.locator('#canvas').boundingBox()).width;
          for (const name of ['logGroup', 'logStream', 'logFilter', 'logClear']) {
            const r = s.ui.controls[name];
            assert.ok(Array.isArray(r) && r[0] >= 0 && r[0] + r[2] <= canvasW + 0.5, `${tag}: ${name} ${JSON.stringify(r)} inside the ${canvasW} px canvas`);
          }
          assert.ok(s.ui.controls.logFilter[1] + s.ui.controls.logFilter[3] <= pane[1], `${tag}: the filter is above the pane`);

          const shown = async () => (await state(page)).ui.labels.filter((l) => l.what === 'logLine').map((l) => l.text);
          const before = await shown();
          assert.ok(before[0]?.startsWith('INIT_START'), `${tag}: the first line is the cold start's: ${JSON.stringify(before.slice(0, 2))}`);
          const start = before.find((t) => t.startsWith('START RequestId: '));
          assert.ok(start, `${tag}: a START line among ${JSON.stringify(before)}`);
          const id = start.slice('START RequestId: '.length, 'START RequestId: '.length + 36);
          assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, `${tag}: request id`);

          // Click (on the phone: tap) the filter and type the id's first block: only that
          // request's lines stay. A tap focuses the textarea over the field, so the phone's
          // keyboard opens; a mouse click keeps the keys on the canvas.
          const phone = tag.endsWith('phone');
          await (phone ? tapCanvasControl : clickCanvasControl)(page, 'logFilter');
          await page.waitForTimeout(200);
          const focused = () => page.evaluate(() => document.activeElement?.id);
          assert.equal(await focused(), phone ? 'il-canvas-ime' : 'canvas', `${tag}: what has the keys after the ${phone ? 'tap' : 'click'}`);
          assert.equal((await state(page)).ui.textInput, true, `${tag}: the filter has the keys`);
          await page.keyboard.type(id.slice(0, 8) + 'z');
          await page.waitForTimeout(300);
          assert.deepEqual(await shown(), [], `${tag}: no line has ${id.slice(0, 8)}z`);
          // Backspace held across frames (ImGui 1.86 reads key state once a frame).
          await page.keyboard.down('Backspace');
          await page.waitForTimeout(120);
          await page.keyboard.up('Backspace');
          await page.waitForTimeout(300);
          const filtered = await shown();
          assert.ok(filtered.length >= 6, `${tag}: the filter keeps the request's START/END/REPORT lines: ${JSON.stringify(filtered)}`);
          assert.ok(filtered.every((t) => t.includes(id.slice(0, 8))), `${tag}: every line shown names ${id.slice(0, 8)}: ${JSON.stringify(filtered)}`);
          await page.screenshot({ path: `${artifacts}/logs-filtered-${tag}.png` });

          // Enter lets go of the field: the filter stays, and the phone's keyboard closes.
          await page.keyboard.down('Enter');
          await page.waitForTimeout(120);
          await page.keyboard.up('Enter');
          await page.waitForTimeout(300);
          assert.equal((await state(page)).ui.textInput, false, `${tag}: Enter ends the typing`);
          assert.equal(await focused(), 'canvas', `${tag}: the keys are back on the canvas after Enter`);
          assert.deepEqual(await shown(), filtered, `${tag}: the filter still applies after Enter`);

          // Clear empties the filter: the cold start's line is back on top.
          await (phone ? tapCanvasControl : clickCanvasControl)(page, 'logClear');
          await page.waitForTimeout(400);
          assert.equal(await focused(), 'canvas', `${tag}: the canvas has the keys again (the phone's keyboard closes)`);
          const cleared = await shown();
          assert.ok(cleared[0]?.startsWith('INIT_START'), `${tag}: after Clear the first line is INIT_START again: ${JSON.stringify(cleared.slice(0, 2))}`);
          assert.equal(cleared.length, before.length, `${tag}: as many lines as before the filter`);
      });
    },
  },
];
