// A small SVG time axis for predict items: the learner's marks (triangles) and, after
// grading, the real attempts (bars from start to end, labelled by outcome) with the
// tolerance band around each real start. Seconds after the event was accepted.
//
// Elements carry classes the tests count: .mark (one per learner mark), .attempt (one per
// real attempt), .tol (one band per real attempt).

const NS = 'http://www.w3.org/2000/svg';
const W = 360, PAD = 12;

function node(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

// "10m" -> 600, "90s" -> 90, "1h30m" -> 5400, "250ms" -> 0.25; null when unreadable.
export function parseDuration(text) {
  if (text == null) return null;
  const m = String(text).trim().match(/^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/);
  if (!m || !m[0]) return null;
  return (Number(m[1] ?? 0) * 3600) + (Number(m[2] ?? 0) * 60) + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 1000;
}

// Rounds a span in seconds up to a whole number of ticks: minutes up to 20 min, then 5-minute
// steps up to 2 h, then hours.
export function niceRange(s) {
  const step = s <= 1200 ? 60 : s <= 7200 ? 300 : 3600;
  return Math.max(step, Math.ceil(s / step) * step);
}

// options: { range (s), marks [s], attempts [{n,startS,endS,outcome}], tolerance (s), label,
//            minute(m) -> tick text, outcomeLabel(o), rows [realLabel, yoursLabel] }
export function drawTimeline(svg, o) {
  const range = o.range || 600;
  const hasReal = Array.isArray(o.attempts);
  const H = hasReal ? 96 : 58;
  const axisY = H - 20;
  const width = W - 2 * PAD;
  const x = (s) => PAD + Math.max(0, Math.min(1, s / range)) * width;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', o.label ?? '');
  svg.__layout = { pad: PAD, width };
  svg.replaceChildren();
  svg.append(node('rect', { x: 0, y: 0, width: W, height: H, class: 'tl-bg' }));

  // Axis with ticks: every minute up to 20 minutes, every 5 minutes up to 2 hours, then hours.
  const step = range <= 1200 ? 60 : range <= 7200 ? 300 : 3600;
  svg.append(node('line', { x1: PAD, y1: axisY, x2: W - PAD, y2: axisY, class: 'tl-axis' }));
  const every = Math.max(1, Math.ceil((range / step) / 6));
  for (let s = 0, i = 0; s <= range + 1e-9; s += step, i++) {
    svg.append(node('line', { x1: x(s), y1: axisY, x2: x(s), y2: axisY + 4, class: 'tl-tick' }));
    if (i % every === 0) svg.append(node('text', { x: x(s), y: axisY + 15, class: 'tl-label', 'text-anchor': s === 0 ? 'start' : s >= range ? 'end' : 'middle' }, o.minute ? o.minute(s / 60) : `${s / 60}m`));
  }

  const rowReal = 8, rowYours = hasReal ? 46 : 8;
  if (hasReal && o.rows) {
    svg.append(node('text', { x: W - PAD, y: rowReal + 8, class: 'tl-row', 'text-anchor': 'end' }, o.rows[0]));
    svg.append(node('text', { x: W - PAD, y: rowYours + 8, class: 'tl-row', 'text-anchor': 'end' }, o.rows[1]));
  }
  if (hasReal) {
    const tol = Number(o.tolerance) || 0;
    for (const a of o.attempts) {
      const start = Number(a.startS) || 0;
      const band = node('rect', { x: x(start - tol), y: rowReal - 2, width: Math.max(2, x(start + tol) - x(start - tol)), height: rowYours + 24 - rowReal, class: 'tol' });
      band.append(node('title', {}, `±${tol}s`));
      svg.append(band);
    }
    for (const a of o.attempts) {
      const start = Number(a.startS) || 0, end = Number(a.endS ?? a.startS) || start;
      const ok = /^succe/.test(String(a.outcome));
      const bar = node('rect', { x: x(start), y: rowReal + 12, width: Math.max(3, x(end) - x(start)), height: 14, class: 'attempt ' + (ok ? 'ok' : 'bad'), 'data-outcome': a.outcome ?? '' });
      const what = o.outcomeLabel ? o.outcomeLabel(a.outcome) : String(a.outcome);
      bar.append(node('title', {}, `#${a.n ?? ''} ${start}s–${end}s ${what}`));
      svg.append(bar);
      svg.append(node('text', { x: x(start), y: rowReal + 9, class: 'tl-attempt-label', 'text-anchor': start / range > 0.9 ? 'end' : 'start' }, `#${a.n ?? ''} ${ok ? '✓' : '✗'}`));
    }
  }
  for (const m of o.marks ?? []) {
    const cx = x(m), top = rowYours + 10;
    const g = node('g', { class: 'mark', 'data-s': m });
    g.append(node('line', { x1: cx, y1: top, x2: cx, y2: axisY, class: 'mark-line' }));
    g.append(node('path', { d: `M${cx - 5},${top + 10} L${cx + 5},${top + 10} L${cx},${top} Z`, class: 'mark-head' }));
    g.append(node('title', {}, `${m}s`));
    svg.append(g);
  }
}
