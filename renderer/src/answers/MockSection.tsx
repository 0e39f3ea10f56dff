import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { DefinitionError, StoredMock } from '../../../main/contract/api';
import { DEFAULT_MOCK_TEXT, EXAMPLE_MOCK } from './example-mock';
import { lintMarks } from './mock-lint';
import { checkMockText, removeMock, saveMock } from './answers-actions';
import { useUnsavedWork } from '../app/use-unsaved-work';
import { Prose } from '../shared/Prose';

const MockEditor = lazy(() => import('./MockEditor'));
export const CHECK_DEBOUNCE_MS = 300;

interface Props {
  action: string | null;
  stored: StoredMock | null;
}

/** The mock editor: checked by the core as you type, saved and cleared by the core. */
export function MockSection({ action, stored }: Props) {
  // A project's file is shown as it is written, so saving it back changes only what was edited.
  const [text, setText] = useState(() =>
    stored ? `${JSON.stringify(stored.written ?? stored.definition, null, 2)}\n` : DEFAULT_MOCK_TEXT,
  );
  // What the core holds as far as this editor knows: the text is unsaved work while it differs.
  const [savedText, setSavedText] = useState(text);
  const [errors, setErrors] = useState<DefinitionError[]>([]);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void checkMockText(text).then((check) => {
        if (live) setErrors(check.ok ? [] : check.errors);
      });
    }, CHECK_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);

  const { marks, unplaced } = useMemo(() => lintMarks(text, errors), [text, errors]);
  useUnsavedWork(text !== savedText ? (action ? `the mock of ${action}` : 'the default mock') : null);

  async function onSave() {
    setBusy(true);
    const outcome = await saveMock(action, text);
    setBusy(false);
    setSaveError(outcome?.message ?? null);
    if (outcome) setErrors(outcome.errors);
    else setSavedText(text);
  }

  async function onClear() {
    setBusy(true);
    setSaveError(await removeMock(action));
    setBusy(false);
  }

  const who = action === null ? 'every action without its own mock' : action;
  return (
    <section aria-label="Mock">
      <h3>Mock</h3>
      <p className="muted" data-testid="mock-stored">
        {stored
          ? `A mock is stored for ${who} (updated ${new Date(stored.updatedAt).toLocaleString()}).`
          : action === null
            ? 'No default mock: actions answer {"result":"ok","error":""}.'
            : `No mock of its own: ${action} uses the default.`}
      </p>
      <div className="button-row">
        <button type="button" onClick={() => setText(EXAMPLE_MOCK)}>
          Insert example
        </button>
        <span className="spacer" />
        <button type="button" disabled={busy} onClick={() => void onSave()}>
          Save mock
        </button>
        <button type="button" disabled={busy || !stored} onClick={() => void onClear()}>
          Clear mock
        </button>
      </div>
      {/* Problems above the editor, where they stay in view in the dialog. */}
      {saveError && (
        <p className="form-error" role="alert" aria-label="Mock error">
          <Prose text={saveError} />
        </p>
      )}
      {errors.length > 0 && (
        <ul className="mock-problems" aria-label="Mock problems">
          {marks.map((m) => (
            <li key={`m-${m.from}-${m.message}`}>
              <Prose text={m.message} />
            </li>
          ))}
          {unplaced.map((e) => (
            <li key={`u-${e.path}-${e.message}`}>
              {e.path ? <code>{e.path}</code> : null}
              {e.path ? ': ' : ''}
              <Prose text={e.message} />
            </li>
          ))}
        </ul>
      )}
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <MockEditor value={text} onChange={setText} marks={marks} label="Mock definition (JSON)" />
      </Suspense>
      <p className="muted">
        Bodies are templates: <code>{'{{parameters.recipient}}'}</code>, <code>{'{{action_name}}'}</code>, <code>{'{{now}}'}</code>,{' '}
        <code>{'{{uuid}}'}</code>. Rules are tried in order; the fallback answers when none matches.
      </p>
    </section>
  );
}
