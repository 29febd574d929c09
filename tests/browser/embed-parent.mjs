// A parent page for embed tests (not a test file itself: the runner only loads *.test.mjs).
// It frames `src` as a docs page would (sandbox="allow-scripts allow-same-origin"), keeps every
// message from that frame in window.msgs, and window.ask(m) sends a request with a fresh id and
// resolves with the reply carrying that id (or null after `timeoutMs`).
export const parentHtml = (src, { width = 720, height = 400, timeoutMs = 3000 } = {}) => `<!doctype html><meta charset="utf-8"><title>parent</title>
<iframe id="f" src="${src}" sandbox="allow-scripts allow-same-origin" style="width:${width}px;height:${height}px;border:0" title="Invoke Lab"></iframe>
<script>
  window.msgs = [];
  addEventListener('message', (e) => { if (e.source === document.getElementById('f').contentWindow) msgs.push(e.data); });
  window.ask = (m) => new Promise((resolve) => {
    const id = Math.random().toString(36).slice(2);
    const on = (e) => { if (e.data && e.data.id === id) { removeEventListener('message', on); resolve(e.data); } };
    addEventListener('message', on);
    document.getElementById('f').contentWindow.postMessage({ ...m, id }, '*');
    setTimeout(() => resolve(null), ${timeoutMs});
  });
</script>`;
