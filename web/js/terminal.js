// The HTML terminal: an input line with history (Up/Down) and an output area that shows
// each command as typed, then its stdout, then its stderr in another colour, exactly as the
// Shell returned them. `clear` is handled here (it is a terminal matter, not a simulation
// one); every other line goes to the Shell through the `run` callback.

const MAX_BLOCKS = 600;            // oldest output is dropped beyond this many blocks

export class Terminal {
  constructor({ output, input, form, run, notReady }) {
    this.output = output; this.input = input;
    this.run = run; this.notReady = notReady;
    this.history = []; this.historyAt = 0; this.draft = '';
    form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    input.addEventListener('keydown', (e) => this.onKey(e));
    // Clicking anywhere in the output (without selecting text) focuses the input line.
    output.addEventListener('mouseup', () => { if (!String(window.getSelection())) input.focus({ preventScroll: true }); });
  }

  submit() {
    const line = this.input.value;
    this.input.value = '';
    if (line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    this.historyAt = this.history.length; this.draft = '';
    if (line.trim() === 'clear') { this.clear(); return; }
    if (!line.trim()) { this.echo('', null); return; }
    const result = this.run(line);          // the caller echoes through echo()
    if (!result) this.echo(line, { stdout: '', stderr: this.notReady() + '\n', exitCode: 1 });
  }

  onKey(e) {
    // Enter submits here, not through the form: a frame sandboxed without allow-forms
    // (the docs embeds) blocks form submission, and the submit event with it.
    if (e.key === 'Enter' && !e.isComposing && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault(); this.submit(); return;
    }
    if (e.key === 'ArrowUp' && this.historyAt > 0) {
      if (this.historyAt === this.history.length) this.draft = this.input.value;
      this.historyAt--; this.setInput(this.history[this.historyAt]); e.preventDefault();
    } else if (e.key === 'ArrowDown' && this.historyAt < this.history.length) {
      this.historyAt++;
      this.setInput(this.historyAt === this.history.length ? this.draft : this.history[this.historyAt]);
      e.preventDefault();
    } else if (e.key === 'l' && e.ctrlKey) {
      this.clear(); e.preventDefault();
    }
  }

  setInput(v) { this.input.value = v; this.input.setSelectionRange(v.length, v.length); }

  clear() { this.output.replaceChildren(); }

  // Shows one command and what it printed. `source` marks who ran it ("panel", "canvas").
  echo(line, result, source = '') {
    const block = document.createElement('div');
    block.className = 'term-block' + (source ? ` from-${source}` : '');
    const cmd = document.createElement('div');
    cmd.className = 'term-cmd';
    cmd.textContent = line;
    block.appendChild(cmd);
    if (result) {
      for (const [stream, cls] of [['stdout', 'term-out'], ['stderr', 'term-err']]) {
        const text = result[stream];
        if (!text) continue;
        const pre = document.createElement('pre');
        pre.className = cls;
        pre.textContent = text.endsWith('\n') ? text.slice(0, -1) : text;
        block.appendChild(pre);
      }
      if (result.exitCode) block.dataset.exit = String(result.exitCode);
    }
    this.output.appendChild(block);
    while (this.output.childElementCount > MAX_BLOCKS) this.output.firstElementChild.remove();
    this.output.scrollTop = this.output.scrollHeight;
  }

  text() { return this.output.innerText; }
}
