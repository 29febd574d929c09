// Source transforms for the browser's Python runtime (MicroPython), kept line-for-line so
// tracebacks and syntax errors point at the learner's own lines:
//
//   while COND:            -> while _il_tick() and (COND):      every iteration charges the budget
//   for T in ITER:         -> for T in _il_it(ITER):             (statement loops only)
//   {k: v, **m}            -> _il_D([(k, v), (_il_SPREAD, m)])   insertion-ordered dicts, as CPython
//   {k: v for ...}         -> _il_D([(k, v) for ...])
//   {}                     -> _il_D()
//
// Why: MicroPython's dict iterates in hash order (CPython keeps insertion order, and JSON
// results and print(event) show it), and the port offers no hook that could stop a loop that
// never ends, so loops tick a budget mapped to the function's timeout (the tab never freezes).
//
// Also here: jsonToPython(text), JSON text -> a Python expression building the same value
// with ordered dicts (json.loads and the event), or "!<message>" when the text is not JSON.

const OPS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '**', '//', '==', '!=', '<=', '>=', '<<', '>>',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='];
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

// Splits Python source into tokens {t, s}: t in name, num, str, op, nl, ws, comment.
export function tokenize(src) {
  const out = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\n') { out.push({ t: 'nl', s: c }); i++; continue; }
    if (c === '\r') { const s = src[i + 1] === '\n' ? '\r\n' : '\r'; out.push({ t: 'nl', s }); i += s.length; continue; }
    if (c === ' ' || c === '\t' || c === '\f') {
      let j = i; while (j < n && (src[j] === ' ' || src[j] === '\t' || src[j] === '\f')) j++;
      out.push({ t: 'ws', s: src.slice(i, j) }); i = j; continue;
    }
    if (c === '\\' && (src[i + 1] === '\n' || src[i + 1] === '\r')) {
      const s = src.startsWith('\\\r\n', i) ? '\\\r\n' : src.slice(i, i + 2);
      out.push({ t: 'ws', s }); i += s.length; continue;
    }
    if (c === '#') {
      let j = i; while (j < n && src[j] !== '\n' && src[j] !== '\r') j++;
      out.push({ t: 'comment', s: src.slice(i, j) }); i = j; continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      let j = i + 1; while (j < n && /[\w\u0080-\uffff]/.test(src[j])) j++;
      const word = src.slice(i, j);
      if ((src[j] === '"' || src[j] === "'") && STRING_PREFIX.test(word)) { const e = stringEnd(src, j, /[rR]/.test(word)); out.push({ t: 'str', s: src.slice(i, e) }); i = e; continue; }
      out.push({ t: 'name', s: word }); i = j; continue;
    }
    if (c === '"' || c === "'") { const e = stringEnd(src, i, false); out.push({ t: 'str', s: src.slice(i, e) }); i = e; continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] || ''))) {
      const m = /^(?:0[xXoObB][0-9a-fA-F_]+|(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?[jJ]?)/.exec(src.slice(i, i + 64));
      const len = m && m[0].length ? m[0].length : 1;
      out.push({ t: 'num', s: src.slice(i, i + len) }); i += len; continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) || c;
    out.push({ t: 'op', s: op }); i += op.length;
  }
  return out;
}

// Index just past the string literal whose opening quote is at q.
function stringEnd(src, q, raw) {
  const quote = src[q];
  const triple = src.startsWith(quote.repeat(3), q);
  const close = triple ? quote.repeat(3) : quote;
  let i = q + close.length;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') { i += 2; continue; }
    if (!triple && (c === '\n' || c === '\r')) return i;          // unterminated: the compiler reports it
    if (src.startsWith(close, i)) return i + close.length;
    i++;
  }
  void raw;
  return src.length;
}

const OPEN = { '(': ')', '[': ']', '{': '}' };
const isSig = (tok) => tok.t !== 'ws' && tok.t !== 'nl' && tok.t !== 'comment';

