// The lesson player: a list of lessons, one step at a time, a live check mark per step.
//
// Loaded after the first frame (learn.js imports it), with the lesson files it reads
// (content/lessons/index.json and each content/lessons/ID.json, CONTRACT.md §4).
//
// A step is *entered*: its scenario (if any) is loaded into the world, then the trace size
// is remembered as `since`, so the step's check only sees what the learner did during it.
// Going forward with Next carries the world on; anything else (Back, a jump from the list,
// a reload, an embed request) rebuilds it: the scenario of the nearest step at or before the
// target that has one, then the `do` lines (and `advance`) of the steps in between, run
// through the terminal so the learner sees how the world got there.
//
// Progress lives in localStorage under PROGRESS_KEY:
//   {"lesson": ID, "step": N (0-based), "done": {ID: [stepId, …]}}

import { t, lang, onLangChange } from './i18n.js';
import { renderMarkup, plainText, pick, loadJson, saveJson, fetchContent } from './markup.js';
import { deployLines } from './deploy-lines.js';

export const PROGRESS_KEY = 'invokelab.progress.v1';
const NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const HANDLER_RE = /^[a-z0-9][a-z0-9-]{0,63}\.py$/;     // a file in content/handlers/

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k === 'i18n') e.dataset.i18n = v;
    else if (k.startsWith('aria-') || k === 'role' || k === 'type' || k === 'for') e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

export class LessonPlayer {
  // host: { run(line, source), loadScenario(text, pause, label) -> {ok, error}, check(spec, since),
  //         traceSize(), announce(text), notify(msg), scenarioText(name) -> Promise<string>, alert(msg),
  //         handlerText(file) -> Promise<string>, prepareCode() -> Promise (the Python runtime running) }
  constructor(root, host) {
    this.root = root; this.host = host;
    this.ids = []; this.lessons = new Map();
    this.progress = this.readProgress();
    this.current = null;            // { lesson, index, since, passed }
    this.gen = 0;                   // bumps on every enter, so a slow one never overrides a newer one
    this.build();
    onLangChange(() => this.render());
  }

  readProgress() {
    const p = loadJson(PROGRESS_KEY, {});
    return {
      lesson: typeof p.lesson === 'string' ? p.lesson : null,
      step: Number.isInteger(p.step) && p.step >= 0 ? p.step : 0,
      done: p.done && typeof p.done === 'object' ? p.done : {},
    };
  }
  saveProgress() { saveJson(PROGRESS_KEY, this.progress); }

  // [SECTION] DOM
  build() {
    const r = this.root;
    r.replaceChildren();
    this.listView = el('div', { class: 'lesson-list-view', hidden: true });
    this.listHeading = el('h3', { class: 'lesson-title', id: 'lesson-list-heading' });
    this.list = el('ol', { class: 'lesson-list', 'aria-labelledby': 'lesson-list-heading' });
    this.listView.append(this.listHeading, this.list);

    this.stepView = el('div', { class: 'lesson-step-view', hidden: true });
    this.toList = el('button', { type: 'button', class: 'btn subtle lesson-to-list', id: 'lesson-to-list' });
    this.title = el('h3', { class: 'lesson-title', id: 'lesson-title' });
    const head = el('div', { class: 'lesson-head' }, this.toList, this.title);
    this.back = el('button', { type: 'button', class: 'btn', id: 'lesson-back' });
    this.next = el('button', { type: 'button', class: 'btn primary', id: 'lesson-next' });
    this.show = el('button', { type: 'button', class: 'btn', id: 'lesson-show' });
    this.pos = el('span', { class: 'lesson-pos', id: 'lesson-pos' });
    this.nav = el('div', { class: 'lesson-nav', role: 'group' }, this.back, this.next, this.show);
    this.bar = el('progress', { class: 'lesson-bar', id: 'lesson-bar' });
    const where = el('div', { class: 'lesson-where' }, this.bar, this.pos);
    this.check = el('span', { class: 'step-check', id: 'step-check' });
    this.stepTitle = el('h4', { class: 'step-title', id: 'step-title' });
    const status = el('div', { class: 'step-status' }, this.check, this.stepTitle);
    this.text = el('div', { class: 'step-text', id: 'step-text', tabIndex: -1 });
    this.cmds = el('details', { class: 'step-cmds' });
    this.cmdsSummary = el('summary');
    this.cmdsPre = el('pre');
    this.cmds.append(this.cmdsSummary, this.cmdsPre);
    this.error = el('p', { class: 'field-status error', id: 'step-error', role: 'status' });
    this.stepView.append(head, this.nav, where, status, this.text, this.cmds, this.error);
    this.status = el('p', { class: 'hint', id: 'lesson-loading' });
    r.append(this.status, this.listView, this.stepView);

    this.toList.addEventListener('click', () => this.showList());
    this.back.addEventListener('click', () => this.go(-1));
    this.next.addEventListener('click', () => this.go(+1));
    this.show.addEventListener('click', () => this.showMe());
    this.status.textContent = t('learn.loading');
  }

