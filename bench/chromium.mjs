// The headless Chromium the page benchmarks run (bench/first-frame.mjs, bench/seek-page.mjs):
// Debian's /usr/bin/chromium (or $CHROMIUM) with the flags of tests/browser/run.mjs, so the
// figures come from the same browser set-up as the tests.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}
