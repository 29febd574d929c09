// The quiz panel: quiz sets from content/quizzes/ (CONTRACT.md §5), one item at a time,
// presented and graded by the simulator (il_quiz_present / il_quiz_grade): the page never
// knows a key before the learner has answered, and never computes one itself.
//
// Loaded only when the Quiz tab is first opened (learn.js). Per set the learner has an
// attempt seed (the item parameters follow from it; "New attempt" draws another), a mode
// ("instant": feedback after each Check; "end": answers are saved and revealed together),
// and the graded answers. All of it is kept in localStorage under QUIZ_KEY:
//   {"sets": {SET: {"seed": N, "answers": {itemId: {response, correct, key}}, "mode", "finished"}},
//    "missed": ["SET/ITEM", …]}       (an item leaves "missed" once it is answered right)

import { t, lang, onLangChange } from './i18n.js';
import { renderMarkup, plainText, pick, loadJson, saveJson, fetchContent } from './markup.js';
import { drawTimeline, parseDuration, niceRange } from './timeline.js';

export const QUIZ_KEY = 'invokelab.quiz.v1';
const NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const OUTCOMES = ['succeeded', 'dlq', 'destination', 'dlq+destination', 'dropped'];
const VERB = 'http://adlnet.gov/expapi/verbs/answered';

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('aria-') || k.startsWith('data-') || k === 'role' || k === 'type' || k === 'for' || k === 'name' || k === 'list' || k === 'form') e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}
const newSeed = () => 1 + Math.floor(Math.random() * 0x7ffffffe);
const fmtS = (s) => (Number.isInteger(s) ? String(s) : Number(s).toFixed(3).replace(/\.?0+$/, ''));

// "0, 61, 182.5" -> [0, 61, 182.5]; null when a part is not a number.
export function parseTimes(text) {
  const parts = String(text).split(/[,\s]+/).filter(Boolean);
  const out = parts.map(Number);
  return out.every((n) => Number.isFinite(n) && n >= 0) ? out : null;
}

export class QuizPanel {
  // host: { present(item, seed), grade(item, seed, answer), loadScenario(text, label), announce(text), notify(msg) }
  constructor(root, host) {
    this.root = root; this.host = host;
    this.sets = new Map(); this.ids = [];
    this.store = this.readStore();
    this.setId = null; this.index = 0;
    this.presented = new Map();       // "seed/itemId" -> present() result
    this.multi = new Map();           // "seed/itemId" -> true when more than one choice is right
    this.marks = [];                  // predict: the learner's marks (seconds)
    this.build();
    onLangChange(() => this.render());
  }

  readStore() {
    const s = loadJson(QUIZ_KEY, {});
    return { sets: s.sets && typeof s.sets === 'object' ? s.sets : {}, missed: Array.isArray(s.missed) ? s.missed.filter((x) => typeof x === 'string') : [] };
  }
  save() { saveJson(QUIZ_KEY, this.store); }
  setState(id = this.setId) {
    let s = this.store.sets[id];
    if (!s || typeof s !== 'object' || !Number.isSafeInteger(s.seed)) {
      s = this.store.sets[id] = { seed: newSeed(), answers: {}, mode: s?.mode === 'end' ? 'end' : 'instant', finished: false };
      this.save();
    }
    if (!s.answers || typeof s.answers !== 'object') s.answers = {};
    if (s.mode !== 'end') s.mode = 'instant';
    return s;
  }

