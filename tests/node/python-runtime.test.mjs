// The Lambda Python runtime of the page, on MicroPython under Node: the CodeRunner contract
// (request JSON -> result JSON) with the handler templates of content/handlers/.
// Exact expectations come from the python3.12 runtime (awslambdaric bootstrap.py,
// lambda_runtime_marshaller.py, lambda_context.py) and lambda-semantics.md §5.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let rev = 0;
export async function setup(root) {
  const { createPythonRuntime } = await import(pathToFileURL(path.join(root, 'web/js/python-runtime.js')).href);
  const { loadMicroPython } = await import(pathToFileURL(path.join(root, 'node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs')).href);
  const store = new FakeStores();
  const rt = await createPythonRuntime({
    loadMicroPython,
    readShim: async (p) => fs.readFileSync(path.join(root, 'web/py', p), 'utf8'),
    serviceCall: (service, op, json, requestId) => store.call(service, op, JSON.parse(json), requestId),
  });
  const template = (name) => fs.readFileSync(path.join(root, 'content/handlers', name), 'utf8');
  const context = (over = {}) => ({
    awsRequestId: 'c0ffee00-0000-4000-8000-000000000001', functionName: 'demo-lambda', functionVersion: '$LATEST',
    memoryLimitInMB: 128, invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:demo-lambda',
    logGroupName: '/aws/lambda/demo-lambda', logStreamName: '2026/11/29/[$LATEST]0123456789abcdef0123456789abcdef',
    timeoutMs: 3000, attempt: 1, ...over,
  });
  // Runs `code` (or the files) once; a new revision unless `revision` is given.
  const run = (code, { event = '{"key1": "value1"}', revision = null, ctx = {}, handler = 'lambda_function.lambda_handler', files = null } = {}) =>
    JSON.parse(rt.run(JSON.stringify({
      runtime: 'python3.12', handler, files: files ?? { 'lambda_function.py': code }, event,
      context: context(ctx), codeRevision: revision ?? `rev-${++rev}`,
    })));
  return { root, rt, run, template, store };
}

// Test double of the core's stores (the core's own are tested natively): just enough
// DynamoDB (PutItem with attribute_not_exists, GetItem, UpdateItem ADD) and SET NX / INCR.
class FakeStores {
  constructor() { this.tables = new Map(); this.kv = new Map(); this.calls = []; }
  call(service, op, req, requestId) {
    this.calls.push([service, op, requestId]);
    if (service === 'kv') {
      // core/services/kv.h: {"args": [...]} -> {"type", "value"}
      const [key, value, ...opts] = req.args;
      if (op === 'SET') {
        if (opts.includes('NX') && this.kv.has(key)) return JSON.stringify({ type: 'nil' });
        this.kv.set(key, value); return JSON.stringify({ type: 'status', value: 'OK' });
      }
      if (op === 'GET') return JSON.stringify(this.kv.has(key) ? { type: 'bulk', value: this.kv.get(key) } : { type: 'nil' });
      if (op === 'INCR' || op === 'INCRBY') {
        const cur = this.kv.get(key) ?? '0';
        if (!/^-?\d+$/.test(cur)) return JSON.stringify({ __type: 'ResponseError', message: 'ERR value is not an integer or out of range' });
        const v = Number(cur) + (op === 'INCR' ? 1 : Number(value)); this.kv.set(key, String(v)); return JSON.stringify({ type: 'integer', value: v });
      }
    }
    const t = this.tables.get(req.TableName) ?? new Map();
    this.tables.set(req.TableName, t);
    const keyOf = (k) => JSON.stringify(k);
    if (op === 'PutItem') {
      const [name] = Object.keys(req.Item);
      const k = keyOf({ [name]: req.Item[name] });
      if (req.ConditionExpression === `attribute_not_exists(${name})` && t.has(k)) {
        return JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' });
      }
      t.set(k, req.Item); return '{}';
    }
    if (op === 'GetItem') { const it = t.get(keyOf(req.Key)); return JSON.stringify(it ? { Item: it } : {}); }
    if (op === 'UpdateItem') {
      const k = keyOf(req.Key);
      const it = t.get(k) ?? { ...req.Key };
      const m = /^ADD (\w+) (:\w+)$/.exec(req.UpdateExpression);
      const add = Number(req.ExpressionAttributeValues[m[2]].N);
      it[m[1]] = { N: String(Number(it[m[1]]?.N ?? 0) + add) };
      t.set(k, it); return '{}';
    }
    return JSON.stringify({ __type: 'com.amazon.coral.validate#ValidationException', message: `unsupported ${op}` });
  }
  points(user) { return this.tables.get('points')?.get(JSON.stringify({ user_id: { S: user } }))?.points?.N; }
}

