/** Typing into the app's code editors (CodeMirror) from component tests. */
import { act } from '@testing-library/react';
import { EditorView } from '@codemirror/view';

/** The real CodeMirror view inside `root`: tests type through its transactions. */
export function editorIn(root: HTMLElement): EditorView {
  const dom = root.querySelector<HTMLElement>('.cm-editor');
  const view = dom ? EditorView.findFromDOM(dom) : null;
  if (!view) throw new Error('no editor');
  return view;
}

/** Replaces the whole text of the editor, as a user's edit would. */
export function typeInto(view: EditorView, text: string): void {
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }));
}
