// The one headless Chromium set-up shared by the browser tests (tests/browser/run.mjs) and the
// page benchmarks (bench/first-frame.mjs, bench/seek-page.mjs): Debian's /usr/bin/chromium (or
// $CHROMIUM), software WebGL2 through SwiftShader, so the figures come from the browser the tests use.
// chromium.launch() gives every launch a fresh temporary user-data-dir.
import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export function launchChromium() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}