const seedRaise = (seed) => seed.replace('    # raise Exception("Something went wrong!")', '    raise Exception("Something went wrong!")');

export default [
  { name: 'python: the seed-002 handler verbatim prints the event and returns the console\'s answer', run({ run, template }) {
    const r = run(template('seed-002.py'));
    assert.equal(r.status, 'ok');
    assert.equal(r.result, '{"statusCode": 200, "body": "\\"Hello from Lambda!\\""}');
    assert.deepEqual(r.logs, [{ kind: 'print', text: "Received event: {'key1': 'value1'}\n" }]);
    assert.equal(r.durationMs, 1);
  } },
  { name: 'python: seed-002 with the raise uncommented gives python3.12\'s error payload', run({ run, template }) {
    const seed = template('seed-002.py');
    assert.ok(seed.includes('    # raise Exception("Something went wrong!")'), 'the template is the seed text');
    const r = run(seedRaise(seed));
    assert.equal(r.status, 'error');
    assert.equal(r.errorType, 'Exception');
    assert.equal(r.errorMessage, 'Something went wrong!');
    assert.deepEqual(r.stackTrace, ['  File "/var/task/lambda_function.py", line 7, in lambda_handler\n    raise Exception("Something went wrong!")\n']);
    assert.equal(r.initError, false);
    assert.deepEqual(r.logs, [{ kind: 'print', text: "Received event: {'key1': 'value1'}\n" }]);
  } },
  { name: 'python: a loop that never ends is stopped at the timeout (status timeout, no frozen run)', run({ run, rt }) {
    const r = run('def lambda_handler(event, context):\n    n = 0\n    while True:\n        n += 1\n', { ctx: { timeoutMs: 3000 } });
    assert.equal(r.status, 'timeout');
    assert.equal(r.durationMs, 3000);
    assert.ok(rt.lastWallMs < 3000, `stopped after ${rt.lastWallMs} real ms`);
    const f = run('def lambda_handler(event, context):\n    for i in range(10 ** 9):\n        pass\n', { ctx: { timeoutMs: 1000 } });
    assert.equal(f.status, 'timeout');
    assert.equal(f.durationMs, 1000);
    const s = run('import time\ndef lambda_handler(event, context):\n    time.sleep(2)\n    return context.get_remaining_time_in_millis()\n', { ctx: { timeoutMs: 3000 } });
    assert.equal(s.status, 'ok');
    assert.equal(s.result, '999');
    assert.equal(s.durationMs, 2001);
    const t = run('import time\ndef lambda_handler(event, context):\n    time.sleep(5)\n', { ctx: { timeoutMs: 3000 } });
    assert.equal(t.status, 'timeout');
  } },
  { name: 'python: init errors use the runtime\'s types and messages', run({ run }) {
    const syn = run('import json\n\ndef lambda_handler(event, context)\n    return 1\n');
    assert.equal(syn.errorType, 'Runtime.UserCodeSyntaxError');
    assert.equal(syn.errorMessage, "Syntax error in module 'lambda_function': expected ':' (lambda_function.py, line 3)");
    assert.deepEqual(syn.stackTrace, ['  File "/var/task/lambda_function.py" Line 3\n    def lambda_handler(event, context)\n']);
    assert.equal(syn.initError, true);
    const imp = run('import requests\n\ndef lambda_handler(event, context):\n    return 1\n');
    assert.equal(imp.errorType, 'Runtime.ImportModuleError');
    assert.equal(imp.errorMessage, "Unable to import module 'lambda_function': No module named 'requests'");
    assert.equal(imp.initError, true);
    const nf = run('def handler(event, context):\n    return 1\n');
    assert.equal(nf.errorType, 'Runtime.HandlerNotFound');
    assert.equal(nf.errorMessage, "Handler 'lambda_handler' missing on module 'lambda_function'");
    const mod = run('', { handler: 'app.lambda_handler' });
    assert.equal(mod.errorMessage, "Unable to import module 'app': No module named 'app'");
    const top = run('x = {}["missing"]\ndef lambda_handler(e, c):\n    return 1\n');
    assert.equal(top.errorType, 'KeyError');
    assert.equal(top.errorMessage, "'missing'");
    assert.equal(top.initError, true);
    assert.deepEqual(top.stackTrace, ['  File "/var/task/lambda_function.py", line 1, in <module>\n    x = {}["missing"]\n']);
  } },
  { name: 'python: a result that is not JSON gives Runtime.MarshalError', run({ run }) {
    const r = run('def lambda_handler(event, context):\n    return {"ids": {1, 2}}\n');
    assert.equal(r.status, 'error');
    assert.equal(r.errorType, 'Runtime.MarshalError');
    assert.equal(r.errorMessage, 'Unable to marshal response: Object of type set is not JSON serializable');
    assert.deepEqual(r.stackTrace, []);
  } },
  { name: 'python: dicts keep insertion order and Korean stays unescaped in the runtime\'s JSON', run({ run }) {
    const r = run('import json\ndef lambda_handler(event, context):\n    out = {"z": 1, "a": 2, **event}\n    out["m"] = {k: v for k, v in [("y", 1), ("b", 2)]}\n    print(out)\n    return {"out": out, "dumped": json.dumps({"name": event["name"]}), "n": json.loads(\'{"b": 1, "a": [1.0, null]}\')}\n',
      { event: '{"name": "홍길동", "c": 3}' });
    assert.equal(r.status, 'ok');
    assert.equal(r.result, '{"out": {"z": 1, "a": 2, "name": "홍길동", "c": 3, "m": {"y": 1, "b": 2}}, "dumped": "{\\"name\\": \\"\\\\ud64d\\\\uae38\\\\ub3d9\\"}", "n": {"b": 1, "a": [1.0, null]}}');
    assert.deepEqual(r.logs, [{ kind: 'print', text: "{'z': 1, 'a': 2, 'name': '홍길동', 'c': 3, 'm': {'y': 1, 'b': 2}}\n" }]);
  } },
  { name: 'python: context fields, logging at the runtime\'s default level, prints in order', run({ run }) {
    const code = [
      'import logging',
      'logger = logging.getLogger()',
      'def lambda_handler(event, context):',
      '    logger.info("hidden: the root level is WARNING")',
      '    print("a")',
      '    logger.warning("careful %s", event["key1"])',
      '    logger.setLevel(logging.INFO)',
      '    logger.info("now shown")',
      '    print("b", end="")',
      '    return [context.aws_request_id, context.function_name, context.function_version, context.memory_limit_in_mb,',
      '            context.invoked_function_arn, context.log_group_name, context.log_stream_name, context.get_remaining_time_in_millis()]',
    ].join('\n') + '\n';
    const r = run(code, { ctx: { timeoutMs: 60000 } });
    assert.equal(r.status, 'ok');
    assert.deepEqual(JSON.parse(r.result), ['c0ffee00-0000-4000-8000-000000000001', 'demo-lambda', '$LATEST', '128',
      'arn:aws:lambda:us-east-1:123456789012:function:demo-lambda', '/aws/lambda/demo-lambda',
      '2026/11/29/[$LATEST]0123456789abcdef0123456789abcdef', 59999]);
    assert.deepEqual(r.logs, [
      { kind: 'print', text: 'a\n' },
      { kind: 'log', level: 'WARNING', text: 'careful value1' },
      { kind: 'log', level: 'INFO', text: 'now shown' },
      { kind: 'print', text: 'b' },
    ]);
  } },
  { name: 'python: module globals live per execution environment; a new revision starts fresh', run({ run }) {
    const code = 'count = 0\ndef lambda_handler(event, context):\n    global count\n    count += 1\n    return count\n';
    const envA = { logStreamName: '2026/11/29/[$LATEST]aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' };
    const envB = { logStreamName: '2026/11/29/[$LATEST]bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' };
    assert.equal(run(code, { revision: 'r-env', ctx: envA }).result, '1');
    assert.equal(run(code, { revision: 'r-env', ctx: envA }).result, '2');
    assert.equal(run(code, { revision: 'r-env', ctx: envB }).result, '1');
    assert.equal(run(code, { revision: 'r-env', ctx: envA }).result, '3');
    assert.equal(run(code, { revision: 'r-env-2', ctx: envA }).result, '1');
  } },
  { name: 'python: points, naive handler: the same event three times adds 300', run({ run, template, store }) {
    const ev = '{"id": "evt-1", "user_id": "u-naive"}';
    for (let i = 0; i < 3; i++) assert.equal(run(template('points-naive.py'), { event: ev, revision: 'naive' }).result, '"OK"');
    assert.equal(store.points('u-naive'), '300');
  } },
  { name: 'python: points, idempotent / conditional write / SETNX handlers: the same event three times adds 100', run({ run, template, store }) {
    for (const [file, user] of [['points-idempotent.py', 'u-idem'], ['dynamodb-conditional.py', 'u-cond']]) {
      const ev = JSON.stringify({ id: 'evt-' + user, user_id: user });
      const logs = [];
      for (let i = 0; i < 3; i++) { const r = run(template(file), { event: ev, revision: file }); assert.equal(r.result, '"OK"', file + ' ' + JSON.stringify(r)); logs.push(...r.logs); }
      assert.equal(store.points(user), '100', file);
      if (file === 'dynamodb-conditional.py') assert.deepEqual(logs.map((l) => l.text), ['duplicate event, skipped: evt-u-cond\n', 'duplicate event, skipped: evt-u-cond\n']);
    }
    const ev = '{"id": "evt-r", "user_id": "u-redis"}';
    for (let i = 0; i < 3; i++) assert.equal(run(template('redis-setnx.py'), { event: ev, revision: 'redis' }).result, '"OK"');
    assert.equal(store.kv.get('points:u-redis'), '100');
    assert.equal(store.kv.get('processed:evt-r'), '1');
    const bad = run('import redis\nr = redis.Redis()\ndef lambda_handler(event, context):\n    r.set("name", "홍길동")\n    print(r.get("name").decode(), r.get("nothing"))\n    return r.incr("name")\n');
    assert.equal(bad.errorType, 'ResponseError');
    assert.equal(bad.errorMessage, 'value is not an integer or out of range');
    assert.deepEqual(bad.logs, [{ kind: 'print', text: '홍길동 None\n' }]);
  } },
  { name: 'python: ClientError carries the AWS code and botocore\'s message; uncaught it is the Lambda error', run({ run }) {
    const code = 'import boto3\nt = boto3.resource("dynamodb").Table("processed-events")\ndef lambda_handler(event, context):\n    for i in range(2):\n        t.put_item(Item={"event_id": "same"}, ConditionExpression="attribute_not_exists(event_id)")\n';
    const r = run(code);
    assert.equal(r.errorType, 'ClientError');
    assert.equal(r.errorMessage, 'An error occurred (ConditionalCheckFailedException) when calling the PutItem operation: The conditional request failed');
    assert.deepEqual(r.stackTrace, ['  File "/var/task/lambda_function.py", line 5, in lambda_handler\n    t.put_item(Item={"event_id": "same"}, ConditionExpression="attribute_not_exists(event_id)")\n']);
  } },
  { name: 'python: DynamoDB numbers come back as Decimal; the runtime marshals them, json.dumps refuses them, floats are refused', run({ run, template, store }) {
    run(template('points-naive.py'), { event: '{"id": "e", "user_id": "u-dec"}' });
    const code = [
      'import json, boto3',
      'from decimal import Decimal',
      't = boto3.resource("dynamodb").Table("points")',
      'def lambda_handler(event, context):',
      '    item = t.get_item(Key={"user_id": "u-dec"})["Item"]',
      '    print(item, item["points"] + 1, item["points"] * Decimal("0.5"), int(item["points"]) // 3)',
      '    try:',
      '        json.dumps(item)',
      '    except TypeError as e:',
      '        print(e)',
      '    try:',
      '        t.put_item(Item={"user_id": "f", "ratio": 0.5})',
      '    except TypeError as e:',
      '        print(e)',
      '    return item',
    ].join('\n') + '\n';
    const r = run(code);
    assert.equal(r.status, 'ok', JSON.stringify(r));
    assert.equal(r.result, '{"user_id": "u-dec", "points": 100}');
    assert.deepEqual(r.logs.map((l) => l.text), [
      "{'user_id': 'u-dec', 'points': Decimal('100')} 101 50.0 33\n",
      'Object of type Decimal is not JSON serializable\n',
      'Float types are not supported. Use Decimal types instead.\n',
    ]);
    assert.equal(store.points('u-dec'), '100');
  } },
  { name: 'python: the loop and dict transforms keep a tricky program valid and CPython\'s output (tests/node/transform-sample.py)', run({ run, root }) {
    const sample = fs.readFileSync(path.join(root, 'tests/node/transform-sample.py'), 'utf8');
    const r = run(sample + 'def lambda_handler(event, context):\n    return None\n');
    assert.equal(r.status, 'ok', JSON.stringify(r));
    assert.equal(r.result, 'null');
    // What python3 prints for the same file (python3 tests/node/transform-sample.py).
    assert.deepEqual(r.logs.map((l) => l.text).join(''), [
      '{"k": [1, 2], "a": 5, "extra": {"kx": 1}}',
      '3 {braces} 1 [1, 2, 3] 2 {"b": 1, "a": {"z": 0}} for {"q": 2, "p": 4} [2, 1, \'else\', (0, \'p\', 4), (1, \'q\', 2), \'for-else\'] 3 [\'z\', \'y\'] [2] 2',
      "{'b': 1, 'a': 2} [{'x': 'ü'}] ('한',) {'k': {'j': None}}",
    ].join('\n') + '\n');
  } },
  { name: 'python: the editor\'s syntax check gives the line and python3.12\'s words', run({ rt }) {
    assert.equal(rt.check('def f():\n    return 1\n'), null);
    // MicroPython says "invalid syntax"; the words and lines are python3.12's.
    assert.deepEqual(rt.check('def f():\n    return (1\n\nx = 2\n'), { line: 2, message: "'(' was never closed" });
    assert.deepEqual(rt.check('import json\ndef lambda_handler(event, context)\n    pass\n'), { line: 2, message: "expected ':'" });
    assert.deepEqual(rt.check('def f(x):\nreturn 1\n'), { line: 2, message: 'expected an indented block after function definition on line 1' });
    assert.deepEqual(rt.check('x = "abc\ny = 1\n'), { line: 1, message: 'unterminated string literal (detected at line 1)' });
    assert.deepEqual(rt.check('def f(x):\n        a = 1\n    return 1\n'), { line: 3, message: 'unindent does not match any outer indentation level' });
    assert.deepEqual(rt.check('if x = 1:\n    pass\n'), { line: 1, message: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?" });
    assert.deepEqual(rt.check('def f():\n    retrun 1\n'), { line: 2, message: 'invalid syntax' });
  } },
];
