// Narration: turns new trace entries into short sentences, shown in the progress log and
// spoken by screen readers through an aria-live="polite" region. The canvas is invisible
// to assistive technology; this is how its story reaches everyone.
//
// The trace kinds are those documented in core/sim/trace.h. Unknown kinds stay silent.

import { t, duration } from './i18n.js';

const KEEP = 200;                  // entries kept for the visible log (re-rendered on language change)
const ANNOUNCE_EVERY_MS = 1000;    // batch announcements so fast playback does not flood a screen reader

export function shortId(rid) { return rid ? rid.slice(0, 8) + '…' : '?'; }

// Virtual time as the canvas shows it: +HH:MM:SS.mmm since the scenario's start.
export function clock(ms) {
  const s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return `+${two(h)}:${two(m)}:${two(sec)}.${String(ms % 1000).padStart(3, '0')}`;
}

// Colour hint for the log line: what went wrong is red, a success green, the DLQ stands out.
function tone(e) {
  const outcome = e.detail?.outcome;
  if (e.kind === 'attempt.end') return outcome === 'success' ? 'good' : 'bad';
  if (e.kind === 'dlq.sent' || e.kind === 'destination.sent') return 'dlq';
  if (e.kind === 'async.duplicated') return 'dup';
  if (/^(async\.(failed|expired|discarded)|dlq\.failed|destination\.failed|invoke\.rejected)$/.test(e.kind)) return 'bad';
  if (e.kind === 'invoke.sync') return e.detail?.functionError ? 'bad' : 'good';
  return '';
}

function targetName(arn) { return arn ? String(arn).split(':').pop() : ''; }

export class Narrator {
  constructor({ live, list, empty }) {
    this.live = live; this.list = list; this.empty = empty;
    this.next = 0;                  // next trace index to read
    this.attemptNo = new Map();     // requestId -> last attempt number seen
    this.kept = [];                 // [{entry, n}] narrated entries, newest last
    this.pending = []; this.lastAnnounce = 0; this.timer = null;
  }

  // Builds the sentence for one entry, or null for kinds we do not narrate.
  sentence(e, n) {
    const d = e.detail || {};
    const rid = shortId(e.requestId);
    switch (e.kind) {
      case 'world.reset': return t('n.reset');
      case 'invoke.sync': return t('n.sync', { rid, status: d.status ?? '', err: d.functionError ? t('n.syncErr') : '' });
      case 'invoke.rejected': return t('n.rejected', { status: d.status ?? '', code: d.code ?? '' });
      case 'async.accepted': return t('n.accepted', { rid });
      case 'async.duplicated': return d.deliverAt == null ? null : t('n.duplicated', { rid, delay: duration(d.deliverAt - e.t) });
      case 'attempt.start': return t('n.start', { rid, n });
      case 'attempt.end': {
        const outcome = d.outcome || '';
        if (outcome === 'success') return t('n.ok', { rid, n });
        if (outcome === 'timeout') return t('n.timeout', { rid, n });
        return t('n.fail', { rid, n });
      }
      case 'retry.scheduled': {
        const delay = d.delayMs ?? (d.at != null ? d.at - e.t : null);
        return delay == null ? null : t('n.retry', { rid, n, delay: duration(delay) });
      }
      case 'async.failed': return t('n.failedAll', { rid, n: d.approximateInvokeCount ?? n });
      case 'async.expired': return t('n.expired', { rid });
      case 'async.discarded': return t('n.discarded', { rid });
      case 'dlq.sent': return t('n.dlq', { rid, target: targetName(d.target) });
      case 'dlq.failed': return t('n.dlqFailed', { rid, reason: d.reason ?? '' });
      case 'destination.sent': return t('n.dest', { rid, target: targetName(d.target) });
      case 'destination.failed': return t('n.destFailed', { rid });
      default: return null;
    }
  }

  attemptNumber(e) {
    const d = e.detail || {};
    const given = d.attempt ?? d.number;
    if (e.kind === 'world.reset') this.attemptNo.clear();
    if (e.kind !== 'attempt.start' && e.kind !== 'attempt.end') return given ?? this.attemptNo.get(e.requestId) ?? 1;
    let n = given;
    if (n == null) n = e.kind === 'attempt.start' ? (this.attemptNo.get(e.requestId) ?? 0) + 1 : (this.attemptNo.get(e.requestId) ?? 1);
    this.attemptNo.set(e.requestId, n);
    return n;
  }

  // Reads entries from index `this.next` on; `traceSince(i)` returns the parsed array.
  poll(traceSince) {
    const entries = traceSince(this.next);
    if (!entries.length) return;
    for (const e of entries) {
      this.next = Math.max(this.next, e.i + 1);
      if (e.kind === 'world.reset') { this.kept = []; this.list.replaceChildren(); }
      const n = this.attemptNumber(e);
      const text = this.sentence(e, n);
      if (!text) continue;
      this.kept.push({ entry: e, n });
      if (this.kept.length > KEEP) this.kept.shift();
      this.appendItem(e, text);
      this.pending.push(text);
    }
    this.empty.hidden = this.kept.length > 0;
    this.scrollToEnd();
    this.flush();
  }

  // Once per batch: reading scrollHeight lays the page out, and doing it per line made a long
  // poll (a lesson's set-up, runMany) lay it out once per line.
  scrollToEnd() { this.list.scrollTop = this.list.scrollHeight; }

  appendItem(e, text) {
    const li = document.createElement('li');
    const time = document.createElement('span');
    time.className = 'log-time';
    time.textContent = clock(e.t);
    li.append(time, ' ', text);
    li.dataset.kind = e.kind;
    li.dataset.tone = tone(e);
    this.list.appendChild(li);
    while (this.list.childElementCount > KEEP) this.list.firstElementChild.remove();
  }

  flush() {
    if (!this.pending.length || this.timer) return;
    const wait = Math.max(0, this.lastAnnounce + ANNOUNCE_EVERY_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.lastAnnounce = performance.now();
      const batch = this.pending.splice(0);
      // Say at most the last few sentences of a burst; the full story is in the log.
      this.live.textContent = batch.slice(-4).join('. ') + '.';
    }, wait);
  }

  // Re-renders the visible log in the current language.
  relabel() {
    this.list.replaceChildren();
    for (const { entry, n } of this.kept) this.appendItem(entry, this.sentence(entry, n));
    this.empty.hidden = this.kept.length > 0;
    this.scrollToEnd();
  }
}
