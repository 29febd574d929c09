// The Stores / 저장소 tab after the points experiment of issue 10: the same event delivered three
// times to the naive points handler gives 300 points, to the idempotent one 100, in the real
// simulated DynamoDB (wasm build, handlers in MicroPython). The tab is opened by clicking its
// canvas control; screenshots in build/artifacts/stores-points-<ko|en>-<desktop|phone>.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { state, clickCanvasControl, inEachLanguageAndWidth, runOk } from './helpers.mjs';


async function deploy(page, file) {
  const code = fs.readFileSync(new URL(`../../content/handlers/${file}`, import.meta.url), 'utf8');
  await runOk(page, `lab code put lambda_function.py ${Buffer.from(code, 'utf8').toString('base64url')}`);
  await runOk(page, 'zip function.zip lambda_function.py');
  await runOk(page, 'aws lambda update-function-code --function-name demo-lambda --zip-file fileb://function.zip');
}

// The experiment: two users, the same event id three times each (as three deliveries).
async function pointsExperiment(page) {
  for (const [table, key] of [['points', 'user_id'], ['processed-events', 'event_id']]) {
    await runOk(page, `aws dynamodb create-table --table-name ${table} --attribute-definitions AttributeName=${key},AttributeType=S `
      + `--key-schema AttributeName=${key},KeyType=HASH --billing-mode PAY_PER_REQUEST`);
  }
  for (const [file, event] of [['points-naive.py', { id: 'evt-1', user_id: 'u-naive' }], ['points-idempotent.py', { id: 'evt-2', user_id: 'u-idem' }]]) {
    await deploy(page, file);
    for (let i = 0; i < 3; i++) {
      await runOk(page, `aws lambda invoke --function-name demo-lambda --invocation-type Event --cli-binary-format raw-in-base64-out --payload '${JSON.stringify(event)}' out.json`);
    }
    await runOk(page, 'lab run');
  }
}


export default [
  {
    name: 'stores: the Stores tab after the points experiment (naive 300, idempotent 100), ko/en, 1280x800 and 390 px',
    async fn({ open, artifacts }) {
      await inEachLanguageAndWidth(open, async (page, tag) => {
          await page.evaluate(() => window.invokeLab.loadPython());
          await pointsExperiment(page);

          const s = await state(page);
          const points = s.dynamodb.tables.find((t) => t.name === 'points');
          assert.deepEqual(points.items.map((i) => [i.user_id.S, i.points.N]).sort(), [['u-idem', '100'], ['u-naive', '300']], tag);
          const processed = s.dynamodb.tables.find((t) => t.name === 'processed-events');
          assert.deepEqual(processed.items.map((i) => i.event_id.S), ['evt-2'], tag);
          // Six async events, each run once and succeeded: the duplicates are separate events.
          const invs = s.lambda.invocations.filter((v) => v.invocationType === 'Event');
          assert.equal(invs.length, 6, tag);
          assert.deepEqual(invs.map((v) => v.attempts.map((a) => a.outcome)), Array(6).fill(['success']), tag);
          // The last write is the idempotent handler's mark_as_processed, made by one of evt-2's
          // deliveries (the other two only read processed-events and wrote nothing).
          assert.equal(s.dynamodb.lastChange.table, 'processed-events', tag);
          assert.equal(s.dynamodb.lastChange.operation, 'PutItem', tag);
          assert.ok(invs.slice(3).map((v) => v.requestId).includes(s.dynamodb.lastChange.requestId), tag);

          await page.locator('#canvas-wrap').scrollIntoViewIfNeeded();
          await clickCanvasControl(page, 'tabStores');
          await page.waitForTimeout(500);
          await page.screenshot({ path: `${artifacts}/stores-points-${tag}.png` });
      });
    },
  },
];