// Classifies the brace at tokens[k]: 'empty', 'dict' or 'set'.
function braceKind(tokens, k) {
  let depth = 0, lambdas = 0, first = null;
  for (let j = k + 1; j < tokens.length; j++) {
    const tok = tokens[j];
    if (!isSig(tok)) continue;
    if (first === null) first = tok;
    if (tok.t === 'op' && OPEN[tok.s]) { depth++; continue; }
    if (tok.t === 'op' && (tok.s === ')' || tok.s === ']' || tok.s === '}')) {
      if (depth === 0) return first === tok ? 'empty' : 'set';
      depth--; continue;
    }
    if (depth !== 0) continue;
    if (tok === first && tok.t === 'op' && tok.s === '**') return 'dict';
    if (tok.t === 'name' && tok.s === 'lambda') lambdas++;
    if (tok.t === 'op' && tok.s === ':') { if (lambdas) lambdas--; else return 'dict'; }
  }
  return 'set';
}

// The transform described at the top of this file. Returns the new source text.
export function instrument(src) {
  const tokens = tokenize(src);
  const out = [];
  const stack = [];              // frames: {close, dict, pendingItem, itemOpen, comp, lambdas}
  let header = null;             // statement loop header at depth 0: {kind, inSeen}
  let atStmtStart = true;
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k];
    if (!isSig(tok)) {
      out.push(tok.s);
      if (tok.t === 'nl' && stack.length === 0) atStmtStart = true;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top && top.dict && top.pendingItem) {
      top.pendingItem = false;
      if (tok.t === 'op' && tok.s === '}') { /* trailing comma */ }
      else if (tok.t === 'op' && tok.s === '**') { out.push('(_il_SPREAD, '); top.itemOpen = true; continue; }
      else { out.push('('); top.itemOpen = true; }
    }
    const stmtStart = atStmtStart;
    atStmtStart = false;
    if (tok.t === 'op' && tok.s === ';' && stack.length === 0) atStmtStart = true;
    if (tok.t === 'op' && OPEN[tok.s]) {
      if (tok.s === '{') {
        const kind = braceKind(tokens, k);
        if (kind === 'empty') {
          out.push('_il_D()');
          for (k++; k < tokens.length && !(isSig(tokens[k]) && tokens[k].s === '}'); k++) out.push(tokens[k].s);
          continue;
        }
        if (kind === 'dict') {
          out.push('_il_D([');
          stack.push({ close: '}', dict: true, pendingItem: true, itemOpen: false, comp: false, lambdas: 0 });
          continue;
        }
      }
      stack.push({ close: OPEN[tok.s], dict: false });
      out.push(tok.s);
      continue;
    }
    if (tok.t === 'op' && (tok.s === ')' || tok.s === ']' || tok.s === '}')) {
      const f = stack.pop();
      if (f && f.dict) { out.push((f.itemOpen ? ')' : '') + '])'); continue; }
      out.push(tok.s);
      continue;
    }
    if (top && top.dict && !top.comp) {
      if (tok.t === 'name' && tok.s === 'lambda') top.lambdas++;
      if (tok.t === 'op' && tok.s === ':') {
        if (top.lambdas) { top.lambdas--; out.push(':'); } else out.push(',');
        continue;
      }
      if (tok.t === 'op' && tok.s === ',') {
        out.push((top.itemOpen ? ')' : '') + ',');
        top.itemOpen = false; top.pendingItem = true;
        continue;
      }
      if (tok.t === 'name' && (tok.s === 'for' || tok.s === 'async')) {
        out.push((top.itemOpen ? ')' : '') + ' ' + tok.s);
        top.itemOpen = false; top.comp = true;
        continue;
      }
    }
    if (stack.length === 0) {
      if (tok.t === 'name' && tok.s === 'while' && stmtStart) {
        out.push('while _il_tick() and (');
        header = { kind: 'while' };
        continue;
      }
      if (tok.t === 'name' && tok.s === 'for' && stmtStart) {
        header = { kind: 'for', inSeen: false };
        out.push(tok.s);
        continue;
      }
      if (header && header.kind === 'for' && !header.inSeen && tok.t === 'name' && tok.s === 'in') {
        header.inSeen = true;
        out.push('in _il_it(');
        continue;
      }
      if (header && tok.t === 'op' && tok.s === ':' && (header.kind === 'while' || header.inSeen)) {
        out.push('):');
        header = null;
        atStmtStart = true;            // a one-line body follows
        continue;
      }
      if (tok.t === 'op' && tok.s === ':' && !header) atStmtStart = true;
    }
    out.push(tok.s);
  }
  return out.join('');
}

