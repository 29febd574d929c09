// The learning side of the page: share links and ?scenario= (CONTRACT.md §2, §7), the page
// alert, the Lessons | Quiz tabs, and the lazy start of the lesson player and quiz panel.
//
// Only this small module is loaded before the first frame. lessons.js, quiz.js and every
// content file are fetched after it (boot() runs once the app has drawn), so the first
// frame never waits for learning material.
//
// URL:  #s=FRAGMENT      a share link: the session replayed, paused at its moment
//       ?scenario=NAME   content/scenarios/NAME.txt loaded into the world
//       ?lesson=ID       the lesson player opens lesson ID (at the learner's step if it is theirs)
//       ?quiz=SET        the quiz tab opens on set SET
// Anything unknown, malformed or too long leaves the default world and shows a message.

import { t, lang, onLangChange } from './i18n.js';
import { pick, fetchContent } from './markup.js';

const NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const MAX_FRAGMENT = 24000;
const $ = (id) => document.getElementById(id);

// Both languages of one i18n key, for messages that must follow a later language switch.
const both = (key, params = {}) => ({ ko: t(key, params, 'ko'), en: t(key, params, 'en') });

export class Learn {
  // api: { run, loadScenario(text, pause), loadShare(fragment, pause), shareFragment(), check(spec, since),
  //        traceSize(), quizPresent(item, seed), quizGrade(item, seed, answer), state(), echo(text),
  //        announce(text), notify(msg), hasLearnExports() }
  constructor(api, { embedded, params }) {
    this.api = api; this.embedded = embedded; this.params = params;
    this.player = null; this.quiz = null;
    this.scenarioCache = new Map();
    this.alertMsg = null;
    this.setupAlert();
    this.setupShare();
    this.setupTabs();
    onLangChange(() => this.renderAlert());
    // A share link pasted into the address bar of an open page changes only the hash.
    this.booted = false;
    window.addEventListener('hashchange', () => { if (this.booted && location.hash.startsWith('#s=')) this.openShareHash(); });
    // Embedded pages show the side panel only when they were asked for a lesson or a quiz.
    if (embedded && (params.get('lesson') || params.get('quiz'))) document.body.classList.add('embed-learn');
  }

  // [SECTION] Alert: one visible, dismissible message at a time; {ko, en} so it follows the language.
  setupAlert() {
    $('page-alert-close').addEventListener('click', () => this.dismissAlert());
  }
  alert(msg) {
    this.alertMsg = typeof msg === 'string' ? { ko: msg, en: msg } : msg;
    this.renderAlert();
  }
  renderAlert() {
    const box = $('page-alert');
    box.hidden = !this.alertMsg;
    if (this.alertMsg) $('page-alert-text').textContent = pick(this.alertMsg, lang());
  }
  dismissAlert() { this.alertMsg = null; this.renderAlert(); }

  // [SECTION] Share: the session as a link, copied to the clipboard, shown in a field either way.
  setupShare() {
    $('btn-share').addEventListener('click', () => this.share());
    $('share-close').addEventListener('click', () => { $('share-box').hidden = true; $('btn-share').focus(); });
    $('share-copy').addEventListener('click', () => this.copyShare());
    $('share-url').addEventListener('focus', (e) => e.target.select());
  }
  shareUrl() {
    const fragment = this.api.shareFragment();
    if (fragment == null) return { error: both('share.unavailable') };
    if (fragment.length > MAX_FRAGMENT) return { error: both('share.tooLong', { n: fragment.length, max: MAX_FRAGMENT }) };
    return { url: location.origin + location.pathname + '#s=' + fragment };
  }
  async share() {
    const { url, error } = this.shareUrl();
    if (error) { this.alert(error); this.api.announce(pick(error, lang())); return; }
    const box = $('share-box'), field = $('share-url');
    field.value = url;
    box.hidden = false;
    await this.copyShare();
  }
  async copyShare() {
    const field = $('share-url'), status = $('share-status');
    let copied = false;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch { copied = false; }
    const msg = t(copied ? 'share.copied' : 'share.copyYourself');
    status.textContent = msg;
    status.dataset.copied = String(copied);
    this.api.announce(msg);
    field.focus(); field.select();
  }

