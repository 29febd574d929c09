// The tiny markup of lesson and quiz text (core/learn/CONTRACT.md §4), rendered as DOM nodes:
//   paragraphs separated by a blank line, `code`, **bold**, lines starting with "- " form a list.
// Nothing else: the text never reaches innerHTML, so any "<b>" in it stays literal text.

// Appends the inline parts of one line (code spans first, bold inside the rest) to `parent`.
function inline(parent, text) {
  const parts = String(text).split('`');
  parts.forEach((part, i) => {
    // An odd index is inside backticks, unless the closing backtick is missing.
    if (i % 2 === 1 && i < parts.length - 1) {
      const code = document.createElement('code');
      code.textContent = part;
      parent.appendChild(code);
      return;
    }
    const literal = i % 2 === 1 ? '`' + part : part;
    const bold = literal.split('**');
    bold.forEach((b, j) => {
      if (!b && j % 2 === 0) return;
      if (j % 2 === 1 && j < bold.length - 1) {
        const strong = document.createElement('strong');
        strong.textContent = b;
        parent.appendChild(strong);
      } else {
        parent.appendChild(document.createTextNode(j % 2 === 1 ? '**' + b : b));
      }
    });
  });
}

// Renders `text` into a DocumentFragment of <p> and <ul> elements.
export function renderMarkup(text) {
  const frag = document.createDocumentFragment();
  const blocks = String(text ?? '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    let para = null, list = null;
    for (const line of lines) {
      if (/^\s*- /.test(line)) {
        para = null;
        if (!list) { list = document.createElement('ul'); frag.appendChild(list); }
        const li = document.createElement('li');
        inline(li, line.replace(/^\s*- /, ''));
        list.appendChild(li);
      } else {
        list = null;
        if (para) para.appendChild(document.createTextNode(' '));
        else { para = document.createElement('p'); frag.appendChild(para); }
        inline(para, line.trim());
      }
    }
  }
  return frag;
}

// Plain text of the markup (for announcements and titles).
export function plainText(text) { return String(text ?? '').replace(/\*\*|`/g, ''); }

// A {ko, en} object (or a plain string) in the current language.
export function pick(obj, lang) {
  if (obj == null) return '';
  if (typeof obj === 'string') return obj;
  return obj[lang] ?? obj.ko ?? obj.en ?? '';
}

// localStorage JSON that never throws (storage blocked, corrupt value: start empty).
export function loadJson(key, fallback) {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? 'null');
    return v && typeof v === 'object' ? v : fallback;
  } catch { return fallback; }
}
export function saveJson(key, value) {
  try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch { return false; }
}

// Fetches a content file as text or JSON; throws an Error whose `status` says why.
export async function fetchContent(path, as = 'json') {
  let res;
  try { res = await fetch(new URL(path, location.href).href, { cache: 'no-cache' }); } catch (e) {
    const err = new Error(`network: ${path}`); err.status = 0; throw err;
  }
  if (!res.ok) { const err = new Error(`HTTP ${res.status}: ${path}`); err.status = res.status; throw err; }
  return as === 'json' ? res.json() : res.text();
}
