// Seeded randomised test of web/js/embed.js's message validation, under Node (no browser):
// window, location, document and ResizeObserver are stand-ins, the page API and the learning
// layer are recorders. 3 000 random messages (good and bad envelopes, wrong origins and
// sources, odd field types) go through the real handler; for each one we know what embed.js
// must do, and check it:
//   - from another window or an untrusted origin: ignored (no call, no reply);
//   - not an object, v !== 1, or a non-string type: ignored;
//   - otherwise exactly one reply, to the asker's origin, {v:1, type, id: id ?? null, ok, ...};
//     run/load pass only strings to the page API; load resets first unless reset === false,
//     with `lab reset --seed N` where N = Number(seed) | 0; unknown types answer ok:false;
//     a throwing API answers ok:false with the error text.
// One test for tests/node/run.mjs; the browser stand-ins are installed only while it runs.
// A failure names the first messages that broke the contract; reproduce one with SEED=….
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const PAGE = 'http://127.0.0.1:8080';
const PARENT = 'https://docs.example';

// splitmix64 over BigInt: the same sequence everywhere.
function generator(seed) {
  let s = BigInt.asUintN(64, BigInt(seed));
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return Number((z ^ (z >> 31n)) % 4294967296n) / 4294967296;
  };
}

async function run({ root }) {
// --- stand-ins for the browser ----------------------------------------------------------
const saved = Object.fromEntries(['window', 'location', 'document', 'ResizeObserver'].map((k) => [k, Object.getOwnPropertyDescriptor(globalThis, k)]));
let listener = null;
const posted = [];
const parent = { postMessage: (msg, origin) => posted.push({ msg, origin }) };
const stranger = { postMessage() {} };
globalThis.window = {
  parent,
  addEventListener: (type, fn) => { if (type === 'message') listener = fn; },
};
globalThis.location = { origin: PAGE, search: `?embed=1&parentOrigin=${encodeURIComponent(PARENT)}` };
globalThis.document = { body: { getBoundingClientRect: () => ({ height: 480.2 }), classList: { add() {} } } };
globalThis.ResizeObserver = class { observe() {} };

const calls = [];
let throwNext = null;
const api = {
  ready: Promise.resolve(),
  settled: true,
  run(line, origin) {
    calls.push({ fn: 'run', line, origin });
    if (throwNext) { const e = throwNext; throwNext = null; throw e; }
    return { stdout: `ran ${line}\n`, stderr: '', exitCode: 0 };
  },
  state() { calls.push({ fn: 'state' }); return { functions: [] }; },
};
const learn = {
  embedLoadScenario: async (m) => { calls.push({ fn: 'loadScenario', m }); return { ok: true, result: { traceSize: 3 } }; },
  embedLoadLesson: async (m) => { calls.push({ fn: 'loadLesson', m }); return { ok: true, result: { id: 'dlq' } }; },
  embedLoadQuiz: async (m) => { calls.push({ fn: 'loadQuiz', m }); return { ok: true, result: { set: String(m.set) } }; },
};

try {
const { startEmbedApi } = await import(pathToFileURL(path.join(root, 'web/js/embed.js')).href);
startEmbedApi(api, learn);
await new Promise((r) => setTimeout(r, 0));
posted.length = 0;                                  // the unasked resize / ready messages

// --- random messages ----------------------------------------------------------------------
const TYPES = ['run', 'state', 'resize', 'load', 'loadScenario', 'loadLesson', 'loadQuiz', 'nope', 'RUN', '', 'constructor', '__proto__'];
function anyValue(rnd, depth = 0) {
  const k = Math.floor(rnd() * (depth > 2 ? 7 : 9));
  switch (k) {
    case 0: return undefined;
    case 1: return null;
    case 2: return Math.floor(rnd() * 2 ** 33) - 2 ** 32;
    case 3: return rnd() < 0.5 ? NaN : rnd() * 1e20;
    case 4: return ['', 'lab time', 'aws lambda invoke --function-name demo-lambda r.json', '{"a":1}', '안녕', '\u0000', 'x'.repeat(300)][Math.floor(rnd() * 7)];
    case 5: return rnd() < 0.5;
    case 6: return 12345678901234567890n;
    case 7: return Array.from({ length: Math.floor(rnd() * 4) }, () => anyValue(rnd, depth + 1));
    default: return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 3) }, (_, i) => [`k${i}`, anyValue(rnd, depth + 1)]));
  }
}
function randomEvent(rnd) {
  const source = rnd() < 0.9 ? parent : stranger;
  const origin = [PAGE, PARENT, PAGE, PARENT, 'https://evil.example', 'null', ''][Math.floor(rnd() * 7)];
  let data;
  const shape = rnd();
  if (shape < 0.08) data = anyValue(rnd);
  else {
    data = {};
    const vr = rnd();
    if (vr < 0.85) data.v = 1; else if (vr < 0.9) data.v = '1'; else if (vr < 0.95) data.v = 2;
    const tr = rnd();
    data.type = tr < 0.85 ? TYPES[Math.floor(rnd() * TYPES.length)] : anyValue(rnd);
    for (const key of ['id', 'line', 'lines', 'seed', 'reset', 'name', 'text', 'pause', 'lesson', 'step', 'set'])
      if (rnd() < 0.3) data[key] = key === 'lines' && rnd() < 0.6 ? Array.from({ length: Math.floor(rnd() * 4) }, () => anyValue(rnd)) : anyValue(rnd);
  }
  return { source, origin, data };
}