// [SECTION] JSON -> Python expression (ordered dicts: D([...])). Numbers keep their text, so
// 1 stays an int and 1.0 a float, as in CPython's json.loads.
export function jsonToPython(text) {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const where = () => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    const col = i - before.lastIndexOf('\n');
    return `line ${line} column ${col} (char ${i})`;
  };
  class Bad extends Error {}
  const fail = (what) => { throw new Bad(`${what}: ${where()}`); };
  function value(depth) {
    if (depth > 200) fail('Too deeply nested');
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      const items = [];
      if (text[i] === '}') { i++; return 'D()'; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expecting property name enclosed in double quotes');
        const k = str();
        ws();
        if (text[i] !== ':') fail("Expecting ':' delimiter");
        i++;
        items.push(`(${k}, ${value(depth + 1)})`);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        fail("Expecting ',' delimiter");
      }
      return `D([${items.join(', ')}])`;
    }
    if (c === '[') {
      i++; ws();
      const items = [];
      if (text[i] === ']') { i++; return '[]'; }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        fail("Expecting ',' delimiter");
      }
      return `[${items.join(', ')}]`;
    }
    if (c === '"') return str();
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] && m[0] !== '-') { i += m[0].length; return m[0].startsWith('-') ? `(${m[0]})` : m[0]; }
    for (const [lit, py] of [['true', 'True'], ['false', 'False'], ['null', 'None'], ['NaN', "float('nan')"], ['Infinity', "float('inf')"], ['-Infinity', "float('-inf')"]]) {
      if (text.startsWith(lit, i)) { i += lit.length; return py; }
    }
    fail('Expecting value');
    return '';
  }
  function str() {
    const start = i;
    i++;
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('Invalid control character at');
      i++;
    }
    if (i >= n) { i = start; fail('Unterminated string starting at'); }
    i++;
    let s;
    try { s = JSON.parse(text.slice(start, i)); } catch { i = start; fail('Invalid \\escape'); }
    return pyStr(s);
  }
  try {
    const v = value(0);
    ws();
    if (i !== n) fail('Extra data');
    return v;
  } catch (e) {
    if (e instanceof Bad) return '!' + e.message;
    throw e;
  }
}

// A JS string as a Python str literal (lone surrogates become U+FFFD: MicroPython is UTF-8).
export function pyStr(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return out + '"';
}

