// The page's CodeMirror 6 editors: the Istio input (editable, findings as lint markers), the
// Gateway API output (read-only) and the `--write` diff (read-only, unified merge view).
import { basicSetup, EditorView } from 'codemirror';
import { EditorState, type Extension } from '@codemirror/state';
import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { unifiedMergeView } from '@codemirror/merge';

const readOnly: Extension = [EditorState.readOnly.of(true), EditorView.editable.of(false)];

/** The input editor; `onChange` runs after every edit. */
export function inputEditor(
  parent: HTMLElement,
  doc: string,
  onChange: (text: string) => void,
): EditorView {
  return new EditorView({
    parent,
    doc,
    extensions: [
      basicSetup,
      yaml(),
      lintGutter(),
      EditorView.contentAttributes.of({ 'aria-label': 'Istio configuration (input)' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) onChange(u.state.doc.toString());
      }),
    ],
  });
}

/** A read-only YAML view (the output). */
export function outputEditor(parent: HTMLElement): EditorView {
  return new EditorView({
    parent,
    extensions: [
      basicSetup,
      yaml(),
      readOnly,
      EditorView.contentAttributes.of({ 'aria-label': 'Gateway API configuration (output)' }),
    ],
  });
}

/** Replaces a view's text. */
export function setText(view: EditorView, text: string): void {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Replaces the input's lint markers. */
export function showDiagnostics(view: EditorView, diagnostics: readonly Diagnostic[]): void {
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

/** The `--write` diff: `after` with what it replaces of `before` shown above each change. */
export function diffEditor(parent: HTMLElement, before: string, after: string): EditorView {
  parent.replaceChildren();
  return new EditorView({
    parent,
    doc: after,
    extensions: [
      basicSetup,
      yaml(),
      readOnly,
      unifiedMergeView({ original: before, mergeControls: false, gutter: true }),
      EditorView.contentAttributes.of({ 'aria-label': 'convert --write: the file after' }),
    ],
  });
}

/** Puts the cursor on `line` of the view and scrolls it into sight. */
export function goToLine(view: EditorView, line: number): void {
  const at = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
  view.dispatch({ selection: { anchor: at.from }, scrollIntoView: true });
  view.focus();
}
