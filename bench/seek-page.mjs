#!/usr/bin/env node
// Time travel measured in the page (issue 11: "the time to seek back to t = 0 and forward again
// in a history of 10 000 requests"). Figures only: prints, never fails on a number.
//
//   node bench/seek-page.mjs [--requests N] [--site DIR] [--url URL] [--lang ko|en] [--json]
//   defaults: 10 000 requests, build/site served by scripts/serve.mjs, 1280x800, English.
//
// Builds the history of bench/flow_bench.cpp (a DLQ, 30 % failures, one call in five
// synchronous, `lab advance 3s` after every 20 calls, `lab advance 90s` at the end) through
// window.invokeLab.runMany, waits until the app has built time travel's checkpoints (it does
// that with what is left of each frame: ui.travel.checkpointsMissing reaches 0), then moves the
// time slider through the page's own path (invokeLab.seek: the slider, the app's il_seek, the
// page's resync) and prints, per seek, the time of that call, the time until the next frame was
// drawn, the lines the app replayed, and how long the page then took to rebuild the checkpoint
// the seek used up; the call split into the app's il_seek (replay, swap) and the page's resync
// after it (invokeLab.lastSeek()), and the wall time of the frame drawn after it (the app's
// travel "frameMs"). Chromium: scripts/chromium.mjs (the browser tests' launcher).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] ? args[i + 1] : dflt; };
const requests = Math.max(1, Number(opt('--requests', 10000)) | 0);
const site = path.resolve(opt('--site', path.join(root, 'build/site')));
const lang = opt('--lang', 'en');
const asJson = args.includes('--json');

function historyLines(role, n) {
  const lines = [
    'aws sqs create-queue --queue-name demo-dlq',
    `aws iam attach-role-policy --role-name ${role} --policy-arn arn:aws:iam::aws:policy/AmazonSQSFullAccess`,
    'aws lambda update-function-configuration --function-name demo-lambda --dead-letter-config TargetArn=arn:aws:sqs:ap-northeast-2:123456789012:demo-dlq',
    'lab fail demo-lambda rate 0.3',
  ];
  for (let i = 0; i < n; i++) {
    const sync = i % 5 === 4;
    lines.push(`aws lambda invoke --function-name demo-lambda${sync ? '' : ' --invocation-type Event'} --cli-binary-format raw-in-base64-out --payload '{"n": ${i}}' /tmp/invokelab-bench-out.json`);
    if (i % 20 === 19) lines.push('lab advance 3s');
  }
  lines.push('lab advance 90s');
  return lines;
}

async function main() {
  const server = process.env.URL || opt('--url', null) ? null : await startServer({ root: site, port: 0 });
  const url = opt('--url', process.env.URL) ?? server.url;
  const browser = await launchChromium();
  const out = { requests, seeks: [] };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'en' ? 'en-US' : 'ko-KR' });
    const page = await context.newPage();
    await page.goto(url + (lang === 'en' ? '?lang=en' : ''));
    await page.waitForFunction(() => window.invokeLab && window.invokeLab.firstFrameMs != null && window.invokeLab.settled, null, { timeout: 90000 });
    await page.evaluate(() => window.invokeLab.pause());
    const role = await page.evaluate(() => JSON.parse(window.invokeLab.run('aws lambda get-function-configuration --function-name demo-lambda').stdout).Role.split('/').pop());
    const lines = historyLines(role, requests);
    Object.assign(out, await page.evaluate((lines) => {
      const t0 = performance.now();
      const r = window.invokeLab.runMany(lines);
      const s = window.invokeLab.state();
      return { lines: lines.length, ran: r.ran, failed: r.failed, buildMs: performance.now() - t0, end: s.ui.travel.end,
        traceEntries: window.invokeLab.traceSize ? window.invokeLab.traceSize() : null };
    }, lines));
    // The checkpoints are built with what is left of each frame.
    const settle = async () => {
      const t0 = Date.now();
      await page.waitForFunction(() => window.invokeLab.travel(0).checkpointsMissing === 0, null, { timeout: 600000, polling: 100 });
      return Date.now() - t0;
    };
    out.checkpointBuildMs = await settle();
    out.checkpoints = await page.evaluate(() => window.invokeLab.travel(0).checkpoints);
    out.heapMb = await page.evaluate(() => window.invokeLab.memoryBytes() / 1048576);
    out.idleFrameMs = await page.evaluate(async () => {
      const ms = [];
      for (let i = 0; i < 10; i++) {
        await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
        ms.push(window.invokeLab.travel(0).frameMs);
      }
      return ms.sort((a, b) => a - b)[5];
    });
    const end = out.end;
    const plan = [['end -> 0', 0], ['0 -> end', end], ['end -> 1/2', Math.floor(end / 2)], ['1/2 -> 3/4', Math.floor(end / 4) * 3],
      ['3/4 -> 1/4', Math.floor(end / 4)], ['1/4 -> 0.6', Math.floor(end / 10) * 6], ['0.6 -> 0.1', Math.floor(end / 10)], ['0.1 -> end', end]];
    for (const [what, ms] of plan) {
      const r = await page.evaluate(async (ms) => {
        const t0 = performance.now();
        const s = window.invokeLab.seek(ms);
        const call = performance.now() - t0;
        const parts = window.invokeLab.lastSeek();
        await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
        return { now: s.now, replayed: s.replayed, call, toFrame: performance.now() - t0, seekMs: parts.seekMs,
          resyncMs: parts.resyncMs, frameMs: window.invokeLab.travel(0).frameMs };
      }, ms);
      r.refillMs = await settle();
      out.seeks.push({ what, target: ms, ...r });
    }
    await context.close();
  } finally {
    await browser.close();
    if (server) await server.close();
  }
  if (asJson) { console.log(JSON.stringify(out, null, 1)); return; }
  console.log(`history: ${out.requests} requests, ${out.lines} lines (ran ${out.ran}, ${out.failed} exited non-zero), ends at ${out.end} ms, ` +
    `built by runMany in ${out.buildMs.toFixed(0)} ms`);
  console.log(`checkpoints: ${out.checkpoints}, built after frames in ${out.checkpointBuildMs} ms of wall time; wasm memory ${out.heapMb.toFixed(0)} MB; ` +
    `a frame draws in ${out.idleFrameMs} ms (median of 10, idle)`);
  console.log('| seek | target ms | seek call ms | il_seek ms | page resync ms | to next frame ms | frame draw ms | lines replayed | checkpoint refill ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const s of out.seeks)
    console.log(`| ${s.what} | ${s.target} | ${s.call.toFixed(1)} | ${s.seekMs.toFixed(1)} | ${s.resyncMs.toFixed(1)} | ${s.toFrame.toFixed(1)} | ` +
      `${s.frameMs} | ${s.replayed} | ${s.refillMs} |`);
  const worst = Math.max(...out.seeks.map((s) => s.call));
  console.log(`worst seek call: ${worst.toFixed(1)} ms`);
}

main().catch((e) => { console.error(e); process.exit(1); });
