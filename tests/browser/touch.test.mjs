// Taps on the canvas, as a phone learner makes them (a touch held 100 ms). Emscripten's GLFW
// pressed on touchstart at the previous cursor position, so each tap first clicked the
// control the previous tap had hit: tapping Play and then the legend toggle paused again.
// Screenshots in build/artifacts/touch-<ko|en>-phone.png (playing, the legend open).
import assert from 'node:assert/strict';
import { state, tapCanvasControl } from './helpers.mjs';

export default [
  {
    name: 'touch: a tap on the canvas presses only where the finger is, ko/en, 390 px',
    async fn({ open, artifacts }) {
      for (const lang of ['ko', 'en']) {
        const { page, context, errors } = await open(`?lang=${lang}`, { phone: true });
        await page.evaluate(() => window.invokeLab.pause());
        await page.locator('#canvas-wrap').scrollIntoViewIfNeeded();
        const legendY = (s) => s.ui.controls.legendToggle[1];
        const s0 = await state(page);
        assert.equal(s0.ui.playing, false, `${lang}: paused`);

        await tapCanvasControl(page, 'playPause');
        await page.waitForTimeout(300);
        assert.equal((await state(page)).ui.playing, true, `${lang}: the first tap plays`);

        // The legend toggle is elsewhere on the canvas: Play must not be pressed again.
        const before = await state(page);
        await tapCanvasControl(page, 'legendToggle');
        await page.waitForTimeout(300);
        const after = await state(page);
        assert.equal(after.ui.playing, true, `${lang}: still playing after a tap on the legend toggle`);
        assert.equal(legendY(after), legendY(before), `${lang}: the legend toggle stayed put`);
        await page.screenshot({ path: `${artifacts}/touch-${lang}-phone.png` });

        // Back on Play: one tap, one toggle.
        await tapCanvasControl(page, 'playPause');
        await page.waitForTimeout(300);
        assert.equal((await state(page)).ui.playing, false, `${lang}: the third tap pauses`);
        assert.deepEqual(errors, [], lang);
        await context.close();
      }
    },
  },
];