  // [SECTION] DOM
  build() {
    this.root.replaceChildren();
    this.status = el('p', { class: 'hint', id: 'quiz-loading' });
    this.setLabel = el('label', { for: 'quiz-set' });
    this.setSelect = el('select', { id: 'quiz-set' });
    this.newBtn = el('button', { type: 'button', class: 'btn', id: 'quiz-new' });
    const top = el('div', { class: 'quiz-top' }, this.setLabel, this.setSelect, this.newBtn);

    this.modeLegend = el('legend');
    this.modeInstant = el('input', { type: 'radio', name: 'quiz-mode', id: 'quiz-mode-instant', value: 'instant' });
    this.modeEnd = el('input', { type: 'radio', name: 'quiz-mode', id: 'quiz-mode-end', value: 'end' });
    this.modeInstantLabel = el('label', { for: 'quiz-mode-instant' });
    this.modeEndLabel = el('label', { for: 'quiz-mode-end' });
    const mode = el('fieldset', { class: 'quiz-mode' }, this.modeLegend,
      el('span', { class: 'check' }, this.modeInstant, this.modeInstantLabel), el('span', { class: 'check' }, this.modeEnd, this.modeEndLabel));

    this.prev = el('button', { type: 'button', class: 'btn', id: 'quiz-prev' });
    this.next = el('button', { type: 'button', class: 'btn', id: 'quiz-next' });
    this.pos = el('span', { class: 'lesson-pos', id: 'quiz-pos' });
    this.score = el('span', { class: 'quiz-score', id: 'quiz-score' });
    this.nav = el('div', { class: 'lesson-nav', role: 'group' }, this.prev, this.next, this.pos, this.score);

    this.question = el('div', { class: 'quiz-question', id: 'quiz-question', tabIndex: -1 });
    this.form = el('form', { class: 'quiz-answer', id: 'quiz-form', noValidate: true });
    // Not a submit button: a frame sandboxed without allow-forms (the docs embeds) blocks submission.
    this.checkBtn = el('button', { type: 'button', class: 'btn primary', id: 'quiz-check' });
    this.openBtn = el('button', { type: 'button', class: 'btn subtle', id: 'quiz-open' });
    const actions = el('div', { class: 'buttons quiz-actions' }, this.checkBtn, this.openBtn);
    this.feedback = el('div', { class: 'quiz-feedback', id: 'quiz-feedback', role: 'status', 'aria-live': 'polite' });
    this.item = el('div', { class: 'quiz-item', id: 'quiz-item' }, this.question, this.form, actions, this.feedback);

    this.summaryHeading = el('h3', { class: 'lesson-title' });
    this.finishBtn = el('button', { type: 'button', class: 'btn', id: 'quiz-finish' });
    this.summaryText = el('p', { class: 'quiz-summary-text', id: 'quiz-summary-text' });
    this.missedHeading = el('h4', { class: 'step-title' });
    this.missedList = el('ul', { class: 'quiz-missed', id: 'quiz-missed' });
    this.summary = el('div', { class: 'quiz-summary' }, this.summaryHeading, this.summaryText, this.finishBtn, this.missedHeading, this.missedList);

    this.body = el('div', { class: 'quiz-body', hidden: true }, top, mode, this.nav, this.item, this.summary);
    this.root.append(this.status, this.body);

    this.setSelect.addEventListener('change', () => this.openSet(this.setSelect.value));
    this.newBtn.addEventListener('click', () => this.newAttempt());
    for (const r of [this.modeInstant, this.modeEnd]) r.addEventListener('change', () => { this.setState().mode = r.value; this.save(); this.render(); });
    // Focus stays on Back / Next (pressing again moves on); the new position is announced.
    const step = (d) => { this.goItem(this.index + d, { focus: false }); this.host.announce(this.pos.textContent); };
    this.prev.addEventListener('click', () => step(-1));
    this.next.addEventListener('click', () => step(+1));
    this.form.addEventListener('submit', (e) => e.preventDefault());
    this.checkBtn.addEventListener('click', () => this.check());
    // Enter in a text or number field checks the answer, as a form would.
    this.form.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.isComposing && e.target.tagName === 'INPUT' && /^(text|number)$/.test(e.target.type)) { e.preventDefault(); this.check(); }
    });
    this.openBtn.addEventListener('click', () => this.openInPlayground());
    this.finishBtn.addEventListener('click', () => this.finish());
    this.status.textContent = t('learn.loading');
  }

  // [SECTION] Loading
  async load() {
    try {
      const index = await fetchContent('content/quizzes/index.json');
      const ids = (Array.isArray(index?.sets) ? index.sets : []).filter((id) => typeof id === 'string' && NAME_RE.test(id));
      const files = await Promise.all(ids.map((id) => fetchContent(`content/quizzes/${id}.json`).catch(() => null)));
      ids.forEach((id, i) => { if (files[i] && Array.isArray(files[i].items) && files[i].items.length) this.sets.set(id, files[i]); });
      this.ids = ids.filter((id) => this.sets.has(id));
      if (!this.ids.length) throw new Error('no quiz sets');
    } catch (e) {
      this.status.textContent = t('quiz.loadFailed');
      console.warn('quiz:', e);
      return false;
    }
    this.status.hidden = true;
    this.body.hidden = false;
    const last = this.ids.includes(this.store.last) ? this.store.last : this.ids[0];
    await this.openSet(last);
    return true;
  }

  async openSet(id, itemId = null) {
    if (!this.sets.has(id)) {
      return { ok: false, error: { ko: t('quiz.unknownSet', { id: String(id).slice(0, 80) }, 'ko'), en: t('quiz.unknownSet', { id: String(id).slice(0, 80) }, 'en') } };
    }
    this.setId = id; this.store.last = id; this.save();
    this.setState();
    this.goItem(Math.max(0, this.items.findIndex((it) => it.id === itemId)), { focus: false });
    return { ok: true };
  }

  get set() { return this.sets.get(this.setId); }
  get items() { return this.set?.items ?? []; }
  get itemJson() { return this.items[this.index]; }

  presentOf(item) {
    const s = this.setState();
    const key = `${s.seed}/${item.id}`;
    if (!this.presented.has(key)) this.presented.set(key, this.host.present(item, s.seed));
    return this.presented.get(key);
  }

  // A choice item with more than one right answer gets checkboxes (and says so): the
  // simulator grades a pick of the first choice once to learn how many choices its key holds.
  isMulti(item) {
    if (item.kind !== 'choice') return false;
    if (item.multiple === true) return true;
    const s = this.setState();
    const key = `${s.seed}/${item.id}`;
    if (!this.multi.has(key)) {
      const first = this.presentOf(item)?.choices?.[0]?.id;
      const g = first == null ? null : this.host.grade(item, s.seed, { choices: [first] });
      this.multi.set(key, Array.isArray(g?.key) && g.key.length > 1);
    }
    return this.multi.get(key);
  }

  goItem(i, { focus = true } = {}) {
    if (!this.items.length) return;
    this.index = Math.max(0, Math.min(this.items.length - 1, i));
    const saved = this.setState().answers[this.itemJson.id];
    this.marks = this.itemJson.kind === 'predict' && Array.isArray(saved?.response?.times) ? [...saved.response.times] : [];
    this.renderForm(saved?.response);
    this.render();
    if (focus) this.question.focus({ preventScroll: true });
  }

  newAttempt() {
    const s = this.setState();
    s.seed = newSeed(); s.answers = {}; s.finished = false;
    this.save();
    this.host.announce(t('quiz.newAttemptDone'));
    this.goItem(0);
  }

  // [SECTION] Answer forms, one per kind
  renderForm(response) {
    const item = this.itemJson, p = this.presentOf(item), L = lang();
    this.form.replaceChildren();
    this.form.dataset.kind = item.kind;
    if (p?.error) { this.form.append(el('p', { class: 'field-status error' }, t('quiz.brokenItem', { msg: p.error }))); return; }
    if (item.kind === 'numeric') {
      const input = el('input', { type: 'number', id: 'quiz-num', step: 'any', inputMode: 'decimal' });
      if (response?.value != null) input.value = String(response.value);
      this.form.append(el('div', { class: 'field' }, el('label', { for: 'quiz-num' }, t('quiz.yourAnswer')),
        el('div', { class: 'quiz-num-row' }, input, el('span', { class: 'quiz-unit' }, this.unitLabel(p.unit ?? item.unit)))));
    } else if (item.kind === 'choice') {
      const multi = this.isMulti(item);
      const fs = el('fieldset', { class: 'quiz-choices' }, el('legend', {}, t(multi ? 'quiz.chooseAll' : 'quiz.chooseOne')));
      const picked = new Set(response?.choices ?? []);
      for (const ch of p.choices ?? []) {
        const id = `quiz-choice-${ch.id}`;
        const input = el('input', { type: multi ? 'checkbox' : 'radio', name: 'quiz-choice', id, value: ch.id });
        input.checked = picked.has(ch.id);
        const label = el('label', { for: id });
        label.append(renderInline(pick(ch.text, L)));
        fs.append(el('div', { class: 'check' }, input, label));
      }
      this.form.append(fs);
    } else if (item.kind === 'predict') {
      const times = el('input', { type: 'text', id: 'quiz-times', inputMode: 'decimal', spellcheck: false, placeholder: '0, 60, 180', 'aria-describedby': 'quiz-times-hint' });
      times.value = this.marks.map(fmtS).join(', ');
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.id = 'quiz-timeline';
      svg.classList.add('timeline');
      const outcome = el('select', { id: 'quiz-outcome' }, el('option', { value: '' }, t('quiz.pickOutcome')),
        ...OUTCOMES.map((o) => el('option', { value: o }, t('quiz.outcome.' + o))));
      outcome.value = response?.outcome ?? '';
      this.form.append(
        el('div', { class: 'field' }, el('label', { for: 'quiz-times' }, t('quiz.times')), times,
          el('p', { class: 'hint', id: 'quiz-times-hint' }, t('quiz.timesHint'))),
        svg,
        el('div', { class: 'field' }, el('label', { for: 'quiz-outcome' }, t('quiz.outcome')), outcome));
      this.range = niceRange(Math.max(600, parseDuration(item.scenario?.advance) ?? 0, ...this.marks));
      times.addEventListener('input', () => { const v = parseTimes(times.value); if (v) { this.marks = v; this.drawInput(); } times.setAttribute('aria-invalid', String(!v)); });
      svg.addEventListener('click', (e) => this.clickTimeline(e, svg, times));
      this.drawInput();
    } else if (item.kind === 'configure') {
      const chosen = response?.knobs ?? {};
      for (const k of p.knobs ?? item.knobs ?? []) {
        const id = `quiz-knob-${k.name}`;
        let input;
        if (Array.isArray(k.choices)) {
          input = el('select', { id, 'data-knob': k.name }, el('option', { value: '' }, t('quiz.pick')), ...k.choices.map((v) => el('option', { value: JSON.stringify(v) }, String(v))));
          if (chosen[k.name] !== undefined) input.value = JSON.stringify(chosen[k.name]);
        } else {
          input = el('input', { type: 'number', id, 'data-knob': k.name, inputMode: 'numeric', step: 1 });
          if (k.min != null) input.min = k.min;
          if (k.max != null) input.max = k.max;
          if (chosen[k.name] !== undefined) input.value = String(chosen[k.name]);
        }
        const range = k.min != null && k.max != null ? ` (${k.min}–${k.max})` : '';
        this.form.append(el('div', { class: 'field' }, el('label', { for: id }, pick(k.label, L) + range), input));
      }
    }
  }

  unitLabel(unit) { return unit === 's' ? t('quiz.unit.s') : unit === 'attempts' ? t('quiz.unit.attempts') : unit ?? ''; }

  drawInput() {
    const svg = this.form.querySelector('#quiz-timeline');
    if (!svg) return;
    drawTimeline(svg, { range: this.range, marks: this.marks, label: t('quiz.timelineLabel'), minute: (m) => t('quiz.min', { n: m }) });
  }

  // Click on the timeline: a mark near the click is removed, otherwise one is added (whole seconds).
  clickTimeline(e, svg, times) {
    const box = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    const x = ((e.clientX - box.left) / box.width) * vb.width;
    const { pad, width } = svg.__layout ?? { pad: 10, width: vb.width - 20 };
    const s = Math.round(Math.max(0, Math.min(1, (x - pad) / width)) * this.range);
    const near = this.marks.findIndex((m) => Math.abs(m - s) <= this.range * 0.015);
    if (near >= 0) this.marks.splice(near, 1); else this.marks.push(s);
    this.marks.sort((a, b) => a - b);
    times.value = this.marks.map(fmtS).join(', ');
    times.removeAttribute('aria-invalid');
    this.drawInput();
  }

  // Reads the form into the answer JSON of CONTRACT.md §5, or {error} in both languages' current one.
  readAnswer() {
    const item = this.itemJson, f = this.form;
    if (item.kind === 'numeric') {
      const raw = f.querySelector('#quiz-num').value.trim();
      const v = Number(raw);
      if (!raw || !Number.isFinite(v)) return { error: t('quiz.needNumber') };
      return { value: v };
    }
    if (item.kind === 'choice') {
      const picked = [...f.querySelectorAll('input[name=quiz-choice]:checked')].map((i) => i.value);
      if (!picked.length) return { error: t('quiz.needChoice') };
      return { choices: picked };
    }
    if (item.kind === 'predict') {
      const times = parseTimes(f.querySelector('#quiz-times').value);
      if (!times) return { error: t('quiz.needTimes') };
      const outcome = f.querySelector('#quiz-outcome').value;
      if (!outcome) return { error: t('quiz.needOutcome') };
      this.marks = times;
      return { times, outcome };
    }
    if (item.kind === 'configure') {
      const knobs = {};
      for (const input of f.querySelectorAll('[data-knob]')) {
        const name = input.dataset.knob;
        if (input.value === '') return { error: t('quiz.needKnob') };
        const v = input.tagName === 'SELECT' ? JSON.parse(input.value) : Number(input.value);
        if (input.tagName !== 'SELECT' && (!Number.isInteger(v) || (input.min && v < Number(input.min)) || (input.max && v > Number(input.max)))) {
          return { error: t('quiz.knobRange', { min: input.min, max: input.max }) };
        }
        knobs[name] = v;
      }
      return { knobs };
    }
    return { error: 'unknown kind' };
  }

  // [SECTION] Grading
  check() {
    const item = this.itemJson, s = this.setState();
    const answer = this.readAnswer();
    if (answer.error) { this.showInvalid(answer.error); return; }
    const g = this.host.grade(item, s.seed, answer);
    if (!g || g.error) { this.showInvalid(t('quiz.gradeFailed', { msg: g?.error ?? '?' })); return; }
    s.answers[item.id] = { response: answer, correct: !!g.correct, key: g.key };
    this.lastGrade = { itemId: item.id, seed: s.seed, grade: g };
    const tag = `${this.setId}/${item.id}`;
    this.store.missed = this.store.missed.filter((x) => x !== tag);
    if (!g.correct) this.store.missed.push(tag);
    this.save();
    this.host.notify({
      type: 'quizResult', set: this.setId, itemId: item.id, response: answer, key: g.key, success: !!g.correct,
      score: { raw: g.correct ? 1 : 0, max: 1, scaled: g.correct ? 1 : 0 }, verb: VERB,
      object: { id: `${location.origin}${location.pathname}#quiz/${this.setId}/${item.id}` },
    });
    this.render();
    const reveal = s.mode === 'instant' || s.finished;
    this.host.announce(reveal ? t(g.correct ? 'quiz.correct' : 'quiz.wrong') : t('quiz.saved'));
  }

  showInvalid(msg) {
    this.feedback.replaceChildren(el('p', { class: 'field-status error quiz-invalid' }, msg));
    this.feedback.dataset.state = 'invalid';
  }

  finish() {
    const s = this.setState();
    s.finished = true; this.save();
    this.render();
    const { right, total } = this.tally();
    this.host.announce(t('quiz.score', { right, total }));
  }

  tally() {
    const s = this.setState();
    const right = this.items.filter((it) => s.answers[it.id]?.correct).length;
    const answered = this.items.filter((it) => s.answers[it.id]).length;
    return { right, answered, total: this.items.length };
  }

  openInPlayground() {
    const p = this.presentOf(this.itemJson);
    if (!p?.scenario) return;
    const r = this.host.loadScenario(p.scenario, `quiz ${this.setId}/${this.itemJson.id}`);
    this.host.announce(r?.ok ? t('quiz.opened') : pick(r?.error, lang()));
  }

  // [SECTION] Rendering
  render() {
    const L = lang();
    if (!this.set) return;
    const s = this.setState();
    this.setLabel.textContent = t('quiz.set');
    this.setSelect.replaceChildren(...this.ids.map((id) => el('option', { value: id }, pick(this.sets.get(id).title, L) || id)));
    this.setSelect.value = this.setId;
    this.newBtn.textContent = t('quiz.newAttempt');
    this.modeLegend.textContent = t('quiz.mode');
    this.modeInstantLabel.textContent = t('quiz.modeInstant');
    this.modeEndLabel.textContent = t('quiz.modeEnd');
    this.modeInstant.checked = s.mode === 'instant';
    this.modeEnd.checked = s.mode === 'end';
    this.prev.textContent = t('learn.back');
    this.next.textContent = t('learn.next');
    const focused = document.activeElement;
    this.prev.disabled = this.index === 0;
    this.next.disabled = this.index >= this.items.length - 1;
    // A button that becomes disabled under the keyboard hands focus to its neighbour.
    if (focused === this.prev && this.prev.disabled) this.next.focus({ preventScroll: true });
    if (focused === this.next && this.next.disabled) this.prev.focus({ preventScroll: true });
    this.nav.setAttribute('aria-label', t('quiz.nav'));
    this.pos.textContent = t('quiz.itemOf', { n: this.index + 1, total: this.items.length });
    const { right, answered, total } = this.tally();
    const reveal = s.mode === 'instant' || s.finished;
    this.score.textContent = reveal ? t('quiz.score', { right, total }) : t('quiz.answered', { answered, total });
    this.score.dataset.right = String(right);

    const item = this.itemJson, p = this.presentOf(item);
    this.item.dataset.item = item.id;
    this.item.dataset.kind = item.kind;
    this.question.replaceChildren(el('p', { class: 'quiz-topic' }, t('quiz.kind.' + item.kind) + (item.topic ? ` · ${item.topic}` : '')),
      renderMarkup(p?.error ? '' : pick(p?.question, L)));
    this.checkBtn.textContent = reveal ? t('quiz.check') : t('quiz.save');
    this.openBtn.textContent = t('quiz.open');
    this.openBtn.disabled = !p?.scenario;
    this.renderFeedback(reveal);
    this.relabelForm();

    // Summary: score, the finish button (end mode), the missed items of this set.
    this.summaryHeading.textContent = t('quiz.summary');
    this.summaryText.textContent = reveal ? t('quiz.scoreLong', { right, answered, total }) : t('quiz.answeredLong', { answered, total });
    this.finishBtn.hidden = s.mode !== 'end' || s.finished;
    this.finishBtn.textContent = t('quiz.finish');
    const missed = reveal ? this.items.map((it, i) => [it, i]).filter(([it]) => this.store.missed.includes(`${this.setId}/${it.id}`)) : [];
    this.missedHeading.textContent = t('quiz.review');
    this.missedHeading.hidden = !missed.length;
    this.missedList.replaceChildren(...missed.map(([it, i]) => {
      const q = this.presentOf(it);
      const b = el('button', { type: 'button', class: 'btn subtle quiz-review', 'data-item': it.id },
        t('quiz.itemN', { n: i + 1 }) + ': ' + plainText(pick(q?.question, L)).slice(0, 60) + (plainText(pick(q?.question, L)).length > 60 ? '…' : ''));
      b.addEventListener('click', () => this.goItem(i));
      return el('li', {}, b);
    }));
  }

  // Labels inside the form follow the language without losing what was typed.
  relabelForm() {
    const item = this.itemJson, p = this.presentOf(item), L = lang();
    if (item.kind === 'choice') {
      const leg = this.form.querySelector('legend');
      if (leg) leg.textContent = t(this.isMulti(item) ? 'quiz.chooseAll' : 'quiz.chooseOne');
      for (const ch of p?.choices ?? []) {
        const label = this.form.querySelector(`label[for="quiz-choice-${ch.id}"]`);
        if (label) label.replaceChildren(renderInline(pick(ch.text, L)));
      }
    } else if (item.kind === 'predict') {
      const sel = this.form.querySelector('#quiz-outcome');
      if (sel) for (const o of sel.options) o.textContent = o.value ? t('quiz.outcome.' + o.value) : t('quiz.pickOutcome');
      const labels = this.form.querySelectorAll('label');
      if (labels[0]) labels[0].textContent = t('quiz.times');
      if (labels[1]) labels[1].textContent = t('quiz.outcome');
      const hint = this.form.querySelector('#quiz-times-hint');
      if (hint) hint.textContent = t('quiz.timesHint');
      this.drawInput();
    } else if (item.kind === 'numeric') {
      const label = this.form.querySelector('label'); if (label) label.textContent = t('quiz.yourAnswer');
      const unit = this.form.querySelector('.quiz-unit'); if (unit) unit.textContent = this.unitLabel(p?.unit ?? item.unit);
    } else if (item.kind === 'configure') {
      for (const k of p?.knobs ?? item.knobs ?? []) {
        const label = this.form.querySelector(`label[for="quiz-knob-${k.name}"]`);
        const range = k.min != null && k.max != null ? ` (${k.min}–${k.max})` : '';
        if (label) label.textContent = pick(k.label, L) + range;
      }
    }
  }

  renderFeedback(reveal) {
    const item = this.itemJson, s = this.setState(), L = lang();
    const saved = s.answers[item.id];
    this.feedback.replaceChildren();
    delete this.feedback.dataset.state;
    if (!saved) return;
    if (!reveal) { this.feedback.append(el('p', { class: 'hint' }, t('quiz.savedHint'))); this.feedback.dataset.state = 'saved'; return; }
    // The full grade (explanation, attempts) is kept for this visit; after a reload it is
    // recomputed from the stored answer, since the simulator gives the same result.
    let g = this.lastGrade?.itemId === item.id && this.lastGrade.seed === s.seed ? this.lastGrade.grade : null;
    if (!g) { g = this.host.grade(item, s.seed, saved.response); if (g && !g.error) this.lastGrade = { itemId: item.id, seed: s.seed, grade: g }; }
    if (!g || g.error) return;
    const ok = !!g.correct;
    this.feedback.dataset.state = ok ? 'correct' : 'wrong';
    this.feedback.append(el('p', { class: 'quiz-verdict ' + (ok ? 'good' : 'bad'), id: 'quiz-verdict' },
      el('span', { class: 'quiz-icon', 'aria-hidden': 'true' }, ok ? '✓' : '✗'), ' ', t(ok ? 'quiz.correct' : 'quiz.wrong')));
    const keyText = this.formatKey(item, g);
    const keyP = el('p', { class: 'quiz-key', id: 'quiz-key', 'data-key': JSON.stringify(g.key ?? null), 'data-outcome': JSON.stringify(g.key?.outcome ?? g.outcome ?? null) },
      el('strong', {}, t('quiz.keyLabel') + ' '), keyText);
    this.feedback.append(keyP);
    if (!ok) this.feedback.append(el('p', { class: 'quiz-yours' }, el('strong', {}, t('quiz.yoursLabel') + ' '), this.formatResponse(item, saved.response)));
    if (item.kind === 'predict' && !ok) this.feedback.append(this.predictParts(item, g, saved.response));
    if (item.kind === 'predict' && Array.isArray(g.attempts)) this.feedback.append(this.overlay(item, g, saved.response));
    const expl = el('div', { class: 'quiz-expl' });
    expl.append(renderMarkup(pick(g.explanation, L)));
    this.feedback.append(expl);
    if (g.why && item.kind === 'choice') {
      const keySet = new Set(Array.isArray(g.key) ? g.key : [g.key]);
      for (const id of saved.response.choices ?? []) {
        if (keySet.has(id) || !g.why[id]) continue;
        const ch = (this.presentOf(item)?.choices ?? []).find((c) => c.id === id);
        const why = el('div', { class: 'quiz-why' }, el('p', {}, el('strong', {}, t('quiz.whyLabel', { choice: plainText(pick(ch?.text, L)) }))));
        why.append(renderMarkup(pick(g.why[id], L)));
        this.feedback.append(why);
      }
    }
  }

  formatKey(item, g) {
    const L = lang(), key = g.key;
    if (item.kind === 'numeric') return `${fmtS(Number(key))} ${this.unitLabel(this.presentOf(item)?.unit ?? item.unit)}`.trim();
    if (item.kind === 'choice') {
      const ids = Array.isArray(key) ? key : [key];
      const chs = this.presentOf(item)?.choices ?? [];
      return ids.map((id) => plainText(pick(chs.find((c) => c.id === id)?.text, L)) || String(id)).join(' / ');
    }
    if (item.kind === 'predict') {
      // The key is {times, outcome} (or, from an older core, the times with the outcome beside them).
      const list = Array.isArray(key) ? key : key?.times;
      const times = Array.isArray(list) ? list.map((x) => fmtS(x) + t('quiz.unit.sShort')).join(', ') : JSON.stringify(key);
      return `${times} → ${t('quiz.outcome.' + (key?.outcome ?? g.outcome))}`;
    }
    if (item.kind === 'configure') {
      const combos = Array.isArray(key) ? key : [];
      const fmt = (c) => Object.entries(c).map(([k, v]) => `${k}=${v}`).join(', ');
      return combos.slice(0, 4).map(fmt).join(' | ') + (combos.length > 4 ? ` … (+${combos.length - 4})` : '');
    }
    return JSON.stringify(key);
  }

  formatResponse(item, r) {
    const L = lang();
    if (item.kind === 'numeric') return String(r.value);
    if (item.kind === 'choice') return (r.choices ?? []).map((id) => plainText(pick((this.presentOf(item)?.choices ?? []).find((c) => c.id === id)?.text, L)) || id).join(' / ');
    if (item.kind === 'predict') return `${(r.times ?? []).map((x) => fmtS(x) + t('quiz.unit.sShort')).join(', ') || '—'} → ${t('quiz.outcome.' + r.outcome)}`;
    if (item.kind === 'configure') return Object.entries(r.knobs ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
    return JSON.stringify(r);
  }

  // Which part of a wrong prediction was off: the times (count, then each within tolerance) or
  // the outcome. Compares the learner's answer with the key the simulator returned.
  predictParts(item, g, r) {
    const keyTimes = Array.isArray(g.key) ? g.key : g.key?.times ?? [];
    const keyOutcome = g.key?.outcome ?? g.outcome;
    const tol = Number(item.tolerance ?? 5);
    const times = r.times ?? [];
    let timesMsg;
    if (times.length !== keyTimes.length) timesMsg = t('quiz.partCount', { n: keyTimes.length, yours: times.length });
    else {
      const off = times.map((x, i) => Math.abs(x - keyTimes[i]) > tol ? i + 1 : 0).filter(Boolean);
      timesMsg = off.length ? t('quiz.partOff', { list: off.map((n) => '#' + n).join(', '), tol }) : t('quiz.partTimesOk');
    }
    const outcomeOk = r.outcome === keyOutcome;
    return el('ul', { class: 'quiz-parts' },
      el('li', { 'data-ok': String(timesMsg === t('quiz.partTimesOk')) }, timesMsg),
      el('li', { 'data-ok': String(outcomeOk) }, outcomeOk ? t('quiz.partOutcomeOk') : t('quiz.partOutcomeOff')));
  }

  // The learner's marks over the real attempts, with the tolerance band around each real start.
  overlay(item, g, response) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.id = 'quiz-overlay';
    svg.classList.add('timeline', 'quiz-overlay');
    const ends = g.attempts.map((a) => Number(a.endS ?? a.startS) || 0);
    // Scaled to what there is to see (the real attempts and the marks), not to the input axis.
    const range = niceRange(Math.max(60, ...ends, ...(response.times ?? [])) * 1.1);
    drawTimeline(svg, {
      range, marks: response.times ?? [], attempts: g.attempts, tolerance: Number(item.tolerance ?? g.tolerance ?? 5),
      label: t('quiz.overlayLabel'), minute: (m) => t('quiz.min', { n: m }),
      outcomeLabel: (o) => t('quiz.attemptOutcome.' + o) === 'quiz.attemptOutcome.' + o ? String(o) : t('quiz.attemptOutcome.' + o),
      rows: [t('quiz.rowReal'), t('quiz.rowYours')],
    });
    const legend = el('p', { class: 'hint quiz-legend' },
      el('span', { class: 'lg lg-ok' }, '■'), ' ', t('quiz.legendOk'), ' ',
      el('span', { class: 'lg lg-bad' }, '■'), ' ', t('quiz.legendBad'), ' ',
      el('span', { class: 'lg lg-mark' }, '▲'), ' ', t('quiz.legendMark'), ' ',
      el('span', { class: 'lg lg-tol' }, '▮'), ' ', t('quiz.legendTol', { s: Number(item.tolerance ?? 5) }));
    return el('figure', { class: 'quiz-figure' }, svg, el('figcaption', {}, legend));
  }
}

// Inline markup (code, bold) of a one-line text, as a fragment without the paragraph around it.
function renderInline(text) {
  const frag = renderMarkup(text);
  const p = frag.firstElementChild;
  if (p && p.tagName === 'P' && frag.childElementCount === 1) {
    const out = document.createDocumentFragment();
    out.append(...p.childNodes);
    return out;
  }
  return frag;
}