  // [SECTION] Loading
  async load() {
    try {
      const index = await fetchContent('content/lessons/index.json');
      const ids = (Array.isArray(index?.lessons) ? index.lessons : []).filter((id) => typeof id === 'string' && NAME_RE.test(id));
      const files = await Promise.all(ids.map((id) => fetchContent(`content/lessons/${id}.json`).catch(() => null)));
      ids.forEach((id, i) => { if (files[i] && Array.isArray(files[i].steps) && files[i].steps.length) this.lessons.set(id, files[i]); });
      this.ids = ids.filter((id) => this.lessons.has(id));
      if (!this.ids.length) throw new Error('no lessons');
      this.status.hidden = true;
      return true;
    } catch (e) {
      this.status.textContent = t('learn.loadFailed');
      this.status.hidden = false;
      console.warn('lessons:', e);
      return false;
    }
  }

  has(id) { return this.lessons.has(id); }

  // [SECTION] Progress helpers
  doneSet(id) { return new Set(Array.isArray(this.progress.done[id]) ? this.progress.done[id] : []); }
  markDone(id, step) {
    const set = this.doneSet(id);
    if (set.has(step.id)) return false;
    set.add(step.id);
    this.progress.done[id] = [...set];
    this.saveProgress();
    return true;
  }
  lessonComplete(id) {
    const l = this.lessons.get(id);
    if (!l) return false;
    const set = this.doneSet(id);
    return l.steps.every((s) => set.has(s.id));
  }

  // [SECTION] Entering steps
  // Opens `id` at step `index`. mode: "rebuild" (default: world made to match the step),
  // "carry" (the world goes on; used by Next), "keep" (nothing touched: a share link or
  // ?scenario= already set the world up).
  async open(id, index = 0, mode = 'rebuild') {
    const lesson = this.lessons.get(id);
    if (!lesson) return { ok: false, error: { ko: t('learn.unknownLesson', { id }, 'ko'), en: t('learn.unknownLesson', { id }, 'en') } };
    index = Math.max(0, Math.min(lesson.steps.length - 1, Number(index) | 0));
    const gen = ++this.gen;
    this.current = { id, lesson, index, since: this.host.traceSize(), passed: false, entering: true };
    this.progress.lesson = id; this.progress.step = index; this.saveProgress();
    this.showStep();
    this.stepView.setAttribute('aria-busy', 'true');      // until the step's world is ready
    this.errorMsg = null;
    this.error.textContent = '';
    let result = { ok: true };
    try {
      if (mode === 'carry') result = await this.loadStepScenario(lesson.steps[index]);
      else if (mode === 'rebuild') result = await this.rebuild(lesson, index);
    } catch (e) {
      result = { ok: false, error: { en: String(e?.message ?? e), ko: String(e?.message ?? e) } };
    }
    if (gen !== this.gen) return result;   // a newer step was entered meanwhile
    if (!result.ok) this.errorMsg = result.error;   // shown by render(), in the current language
    this.current.since = this.host.traceSize();
    this.current.entering = false;
    this.stepView.setAttribute('aria-busy', 'false');
    const step = lesson.steps[index];
    if (!step.check) { this.markDone(id, step); this.current.passed = true; }
    this.render();
    this.poll();
    return result;
  }

  async loadStepScenario(step) {
    if (!step.scenario) return { ok: true };
    if (!NAME_RE.test(step.scenario)) return { ok: false, error: { en: `bad scenario name ${step.scenario}`, ko: `잘못된 시나리오 이름 ${step.scenario}` } };
    const text = await this.host.scenarioText(step.scenario);
    return this.host.loadScenario(text, 0, step.scenario);
  }

