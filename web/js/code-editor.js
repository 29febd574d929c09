// The "Code / 코드" panel: a CodeMirror 6 editor for the function's lambda_function.py, the
// handler templates (content/handlers/), a syntax check before deploy (MicroPython's
// compiler), and Deploy. Loaded by main.js only when the learner opens the panel, together
// with the editor bundle (vendor/editor.js) and the Python runtime (python-runtime.js).
//
// Deploy runs the Shell lines of core/learn/CONTRACT.md "Code", through the page's run(), so
// the session, share links and replays rebuild the deployed code:
//   lab code put lambda_function.py <base64url of the UTF-8 source>
//   zip function.zip lambda_function.py
//   aws lambda update-function-code --function-name F --zip-file fileb://function.zip
// The text being edited is kept in localStorage (DRAFT_KEY) on every change, so unsaved code
// survives a reload.

import { t, onLangChange, applyTo, addStrings } from './i18n.js';
import { installPythonRuntime } from './python-runtime.js';
import { base64url, deployLines } from './deploy-lines.js';

// Learner-facing strings of the panel (Korean and English), added to i18n.js when it loads.
const STRINGS = {
  ko: {
    'code.function': '함수',
    'code.template': '예제',
    'code.loadTemplate': '예제 불러오기',
    'code.deploy': '배포',
    'code.editorLabel': 'lambda_function.py 편집기',
    'code.loading': 'Python 런타임과 편집기를 불러오는 중…',
    'code.ready': '준비되었습니다. 코드를 고친 뒤 배포를 누르세요. 편집 중인 코드는 이 브라우저에 저장되어 새로 고쳐도 남습니다.',
    'code.templateLoaded': '예제를 편집기에 넣었습니다. 배포해야 함수에 반영됩니다.',
    'code.syntaxError': '{line}행 문법 오류: {msg}',
    'code.noFunction': '배포할 함수가 없습니다. 먼저 함수를 만드세요.',
    'code.deployFailed': '배포하지 못했습니다: {msg}',
    'code.deployed': '{fn}에 배포했습니다. 새 CodeSha256: {sha}',
    'code.deployedWithError': '{fn}에 배포했지만 코드에 문법 오류가 있어 호출하면 Runtime.UserCodeSyntaxError로 실패합니다. CodeSha256: {sha}',
    'code.keys': '편집기 안에서 Tab은 들여쓰기입니다. 편집기를 벗어나려면 Esc를 누른 뒤 Tab을 누르세요.',
    'code.hint': '배포는 터미널 명령(lab code put, zip, aws lambda update-function-code)으로 실행되어 공유 링크에도 남습니다. 재시도를 기다리던 이벤트도 새 코드로 실행됩니다.',
    'code.tpl.seed-002': '따라 하기 핸들러 (raise 주석을 풀어 실패시키기)',
    'code.tpl.points-naive': '포인트 적립: 멱등성 없음',
    'code.tpl.points-idempotent': '포인트 적립: 처리 기록으로 중복 건너뛰기',
    'code.tpl.dynamodb-conditional': 'DynamoDB 조건부 쓰기 (attribute_not_exists)',
    'code.tpl.redis-setnx': 'Redis SETNX로 중복 막기',
  },
  en: {
    'code.function': 'Function',
    'code.template': 'Example',
    'code.loadTemplate': 'Load example',
    'code.deploy': 'Deploy',
    'code.editorLabel': 'lambda_function.py editor',
    'code.loading': 'Loading the Python runtime and the editor…',
    'code.ready': 'Ready. Edit the code, then press Deploy. What you type is kept in this browser and survives a reload.',
    'code.templateLoaded': 'The example is in the editor. Deploy it to change the function.',
    'code.syntaxError': 'Syntax error on line {line}: {msg}',
    'code.noFunction': 'There is no function to deploy to. Create one first.',
    'code.deployFailed': 'Deploy failed: {msg}',
    'code.deployed': 'Deployed to {fn}. New CodeSha256: {sha}',
    'code.deployedWithError': 'Deployed to {fn}, but the code has a syntax error: invoking it fails with Runtime.UserCodeSyntaxError. CodeSha256: {sha}',
    'code.keys': 'Inside the editor Tab indents; press Esc, then Tab, to move on.',
    'code.hint': 'Deploy runs terminal commands (lab code put, zip, aws lambda update-function-code), so share links keep it. Events waiting for a retry run the new code too.',
    'code.tpl.seed-002': 'Walkthrough handler (uncomment the raise to make it fail)',
    'code.tpl.points-naive': 'Points: not idempotent',
    'code.tpl.points-idempotent': 'Points: skip events already processed',
    'code.tpl.dynamodb-conditional': 'DynamoDB conditional write (attribute_not_exists)',
    'code.tpl.redis-setnx': 'Redis SETNX guard',
  },
};
addStrings(STRINGS);

const DRAFT_KEY = 'invokelab.code.draft';
export const TEMPLATES = [
  { id: 'seed-002', file: 'seed-002.py' },
  { id: 'points-naive', file: 'points-naive.py' },
  { id: 'points-idempotent', file: 'points-idempotent.py' },
  { id: 'dynamodb-conditional', file: 'dynamodb-conditional.py' },
  { id: 'redis-setnx', file: 'redis-setnx.py' },
];

export { base64url, deployLines };

