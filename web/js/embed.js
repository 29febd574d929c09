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
//   {v:1, type:"loadScenario", name? | text?, pause?} -> content/scenarios/NAME.txt or the text (CONTRACT.md §2)
//                                                     loaded into the world; result {traceSize}
//   {v:1, type:"loadLesson", id, step?}            -> opens lesson ID at step (0-based index or step id);
//                                                     `lesson: ID` may replace `id`, so `id` stays the reply id;
//                                                     result {id, step, stepId, passed, since, title}
//   {v:1, type:"loadQuiz", set}                    -> opens quiz set SET; result {set}
// Unasked, the page posts {v:1, type:"ready"} once the first frame is drawn and the URL's
// lesson / quiz / scenario is applied, {v:1, type:"resize", height} whenever its height
// changes, and (CONTRACT.md §7):
//   {v:1, type:"lessonProgress", id, step, stepId, completed}   when a step's check turns on
//   {v:1, type:"quizResult", set, itemId, response, key, success, score:{raw,max,scaled},
//    verb:"http://adlnet.gov/expapi/verbs/answered", object:{id}} after each graded quiz item
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

// Returns {notify(msg)}: posts an unasked message to the parent (nothing when not framed).
export function startEmbedApi(api, learn) {
  if (window.parent === window) return { notify() {} };       // not framed: nothing to talk to
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
      for (let i = 0; i < 600 && !api.settled; i++) await new Promise((r) => setTimeout(r, 50));
      if (m.type === 'run') reply({ ok: true, result: api.run(String(m.line ?? ''), 'embed') });
      else if (m.type === 'state') reply({ ok: true, result: api.state() });
      else if (m.type === 'resize') reply({ ok: true, result: { height: pageHeight() } });
      else if (m.type === 'load') {
        const results = [];
        if (m.reset !== false) results.push(api.run(m.seed != null ? `lab reset --seed ${Number(m.seed) | 0}` : 'lab reset', 'embed'));
        for (const line of Array.isArray(m.lines) ? m.lines : []) results.push(api.run(String(line), 'embed'));
        reply({ ok: true, result: results });
      } else if (m.type === 'loadScenario') reply(await learn.embedLoadScenario(m));
      else if (m.type === 'loadLesson') reply(await learn.embedLoadLesson(m));
      else if (m.type === 'loadQuiz') reply(await learn.embedLoadQuiz(m));
      else reply({ ok: false, error: `unknown type: ${m.type}` });
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
  // "ready" waits for the URL's lesson / quiz / scenario, so a parent's first request finds it applied.
  api.ready.then(async () => {
    for (let i = 0; i < 600 && !api.settled; i++) await new Promise((r) => setTimeout(r, 50));
    post({ type: 'ready' }, unasked); report();
  });
  return { notify: (msg) => post(msg, unasked) };
}

// The content's own height (not the frame's): body has no margin, so this is what to show.
function pageHeight() { return Math.ceil(document.body.getBoundingClientRect().height); }