  async rebuild(lesson, index) {
    let k = index;
    while (k >= 0 && !lesson.steps[k].scenario) k--;
    let result = { ok: true };
    if (k >= 0) result = await this.loadStepScenario(lesson.steps[k]);
    else { result = this.host.loadScenario('', 0, lesson.id); k = 0; }
    if (!result.ok) return result;
    for (let j = k; j < index; j++) {
      const r = await this.runReference(lesson.steps[j]);
      if (!r.ok) return r;
    }
    return result;
  }

  // The step's reference path: its `deploy` (the code editor's three lines for that handler
  // file, once the Python runtime runs, so the lines after it run the new code), its `do`
  // lines, then `lab advance <advance>`.
  async runReference(step) {
    if (step.deploy) {
      const file = String(step.deploy);
      if (!HANDLER_RE.test(file)) return { ok: false, error: { en: `bad handler file ${file}`, ko: `잘못된 핸들러 파일 ${file}` } };
      let text;
      try {
        [text] = await Promise.all([this.host.handlerText(file), this.host.prepareCode()]);
      } catch (e) {
        const msg = String(e?.message ?? e);
        return { ok: false, error: { en: t('learn.deployFailed', { file, msg }, 'en'), ko: t('learn.deployFailed', { file, msg }, 'ko') } };
      }
      for (const line of deployLines('demo-lambda', text)) this.host.run(line, 'lesson');
    }
    for (const line of Array.isArray(step.do) ? step.do : []) this.host.run(String(line), 'lesson');
    if (step.advance) this.host.run(`lab advance ${step.advance}`, 'lesson');
    return { ok: true };
  }

  async go(delta) {
    const c = this.current;
    if (!c) return;
    const target = c.index + delta;
    if (target >= c.lesson.steps.length) {
      // Past the last step: the next lesson, from its start.
      const at = this.ids.indexOf(c.id);
      if (at >= 0 && at + 1 < this.ids.length) { await this.open(this.ids[at + 1], 0, 'rebuild'); this.announceStep(); }
      else this.showList();
      return;
    }
    if (target < 0) return;
    await this.open(c.id, target, delta > 0 ? 'carry' : 'rebuild');
    // Focus stays on the button (pressing Next again goes on); the new step is announced.
    this.announceStep();
  }

  announceStep() {
    const c = this.current;
    if (!c) return;
    this.host.announce(`${t('learn.stepOf', { n: c.index + 1, total: c.lesson.steps.length })}: ${plainText(pick(c.lesson.steps[c.index].title, lang()))}`);
  }

  focusText() { this.text.focus({ preventScroll: true }); }

  async showMe() {
    const c = this.current;
    if (!c || c.entering || c.showing) return;
    c.showing = true;
    this.stepView.setAttribute('aria-busy', 'true');      // a deploy waits for the Python runtime
    try {
      const r = await this.runReference(c.lesson.steps[c.index]);
      if (c !== this.current) return;
      this.errorMsg = r.ok ? null : r.error;
      if (!r.ok) this.render();
    } finally {
      c.showing = false;
      if (c === this.current) this.stepView.setAttribute('aria-busy', 'false');
    }
    this.poll();
  }

  // The world was replaced from outside the player (a quiz item opened in the playground, an
  // embed's loadScenario, a pasted share link): the step counts from here, not from before.
  rebase() {
    const c = this.current;
    if (c && !c.entering) c.since = this.host.traceSize();
  }

  // Called after every command and on the page's 200 ms poll.
  poll() {
    const c = this.current;
    if (!c || c.entering || c.passed) return;
    const step = c.lesson.steps[c.index];
    if (!step.check) return;
    const size = this.host.traceSize();
    if (size < c.since) c.since = 0;     // the world was reset under us: count from its start
    const r = this.host.check(step.check, c.since);
    if (r?.error) { this.error.textContent = t('learn.checkBroken', { msg: r.error }); return; }
    if (!r?.passed) return;
    c.passed = true;
    this.markDone(c.id, step);
    this.render();
    this.host.announce(t('learn.stepDone', { n: c.index + 1 }));
    this.host.notify({ type: 'lessonProgress', id: c.id, step: c.index, stepId: step.id, completed: this.lessonComplete(c.id) });
  }

  // [SECTION] Views
  showList() {
    this.listView.hidden = false; this.stepView.hidden = true;
    this.renderList();
    this.list.querySelector('button')?.focus({ preventScroll: true });
  }
  showStep() { this.listView.hidden = true; this.stepView.hidden = false; this.render(); }

