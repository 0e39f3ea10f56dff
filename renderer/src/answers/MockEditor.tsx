import { useEffect, useRef } from 'react';
import { minimalSetup } from 'codemirror';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import type { LintMark } from '../../../main/contract/mock-placement';
import { editorTheme } from './editor-theme';
import { yamlLanguage } from './yaml-language';

export interface MockEditorProps {
  value: string;
  onChange: (text: string) => void;
  marks: LintMark[];
  label: string;
  /** How the text is coloured: JSON (the default) or YAML. */
  language?: 'json' | 'yaml';
}

const languageOf = (language: 'json' | 'yaml') => (language === 'yaml' ? yamlLanguage : json());

/**
 * CodeMirror 6 in JSON or YAML mode, loaded lazily (it is most of the Answers dialog's weight).
 * Problems come from the core's checkMock, not from a linter here: the parent checks and
 * hands them over as marks.
 */
export default function MockEditor({ value, onChange, marks, label, language = 'json' }: MockEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      doc: value,
      extensions: [
        minimalSetup,
        lineNumbers(),
        languageSlot.current.of(languageOf(language)),
        editorTheme,
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChangeRef.current(update.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageOf(language)) });
  }, [language]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const length = editor.state.doc.length;
    const inside = marks.map((m) => ({ ...m, from: Math.min(m.from, length), to: Math.min(m.to, length) }));
    editor.dispatch(setDiagnostics(editor.state, inside));
  }, [marks]);

  return <div className="mock-editor" ref={host} data-testid="mock-editor" />;
}
