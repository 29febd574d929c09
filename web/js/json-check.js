// A strict JSON (RFC 8259) checker that says WHERE the first error is, as line and column,
// so the payload editor can point at it while the learner types. JSON.parse's own messages
// differ between browsers and do not always carry a position, hence this small scanner.
//
// checkJson(text) -> { ok: true } | { ok: false, line, col, code, ch? }
// `code` is a key suffix of the 'json.*' strings in i18n.js. Columns count code points.

export function checkJson(text) {
  let i = 0;
  const fail = (code, at = i) => { throw { code, at }; };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };

  function value() {
    ws();
    if (i >= text.length) fail('end');
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) { i += word.length; return; }
    }
    fail('unexpected');
  }
  function object() {
    i++; ws();
    if (text[i] === '}') { i++; return; }
    for (;;) {
      ws();
      if (i >= text.length) fail('end');
      if (text[i] !== '"') fail('key');
      string(); ws();
      if (i >= text.length) fail('end');
      if (text[i] !== ':') fail('colon');
      i++; value(); ws();
      if (i >= text.length) fail('end');
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return; }
      fail('commaObj');
    }
  }
  function array() {
    i++; ws();
    if (text[i] === ']') { i++; return; }
    for (;;) {
      value(); ws();
      if (i >= text.length) fail('end');
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return; }
      fail('commaArr');
    }
  }
  function string() {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) fail('string', start);
      const c = text[i];
      if (c === '"') { i++; return; }
      if (c < ' ') fail(c === '\n' ? 'string' : 'control', c === '\n' ? start : i);
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) fail('string', start);
        if ('"\\/bfnrt'.includes(e)) { i += 2; continue; }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i += 6; continue; }
        fail('escape');
      }
      i++;
    }
  }
  function number() {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-') fail('number');
    i += m[0].length;
    if (i < text.length && /[0-9.eE+-]/.test(text[i])) fail('number');
  }

  try {
    ws();
    if (i >= text.length) fail('empty');
    value(); ws();
    if (i < text.length) fail('trailing');
    return { ok: true };
  } catch (e) {
    if (!e || typeof e.code !== 'string') throw e;
    const before = text.slice(0, e.at);
    const lines = before.split('\n');
    const line = lines.length;
    const col = [...lines[lines.length - 1]].length + 1;
    const ch = e.at < text.length ? [...text.slice(e.at)][0] : undefined;
    return { ok: false, line, col, code: e.code, ch };
  }
}