// What embed.js must do with a message, from its documented contract.
function expected(event) {
  if (event.source !== parent || (event.origin !== PAGE && event.origin !== PARENT)) return null;
  const m = event.data;
  if (!m || typeof m !== 'object' || m.v !== 1 || typeof m.type !== 'string') return null;
  return m;
}

let passed = 0, failed = 0, reports = 0;
const fail = (seed, what, extra) => {
  if (++reports <= 10) console.log(`FAIL (SEED=${seed}): ${what}`, extra === undefined ? '' : JSON.stringify(extra, (k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
};
const only = process.env.SEED ? [Number(process.env.SEED)] : Array.from({ length: 3000 }, (_, i) => i + 1);
for (const seed of only) {
  const rnd = generator(seed);
  const event = randomEvent(rnd);
  const m = expected(event);
  if (m && m.type === 'run' && rnd() < 0.1) throwNext = new Error('boom');
  calls.length = 0; posted.length = 0;
  await listener(event);
  throwNext = null;
  let ok = true;
  const check = (cond, what, extra) => { if (!cond) { ok = false; fail(seed, what, extra); } };
  if (!m) {
    check(calls.length === 0 && posted.length === 0, 'an ignored message reached the page or was answered', { event: event.data, calls, posted });
  } else {
    check(posted.length === 1, `expected exactly one reply, got ${posted.length}`, event.data);
    const reply = posted[0];
    if (reply) {
      check(reply.origin === event.origin, 'reply went to another origin', { to: reply.origin, from: event.origin });
      check(reply.msg.v === 1 && reply.msg.type === m.type, 'reply envelope', reply.msg);
      check(Object.is(reply.msg.id, m.id ?? null), 'reply id', { sent: m.id, got: reply.msg.id });
      check(typeof reply.msg.ok === 'boolean', 'reply ok is not a boolean', reply.msg);
    }
    for (const c of calls) if (c.fn === 'run') check(typeof c.line === 'string' && c.origin === 'embed', 'api.run got a non-string line', c);
    const runs = calls.filter((c) => c.fn === 'run').map((c) => c.line);
    if (m.type === 'load') {
      const lines = Array.isArray(m.lines) ? m.lines : [];
      const want = (m.reset !== false ? [m.seed != null ? `lab reset --seed ${Number(m.seed) | 0}` : 'lab reset'] : []).concat(lines.map(String));
      check(JSON.stringify(runs) === JSON.stringify(want), 'load ran other lines', { want, runs });
      check(reply?.msg.ok === true && Array.isArray(reply.msg.result) && reply.msg.result.length === want.length, 'load result', reply?.msg);
    } else if (m.type === 'run') {
      check(runs.length === 1 && runs[0] === String(m.line ?? ''), 'run ran another line', { line: m.line, runs });
    } else if (['state', 'resize', 'loadScenario', 'loadLesson', 'loadQuiz'].includes(m.type)) {
      check(runs.length === 0, `${m.type} ran commands`, runs);
      if (m.type === 'resize') check(reply?.msg.result?.height === 481, 'resize height', reply?.msg);
    } else {
      check(calls.length === 0 && reply?.msg.ok === false && reply.msg.error === `unknown type: ${m.type}`, 'unknown type not refused', reply?.msg);
    }
  }
  if (ok) passed++; else failed++;
}
if (failed) throw new Error(`${failed} of ${passed + failed} messages broke embed.js's contract (first ones above)`);
} finally {
  for (const [k, d] of Object.entries(saved)) { if (d) Object.defineProperty(globalThis, k, d); else delete globalThis[k]; }
}
}

export default [{ name: 'embed.js message validation: 3 000 seeded random messages', run }];
