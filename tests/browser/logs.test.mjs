// The Logs / 로그 tab after a failing async event has run to the DLQ: the pane of log lines gets
// the room under the tab's controls that the flow and stores tabs get (it showed 1-2 lines when
// the tab area was sized for the short tabs). Screenshots in build/artifacts/logs-<ko|en>-<desktop|phone>.png.
import assert from 'node:assert/strict';
import { state, clickCanvasControl, inEachLanguageAndWidth, runOk } from './helpers.mjs';

export default [
  {
    name: 'logs: the Logs tab after a failing event shows a pane of lines, ko/en, 1280x800 and 390 px',
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
      });
    },
  },
];
