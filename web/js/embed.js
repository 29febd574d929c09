// The embed API, for documentation pages that show the playground in an iframe.
//
// URL:  ?embed=1      hides the tutorial panel (the docs page is the tutorial)
//       ?lang=en|ko   language for this visit (not remembered while embedded)
//       ?parentOrigin=https://docs.example   the origin allowed to drive the page
// Messages (window.postMessage, versioned): the parent sends {v:1, type, id?, ...}; the
// page answers {v:1, type, id, ok, result | error} to the same origin.
//   {v:1, type:"run",   line}                      -> result {stdout, stderr, exitCode}
//   {v:1, type:"state"}                            -> result: the world's state
//   {v:1, type:"load",  lines:[...], seed?, reset?} -> resets (unless reset:false), runs each line;
//                                                     result: the list of results
//   {v:1, type:"resize"}                           -> result {height}
// Unasked, the page posts {v:1, type:"ready"} once the first frame is drawn and
// {v:1, type:"resize", height} whenever its height changes.
// Origin check: only messages from window.parent whose origin is the page's own origin or
// ?parentOrigin are accepted; others are ignored silently. Unasked messages go to
// ?parentOrigin when given, else to the page's own origin (the docs site serves both).
// Works inside <iframe sandbox="allow-scripts allow-same-origin">.

const VERSION = 1;

function trustedOrigins() {
  const set = new Set([location.origin]);
  const p = new URLSearchParams(location.search).get('parentOrigin');
  if (p) set.add(p);
  return set;
}

export function startEmbedApi(api) {
  if (window.parent === window) return;       // not framed: nothing to talk to
  const origins = trustedOrigins();
  // Replies go to the asker's origin; unasked ones to the configured parent origin.
  const unasked = [...origins].find((o) => o !== location.origin) ?? location.origin;
  const post = (msg, origin) => { try { window.parent.postMessage({ v: VERSION, ...msg }, origin); } catch { /* parent gone */ } };

  window.addEventListener('message', async (event) => {
    if (event.source !== window.parent || !origins.has(event.origin)) return;
    const m = event.data;
    if (!m || typeof m !== 'object' || m.v !== VERSION || typeof m.type !== 'string') return;
    const reply = (body) => post({ type: m.type, id: m.id ?? null, ...body }, event.origin);
    try {
      await api.ready;
      if (m.type === 'run') reply({ ok: true, result: api.run(String(m.line ?? ''), 'embed') });
      else if (m.type === 'state') reply({ ok: true, result: api.state() });
      else if (m.type === 'resize') reply({ ok: true, result: { height: pageHeight() } });
      else if (m.type === 'load') {
        const results = [];
        if (m.reset !== false) results.push(api.run(m.seed != null ? `lab reset --seed ${Number(m.seed) | 0}` : 'lab reset', 'embed'));
        for (const line of Array.isArray(m.lines) ? m.lines : []) results.push(api.run(String(line), 'embed'));
        reply({ ok: true, result: results });
      } else reply({ ok: false, error: `unknown type: ${m.type}` });
    } catch (e) {
      reply({ ok: false, error: String(e?.message ?? e) });
    }
  });

  let last = 0;
  const report = () => {
    const h = pageHeight();
    if (h !== last) { last = h; post({ type: 'resize', height: h }, unasked); }
  };
  new ResizeObserver(report).observe(document.body);
  report();
  api.ready.then(() => { post({ type: 'ready' }, unasked); report(); });
}

// The content's own height (not the frame's): body has no margin, so this is what to show.
function pageHeight() { return Math.ceil(document.body.getBoundingClientRect().height); }