function readDraft() {
  try { const d = JSON.parse(localStorage.getItem(DRAFT_KEY) || 'null'); return d && typeof d.text === 'string' ? d : null; } catch { return null; }
}
function writeDraft(d) { try { localStorage.setItem(DRAFT_KEY, JSON.stringify(d)); } catch { /* storage blocked */ } }

function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

// body: the element to fill; api: { run(line, source) -> result, state(), base (URL) }.
export async function openCodeEditor(body, api) {
  const t0 = performance.now();
  const python = installPythonRuntime({ base: api.base, serviceCall: api.serviceCall });
  const pyReady = python.ready();
  const status = el('p', { id: 'code-status', class: 'code-status', role: 'status', 'aria-live': 'polite' });
  status.textContent = t('code.loading');
  const fnSelect = el('select', { id: 'code-function' });
  const tplSelect = el('select', { id: 'code-template' });
  for (const tpl of TEMPLATES) tplSelect.append(el('option', { value: tpl.id, 'data-i18n': `code.tpl.${tpl.id}` }));
  const tplButton = el('button', { type: 'button', id: 'code-load-template', class: 'btn', 'data-i18n': 'code.loadTemplate' });
  const deploy = el('button', { type: 'button', id: 'code-deploy', class: 'btn primary', 'data-i18n': 'code.deploy', disabled: '' });
  const host = el('div', { id: 'code-host', class: 'code-host' });
  const errorLine = el('p', { id: 'code-error', class: 'code-error', role: 'alert' });
  body.replaceChildren(
    el('div', { class: 'code-bar' }, [
      el('label', { class: 'inline' }, [el('span', { 'data-i18n': 'code.function' }), fnSelect]),
      el('label', { class: 'inline' }, [el('span', { 'data-i18n': 'code.template' }), tplSelect]),
      tplButton, deploy,
    ]),
    el('p', { id: 'code-keys', class: 'hint', 'data-i18n': 'code.keys' }),
    host, errorLine, status,
    el('p', { class: 'hint', 'data-i18n': 'code.hint' }),
  );
  applyTo(body);

  const templateText = async (id) => {
    const tpl = TEMPLATES.find((x) => x.id === id) ?? TEMPLATES[0];
    const res = await fetch(new URL(`content/handlers/${tpl.file}`, api.base));
    if (!res.ok) throw new Error(`content/handlers/${tpl.file}: HTTP ${res.status}`);
    return res.text();
  };

  const functions = () => {
    const fns = api.state()?.lambda?.functions ?? [];
    return fns.map((f) => f?.configuration?.FunctionName).filter(Boolean);
  };
  const refreshFunctions = () => {
    const names = functions();
    const keep = fnSelect.value || readDraft()?.fn;
    fnSelect.replaceChildren(...names.map((n) => el('option', { value: n, text: n })));
    if (names.includes(keep)) fnSelect.value = keep;
  };
  refreshFunctions();

  const draft = readDraft();
  const [{ createEditor }, firstText] = await Promise.all([
    import(new URL('vendor/editor.js', api.base).href),
    draft ? Promise.resolve(draft.text) : templateText('seed-002'),
  ]);
  if (draft?.template) tplSelect.value = draft.template;
  let checkTimer = 0;
  const save = (text) => writeDraft({ text, fn: fnSelect.value, template: tplSelect.value });
  const editor = createEditor(host, {
    doc: firstText,
    label: t('code.editorLabel'),
    describedBy: 'code-keys code-error',
    onChange: (text) => { save(text); clearTimeout(checkTimer); checkTimer = setTimeout(check, 250); },
  });
  onLangChange(() => { applyTo(body); editor.setLabel(t('code.editorLabel')); check(); });
  fnSelect.addEventListener('focus', refreshFunctions);
  fnSelect.addEventListener('change', () => save(editor.text()));

  // Syntax errors at their line, before any deploy (MicroPython's compiler).
  function check() {
    if (!python.isReady()) return null;
    const err = python.check(editor.text(), 'lambda_function.py');
    editor.showErrors(err ? [{ line: err.line, message: err.message }] : []);
    errorLine.textContent = err ? t('code.syntaxError', { line: err.line, msg: err.message }) : '';
    return err;
  }

  tplButton.addEventListener('click', async () => {
    const text = await templateText(tplSelect.value);
    editor.setText(text);
    save(text);
    status.textContent = t('code.templateLoaded');
    check();
  });

  deploy.addEventListener('click', async () => {
    await pyReady;
    const fn = fnSelect.value;
    if (!fn) { status.textContent = t('code.noFunction'); return; }
    const err = check();
    const lines = deployLines(fn, editor.text());
    let last = null;
    for (const line of lines) {
      last = api.run(line, 'editor');
      if (!last || last.exitCode) break;
    }
    if (!last || last.exitCode) {
      status.textContent = t('code.deployFailed', { msg: (last?.stderr || '').trim() });
      return;
    }
    let sha = '';
    try { sha = JSON.parse(last.stdout).CodeSha256 || ''; } catch { /* the terminal shows the output */ }
    status.textContent = t(err ? 'code.deployedWithError' : 'code.deployed', { fn, sha });
    api.onDeployed?.({ fn, sha });
  });

  try {
    await pyReady;
  } catch (e) {
    status.textContent = t('code.pythonFailed', { msg: String(e?.message ?? e) });
    return { editor, python };
  }
  deploy.removeAttribute('disabled');
  check();
  const readyMs = Math.round(performance.now() - t0);
  status.textContent = t('code.ready');
  return { editor, python, readyMs };
}