// [SECTION] CPython's words for a syntax error. MicroPython's compiler says "invalid syntax"
// for most mistakes; python3.12 names the common ones, and the learner sees that text in
// Runtime.UserCodeSyntaxError and in the editor. Given the source and MicroPython's line and
// message, returns {line, message} as CPython 3.12 would report them (unknown cases: as given).
const BLOCK_AFTER = {
  def: 'function definition', class: 'class definition', if: "'if' statement", elif: "'elif' statement",
  else: "'else' statement", for: "'for' statement", while: "'while' statement", try: "'try' statement",
  except: "'except' statement", finally: "'finally' statement", with: "'with' statement",
};
export function cpythonSyntaxError(src, line, message) {
  const tokens = tokenize(src);
  // Positions: the 1-based line of every token, and the logical lines (start line, tokens).
  let ln = 1;
  const stack = [];
  const logical = [];
  let cur = null;
  for (const tok of tokens) {
    tok.line = ln;
    if (tok.t === 'str') {
      const q = tok.s.replace(/^[A-Za-z]*/, '');
      const triple = q.startsWith('"""') || q.startsWith("'''");
      const closeQ = triple ? q.slice(0, 3) : q[0];
      if (q.length < (triple ? 6 : 2) || !q.endsWith(closeQ) || (q.endsWith('\\' + closeQ) && !q.endsWith('\\\\' + closeQ))) {
        const endLine = ln + (tok.s.match(/\r\n|\r|\n/g) || []).length;
        return triple
          ? { line: ln, message: `unterminated triple-quoted string literal (detected at line ${endLine})` }
          : { line: ln, message: `unterminated string literal (detected at line ${ln})` };
      }
    }
    if (isSig(tok)) {
      if (!cur) { cur = { line: ln, toks: [] }; logical.push(cur); }
      cur.toks.push(tok);
      if (tok.t === 'op' && OPEN[tok.s]) stack.push(tok);
      else if (tok.t === 'op' && (tok.s === ')' || tok.s === ']' || tok.s === '}')) {
        const open = stack.pop();
        if (!open) return { line: ln, message: `unmatched '${tok.s}'` };
        if (OPEN[open.s] !== tok.s) {
          return open.line === ln
            ? { line: ln, message: `closing parenthesis '${tok.s}' does not match opening parenthesis '${open.s}'` }
            : { line: ln, message: `closing parenthesis '${tok.s}' does not match opening parenthesis '${open.s}' on line ${open.line}` };
        }
      }
    }
    if (tok.t === 'nl' && stack.length === 0) cur = null;
    ln += (tok.s.match(/\r\n|\r|\n/g) || []).length;
  }
  if (stack.length && stack[stack.length - 1].line <= line) {
    const open = stack[stack.length - 1];
    return { line: open.line, message: `'${open.s}' was never closed` };
  }
  const lines = src.split(/\r\n|\r|\n/);
  const indentOf = (l) => /^[ \t]*/.exec(lines[l - 1] ?? '')[0].replace(/\t/g, '        ').length;
  if (/unindent/.test(message)) {
    const levels = [0];
    for (const lg of logical) {
      const ind = indentOf(lg.line);
      if (ind > levels[levels.length - 1]) levels.push(ind);
      else {
        while (levels.length && ind < levels[levels.length - 1]) levels.pop();
        if (levels[levels.length - 1] !== ind) return { line: lg.line, message: 'unindent does not match any outer indentation level' };
      }
    }
    return { line, message: 'unindent does not match any outer indentation level' };
  }
  const at = logical.findIndex((lg) => lg.line <= line && (logical[logical.indexOf(lg) + 1]?.line ?? Infinity) > line);
  const lg = logical[at];
  if (!lg || message !== 'invalid syntax') return { line, message };
  const first = lg.toks[0];
  const last = lg.toks[lg.toks.length - 1];
  // A block header whose line does not end with ':'.
  if (first.t === 'name' && BLOCK_AFTER[first.s] && !(last.t === 'op' && last.s === ':') && !lg.toks.some((x) => x.t === 'op' && x.s === ':')) {
    return { line: last.line, message: "expected ':'" };
  }
  // `if x = 1:`
  if (first.t === 'name' && ['if', 'elif', 'while'].includes(first.s) && lg.toks.some((x) => x.t === 'op' && x.s === '=')) {
    return { line: lg.line, message: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?" };
  }
  // A header ending with ':' followed by a line that is not indented deeper.
  const prev = logical[at - 1];
  if (prev && prev.toks[prev.toks.length - 1].s === ':' && prev.toks[0].t === 'name' && BLOCK_AFTER[prev.toks[0].s] && indentOf(lg.line) <= indentOf(prev.line)) {
    return { line: lg.line, message: `expected an indented block after ${BLOCK_AFTER[prev.toks[0].s]} on line ${prev.line}` };
  }
  return { line, message };
}
