// The time slider under the canvas: the whole session's virtual time, from 0 to the furthest
// moment reached. Dragging it (or ←/→ for the previous/next thing that happened, Home/End)
// shows the world exactly as it was then: the app rebuilds it from the seed and the recorded
// commands (core/shell/time_travel.h). Playing from the past replays the recorded commands at
// their times; "Resume from here" makes the shown moment the present (the later history is
// dropped, with one undo), and so does typing a command there (a branch).
//
// The slider is a native <input type=range>: keyboard, screen readers and touch work as they
// do everywhere; aria-valuetext says the moment in words.

import { t } from './i18n.js';
import { clock } from './narration.js';

export class TimeSlider {
  // travel(action) / seek(ms) return {now, end, inPast, canUndo}; afterSeek() resyncs the page.
  constructor({ root, travel, seek, pause, afterSeek, announce }) {
    this.root = root; this.travel = travel; this.seekFn = seek; this.pause = pause;
    this.afterSeek = afterSeek; this.announce = announce;
    this.input = root.querySelector('#time-slider');
    this.out = root.querySelector('#time-now');
    this.endOut = root.querySelector('#time-end');
    this.resumeBtn = root.querySelector('#btn-resume');
    this.undoBtn = root.querySelector('#btn-undo-resume');
    this.dragging = false;
    this.last = null;
    this.input.addEventListener('pointerdown', () => { this.dragging = true; });
    this.input.addEventListener('pointerup', () => { this.dragging = false; });
    this.input.addEventListener('input', () => this.seek(Number(this.input.value), false));
    this.input.addEventListener('change', () => this.announceMoment());
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.resumeBtn.addEventListener('click', () => { this.show(this.travel(2)); this.announce(t('travel.resumed', { at: clock(this.last.now) })); });
    this.undoBtn.addEventListener('click', () => { this.show(this.travel(3)); this.afterSeek(); this.announceMoment(); });
  }

  seek(ms, announce = true) {
    this.pause();
    const s = this.seekFn(ms);
    this.show(s);
    this.afterSeek();
    if (announce) this.announceMoment();
    return s;
  }

  onKey(e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    let s = null;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowDown') { this.pause(); s = this.travel(-1); }
    else if (e.key === 'ArrowRight' || e.key === 'ArrowUp') { this.pause(); s = this.travel(1); }
    else if (e.key === 'Home') { s = this.seek(0, false); }
    else if (e.key === 'End') { s = this.seek(this.last ? this.last.end : 0, false); }
    else return;
    e.preventDefault();
    this.show(s);
    this.afterSeek();
    this.announceMoment();
  }

  // Mirrors the app: called every poll, every frame while playing, and after each action.
  refresh() { this.show(this.travel(0)); }

  show(s) {
    if (!s) return;
    this.last = s;
    this.input.max = String(Math.max(1, s.end));
    if (!this.dragging || document.activeElement !== this.input) this.input.value = String(s.now);
    this.out.textContent = clock(s.now);
    this.endOut.textContent = s.inPast ? t('travel.past', { end: clock(s.end) }) : t('travel.live');
    this.input.setAttribute('aria-valuetext', this.words(s));
    this.root.dataset.inPast = String(!!s.inPast);
    this.resumeBtn.hidden = !s.inPast;
    this.undoBtn.hidden = !s.canUndo;
  }

  words(s) { return s.inPast ? t('travel.valuePast', { at: clock(s.now), end: clock(s.end) }) : t('travel.valueLive', { at: clock(s.now) }); }
  announceMoment() { if (this.last) this.announce(this.words(this.last)); }
  relabel() { if (this.last) this.show(this.last); }
}