  // [SECTION] Tabs: Lessons | Quiz (arrow keys move between them, as in any tab list).
  setupTabs() {
    this.tabs = [$('tab-lessons'), $('tab-quiz')];
    this.tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => this.selectTab(i === 0 ? 'lessons' : 'quiz'));
      tab.addEventListener('keydown', (e) => {
        if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
        const other = this.tabs[1 - i];
        other.focus(); other.click(); e.preventDefault();
      });
    });
  }
  async selectTab(which) {
    const quiz = which === 'quiz';
    this.tabs[0].setAttribute('aria-selected', String(!quiz));
    this.tabs[1].setAttribute('aria-selected', String(quiz));
    this.tabs[0].tabIndex = quiz ? -1 : 0;
    this.tabs[1].tabIndex = quiz ? 0 : -1;
    $('lesson-panel').hidden = quiz;
    $('quiz-panel').hidden = !quiz;
    if (quiz) await this.ensureQuiz();
    else if (!this.player?.current) await this.startPlayer();
  }

  // [SECTION] Scenarios
  async scenarioText(name) {
    if (!NAME_RE.test(String(name))) { const e = new Error('bad name'); e.msg = both('learn.badScenarioName', { name: String(name).slice(0, 80) }); throw e; }
    if (this.scenarioCache.has(name)) return this.scenarioCache.get(name);
    try {
      const text = await fetchContent(`content/scenarios/${name}.txt`, 'text');
      await this.api.prepareText?.(text);          // a scenario that deploys code needs Python first
      this.scenarioCache.set(name, text);
      return text;
    } catch (err) {
      const e = new Error('fetch'); e.msg = err.status === 404 ? both('learn.unknownScenario', { name }) : both('learn.scenarioFetch', { name }); throw e;
    }
  }
  // Loads a scenario by name or text into the world; {ok} or {ok:false, error:{ko,en}}.
  async loadScenario({ name, text, pause = 0 } = {}) {
    try {
      if (text == null) text = await this.scenarioText(name);
      else await this.api.prepareText?.(String(text));
    } catch (e) { return { ok: false, error: e.msg ?? both('learn.scenarioFetch', { name }) }; }
    const r = this.api.loadScenario(String(text), pause, name || 'scenario');
    if (r.ok) this.player?.rebase();
    return r;
  }

  // [SECTION] Boot: runs once the first frame is drawn. Resolves when the world and the
  // panels are as the URL asked (tests and embeds wait for it).
  async boot() {
    let keepWorld = false;
    const hash = location.hash;
    const scenario = this.params.get('scenario');
    if (hash.startsWith('#s=')) {
      keepWorld = this.openShareHash();
    } else if (scenario != null) {
      const r = await this.loadScenario({ name: scenario });
      if (r.ok) keepWorld = true;
      else this.alert(r.error);
    }

    const askedLesson = this.params.get('lesson');
    // #quiz/SET/ITEM is the address a quizResult names (its xAPI object id): it opens that item.
    const quizHash = hash.match(/^#quiz\/([a-z0-9-]+)(?:\/([A-Za-z0-9_.-]+))?$/);
    const askedQuiz = this.params.get('quiz') ?? quizHash?.[1] ?? null;
    if (!this.embedded || askedLesson) await this.startPlayer(askedLesson, keepWorld);
    if (askedQuiz) {
      await this.selectTab('quiz');
      const r = await this.quiz?.openSet(askedQuiz, quizHash?.[2]);
      if (r && !r.ok) this.alert(r.error);
    }
    this.booted = true;
  }

  // Opens the lesson player where the learner is: the asked lesson, else the stored one, else
  // lesson 1. keepWorld: the world was set up by a link, so the step only starts counting.
  async startPlayer(askedLesson = null, keepWorld = false) {
    await this.ensurePlayer();
    if (!this.player.ids.length || this.player.current) return;
    const p = this.player.progress;
    let id = askedLesson ?? p.lesson ?? this.player.ids[0];
    if (!this.player.has(id)) {
      if (askedLesson) this.alert(both('learn.unknownLesson', { id: String(askedLesson).slice(0, 80) }));
      id = this.player.ids[0];
    }
    const step = id === p.lesson ? p.step : 0;
    // A first visit at the very start of a lesson with no scenario needs no rebuild: the world is fresh.
    const fresh = step === 0 && !this.player.lessons.get(id).steps[0].scenario && p.lesson == null;
    await this.player.open(id, step, keepWorld || fresh ? 'keep' : 'rebuild');
  }

  // Loads the share link in location.hash (paused); false (and a message) when it cannot.
  openShareHash() {
    const fragment = location.hash.slice(3);
    if (fragment.length > MAX_FRAGMENT) { this.alert(both('learn.linkTooLong', { n: fragment.length, max: MAX_FRAGMENT })); return false; }
    const r = this.api.loadShare(fragment, 1);
    if (!r.ok) { this.alert(this.withPrefix('learn.badLink', r.error)); return false; }
    this.dismissAlert();
    this.player?.rebase();
    return true;
  }

  withPrefix(key, error) {
    return { ko: t(key, {}, 'ko') + ' ' + pick(error, 'ko'), en: t(key, {}, 'en') + ' ' + pick(error, 'en') };
  }

  async ensurePlayer() {
    if (this.player) return this.player;
    const { LessonPlayer } = await import('./lessons.js');
    $('lesson-panel').replaceChildren();
    this.player = new LessonPlayer($('lesson-panel'), {
      run: (line, source) => this.api.run(line, source),
      loadScenario: (text, pause, label) => this.api.loadScenario(text, pause, label),
      check: (spec, since) => this.api.check(spec, since),
      traceSize: () => this.api.traceSize(),
      announce: (s) => this.api.announce(s),
      notify: (m) => this.api.notify(m),
      scenarioText: (name) => this.scenarioText(name).catch((e) => { throw new Error(pick(e.msg, lang()) || e.message); }),
      alert: (m) => this.alert(m),
      handlerText: (file) => fetchContent(`content/handlers/${file}`, 'text'),
      prepareCode: () => this.api.prepareCode?.() ?? Promise.reject(new Error('no Python runtime in this page')),
    });
    await this.player.load();
    return this.player;
  }

  async ensureQuiz() {
    if (this.quiz) return this.quiz;
    if (!this.quizLoading) {
      this.quizLoading = (async () => {
        const { QuizPanel } = await import('./quiz.js');
        const q = new QuizPanel($('quiz-panel'), {
          present: (item, seed) => this.api.quizPresent(item, seed),
          grade: (item, seed, answer) => this.api.quizGrade(item, seed, answer),
          loadScenario: (text, label) => { const r = this.api.loadScenario(text, 0, label); if (r.ok) this.player?.rebase(); return r; },
          announce: (s) => this.api.announce(s),
          notify: (m) => this.api.notify(m),
        });
        await q.load();
        this.quiz = q;
        return q;
      })();
    }
    return this.quizLoading;
  }

  // Called after every command and on the page's 200 ms poll.
  poll() { this.player?.poll(); }

  // [SECTION] Embed requests (embed.js): each resolves to {ok, result|error}.
  async embedLoadScenario(m) {
    const r = await this.loadScenario({ name: m.name, text: m.text, pause: m.pause ? 1 : 0 });
    return r.ok ? { ok: true, result: { traceSize: this.api.traceSize() } } : { ok: false, error: pick(r.error, 'en'), errorKo: pick(r.error, 'ko') };
  }
  // The lesson is `lesson` when given, else `id` (CONTRACT.md §7 names it id, which is also the
  // envelope's reply id: a parent that correlates replies sends lesson: ID and its own id).
  async embedLoadLesson(m) {
    const id = String(m.lesson ?? m.id);
    document.body.classList.add('embed-learn');
    await this.selectTab('lessons');
    const p = await this.ensurePlayer();
    if (!p.has(id)) return { ok: false, error: t('learn.unknownLesson', { id }, 'en') };
    const steps = p.lessons.get(id).steps;
    let step = 0;
    if (typeof m.step === 'string') step = Math.max(0, steps.findIndex((s) => s.id === m.step));
    else if (Number.isInteger(m.step)) step = m.step;
    const r = await p.open(id, step, 'rebuild');
    return r.ok ? { ok: true, result: p.describe() } : { ok: false, error: pick(r.error, 'en') };
  }
  async embedLoadQuiz(m) {
    document.body.classList.add('embed-learn');
    await this.selectTab('quiz');
    const q = await this.ensureQuiz();
    const r = await q.openSet(String(m.set));
    return r.ok ? { ok: true, result: { set: String(m.set) } } : { ok: false, error: pick(r.error, 'en') };
  }
}
