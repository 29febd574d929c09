// The code editor's bundle entry (scripts/assemble-site.sh bundles it with esbuild into
// build/site/vendor/editor.js; this folder itself is not served). CodeMirror 6 handles IME
// composition (Korean) natively; basicSetup brings line numbers, history, search, brackets.
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Compartment } from '@codemirror/state';
import { indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { indentUnit } from '@codemirror/language';
import { setDiagnostics } from '@codemirror/lint';

// parent: element; doc: text; onChange(text); label: accessible name of the text area.
export function createEditor(parent, { doc = '', onChange = () => {}, label = 'code', describedBy = null } = {}) {
  const labels = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        python(),
        EditorState.tabSize.of(4),
        indentUnit.of('    '),                  // PEP 8; CodeMirror's default is two spaces
        labels.of(EditorView.contentAttributes.of({ 'aria-label': label, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(text) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }); },
    setLabel(text) { view.dispatch({ effects: labels.reconfigure(EditorView.contentAttributes.of({ 'aria-label': text, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })) }); },
    // errors: [{line, message}] (1-based lines); [] clears.
    showErrors(errors) {
      const doc = view.state.doc;
      const diags = errors.map(({ line, message }) => {
        const l = doc.line(Math.min(Math.max(1, line), doc.lines));
        return { from: l.from, to: Math.max(l.from, l.to), severity: 'error', message };
      });
      view.dispatch(setDiagnostics(view.state, diags));
    },
    focus: () => view.focus(),
  };
}