  renderList() {
    const L = lang();
    this.listHeading.textContent = t('learn.lessonList');
    this.list.replaceChildren();
    this.ids.forEach((id, i) => {
      const l = this.lessons.get(id);
      const done = l.steps.filter((s) => this.doneSet(id).has(s.id)).length;
      const complete = done === l.steps.length;
      const meta = t('learn.lessonMeta', { steps: l.steps.length, min: l.minutes ?? '?', done, total: l.steps.length });
      const btn = el('button', { type: 'button', class: 'lesson-item' + (this.current?.id === id ? ' current' : '') },
        el('span', { class: 'li-title' }, `${i + 1}. ${pick(l.title, L)}`),
        el('span', { class: 'li-meta' }, meta + (complete ? ' · ' + t('learn.complete') : '')));
      btn.dataset.id = id;
      btn.dataset.done = String(done);
      if (this.current?.id === id) btn.setAttribute('aria-current', 'true');
      btn.addEventListener('click', async () => {
        // Back where the learner was in this lesson, else its first step not done yet.
        const set = this.doneSet(id);
        const firstOpen = Math.max(0, l.steps.findIndex((s) => !set.has(s.id)));
        await this.open(id, this.current?.id === id ? this.current.index : firstOpen, 'rebuild');
        this.focusText();
      });
      this.list.append(el('li', {}, btn));
    });
  }

  render() {
    if (!this.listView.hidden) { this.renderList(); }
    const c = this.current;
    this.toList.textContent = t('learn.toList');
    this.back.textContent = t('learn.back');
    this.show.textContent = t('learn.showMe');
    this.status.textContent = t(this.ids.length ? 'learn.loading' : 'learn.loadFailed');
    this.nav.setAttribute('aria-label', t('learn.stepNav'));
    this.cmdsSummary.textContent = t('learn.commands');
    if (!c) return;
    const L = lang();
    const step = c.lesson.steps[c.index];
    const n = c.lesson.steps.length;
    const last = c.index === n - 1;
    const at = this.ids.indexOf(c.id);
    this.title.textContent = pick(c.lesson.title, L);
    this.next.textContent = last ? (at + 1 < this.ids.length ? t('learn.nextLesson') : t('learn.finish')) : t('learn.next');
    // A button that becomes disabled under the keyboard hands focus to its neighbour.
    const backHadFocus = document.activeElement === this.back;
    this.back.disabled = c.index === 0;
    if (this.back.disabled && backHadFocus) this.next.focus({ preventScroll: true });
    this.pos.textContent = t('learn.stepOf', { n: c.index + 1, total: n });
    this.bar.max = n; this.bar.value = this.doneSet(c.id).size;
    this.bar.setAttribute('aria-label', t('learn.progress', { done: this.doneSet(c.id).size, total: n }));
    this.stepTitle.textContent = pick(step.title, L);
    // "earlier": done on a previous visit, not yet again in this world (the live check still runs).
    const state = !step.check ? 'reading' : c.passed ? 'done' : this.doneSet(c.id).has(step.id) ? 'earlier' : 'pending';
    this.check.dataset.state = state;
    this.check.textContent = {
      done: '✓ ' + t('learn.checkDone'), reading: '✓ ' + t('learn.checkReading'),
      earlier: '✓ ' + t('learn.checkEarlier'), pending: '○ ' + t('learn.checkPending'),
    }[state];
    if (this.errorMsg) this.error.textContent = pick(this.errorMsg, L);
    this.text.replaceChildren(renderMarkup(pick(step.text, L)));
    const lines = [...(step.deploy ? [`# ${t('learn.deployLine', { file: String(step.deploy) })}`] : []),
      ...(Array.isArray(step.do) ? step.do : []), ...(step.advance ? [`lab advance ${step.advance}`] : [])];
    this.cmds.hidden = lines.length === 0;
    this.show.disabled = lines.length === 0;
    this.cmdsPre.textContent = lines.join('\n');
    this.stepView.dataset.lesson = c.id;
    this.stepView.dataset.step = String(c.index);
  }

  // Plain text of the current step (for tests and announcements).
  describe() {
    const c = this.current;
    return c && { id: c.id, step: c.index, stepId: c.lesson.steps[c.index].id, passed: c.passed, since: c.since, title: plainText(pick(c.lesson.steps[c.index].title, lang())) };
  }
}
