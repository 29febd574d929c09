// The embed API: an iframe with sandbox="allow-scripts allow-same-origin", ?embed=1&lang=en,
// versioned postMessage requests answered to the parent, height reports, origin check.
import assert from 'node:assert/strict';
import { parentHtml } from './embed-parent.mjs';


export default [
  {
    name: '5 embed: sandboxed iframe, run/state/load/resize messages, origin check',
    async fn({ browser, url, shot }) {
      const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
      const page = await context.newPage();
      const parentUrl = url + '__embed-parent.html';
      await page.route(parentUrl, (r) => r.fulfill({ contentType: 'text/html', body: parentHtml(url + '?embed=1&lang=en') }));
      await page.goto(parentUrl);
      await page.waitForFunction(() => msgs.some((m) => m.v === 1 && m.type === 'ready'), null, { timeout: 90000 });
      const frame = page.frameLocator('#f');
      assert.ok(await frame.locator('#tutorial').isHidden(), 'tutorial hidden in embed mode');
      assert.equal(await frame.locator('#btn-async').innerText(), 'Async invoke', '?lang=en applies');

      const resize = await page.evaluate(() => msgs.filter((m) => m.type === 'resize').pop());
      assert.ok(resize && resize.height > 300, `height reported: ${JSON.stringify(resize)}`);

      const run = await page.evaluate(() => ask({ v: 1, type: 'run', line: 'lab time' }));
      assert.equal(run?.ok, true, JSON.stringify(run));
      assert.equal(run.type, 'run');
      assert.match(run.result.stdout, /t=\d+ms/);
      const load = await page.evaluate(() => ask({ v: 1, type: 'load', seed: 7, lines: ['lab fail demo-lambda always'] }));
      assert.equal(load?.ok, true, JSON.stringify(load));
      assert.equal(load.result.length, 2);
      const st = await page.evaluate(() => ask({ v: 1, type: 'state' }));
      assert.equal(st?.ok, true);
      assert.equal(st.result.seed, 7);
      const h = await page.evaluate(() => ask({ v: 1, type: 'resize' }));
      assert.ok(h?.result?.height > 300);
      const wrongVersion = await page.evaluate(() => ask({ v: 2, type: 'state' }));
      assert.equal(wrongVersion, null, 'messages of another version are ignored');
      await shot(page, '05-embed-en');

      // A window that is not the parent (a sibling frame) gets no answer, even from the same origin.
      const sibling = await page.evaluate(() => new Promise((resolve) => {
        const f = document.createElement('iframe');
        f.srcdoc = '<script>addEventListener("message", (e) => { if (e.data && e.data.id === "sib") parent.postMessage({ sibling: e.data }, "*"); });' +
          'parent.document.getElementById("f").contentWindow.postMessage({ v: 1, type: "run", line: "lab time", id: "sib" }, "*");<' + '/script>';
        addEventListener('message', (e) => { if (e.data && e.data.sibling) resolve(e.data.sibling); });
        document.body.appendChild(f);
        setTimeout(() => resolve(null), 2000);
      }));
      assert.equal(sibling, null, 'messages from a window other than the parent are ignored');
      await context.close();
    },
  },
];
