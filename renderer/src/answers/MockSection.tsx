import { ConfirmBox } from '../shared/ConfirmBox';
import { useEffect, useMemo, useRef, useState } from 'react';
import { LazyMockEditor } from './LazyMockEditor';
import type { AnswerSettings, DefinitionError, MockFormat, StoredMock } from '../../../main/contract/api';
import { DEFAULT_MOCK_TEXT, EXAMPLE_MOCK } from './example-mock';
import { lintMarks, type LintMark } from '../../../main/contract/mock-placement';
import { checkMockText, removeMock, saveAnswerMode, saveMock } from './answers-actions';
import { answerFor } from './answer-routes';
import {
  clearMockQuestion,
  editedMockWords,
  MOCK_BREAKS_CONTRACT,
  MOCK_TEMPLATE_NOTE,
  mockFileWords,
  mockUseWords,
  READS_AS_YAML_HINT,
  CONFIRM_WORDS,
  KEEP_WORDS,
} from '../../../main/contract/words';
import { formatDateAndTime } from '../shared/format';
import type { MockDraft } from './mock-drafts';
import { CodeParts } from '../shared/CodeParts';
import { Prose } from '../shared/Prose';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { useFocusWhenGone } from '../shared/use-focus-when-gone';
import { focusFell } from '../shared/focusable';
import { editedFile, editedFileHasMistake, type AnswersProject } from './answer-files';

export const CHECK_DEBOUNCE_MS = 300;

interface Props {
  action: string | null;
  stored: StoredMock | null;
  /** The answer settings: whether the mock answers at all depends on the action's route. */
  settings: AnswerSettings;
  /** The open project, whose answer file the mock is read from and saved into; null without one. */
  project: AnswersProject | null;
  /** The edits kept from an earlier visit to this action in the open dialog, if any. */
  draft: MockDraft | undefined;
  /** Tells the dialog what this editor holds unsaved (null: nothing): it keeps it while another action is shown. */
  onDraft: (action: string | null, draft: MockDraft | null) => void;
}

const FORMAT_NAME: Record<MockFormat, string> = { json: 'JSON', yaml: 'YAML' };

/**
 * The mock editor: the mock as it was written (JSON or YAML, comments kept), checked by the
 * core as you type, saved and cleared by the core.
 */
export function MockSection({ action, stored, settings, project, draft, onDraft }: Props) {
  const [text, setText] = useState(() => draft?.text ?? stored?.text ?? DEFAULT_MOCK_TEXT);
  const [format, setFormat] = useState<MockFormat>(() => draft?.format ?? stored?.format ?? 'json');
  // What the core holds as far as this editor knows: the text is unsaved work while it differs.
  const [saved, setSaved] = useState(() =>
    draft ? { text: draft.savedText, format: draft.savedFormat } : { text: stored?.text ?? DEFAULT_MOCK_TEXT, format },
  );
  const [errors, setErrors] = useState<DefinitionError[]>([]);
  const [warnings, setWarnings] = useState<DefinitionError[]>([]);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mockUse = useRef<HTMLParagraphElement>(null);
  // Once the mock answers, its button goes: the keyboard lands on the line saying it now does.
  const answerWithMock = useFocusWhenGone(() => mockUse.current);
  // Once the mock is cleared, Clear mock turns unavailable under the keyboard (Chromium drops a
  // disabled button's focus to the page's body): it lands on that line too, saying what answers now.
  const hadMock = useRef(stored !== null);
  useEffect(() => {
    if (hadMock.current && stored === null && focusFell()) mockUse.current?.focus({ preventScroll: true });
    hadMock.current = stored !== null;
  }, [stored]);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void checkMockText(text, format).then((check) => {
        if (!live) return;
        setErrors(check.ok ? [] : withFormatHint(check.errors));
        setWarnings(check.ok ? check.warnings : []);
      });
    }, CHECK_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, format]);

  const problems = useMemo(() => lintMarks(text, errors), [text, errors]);
  const contract = useMemo(() => lintMarks(text, warnings, 'warning'), [text, warnings]);
  const marks = useMemo(() => [...problems.marks, ...contract.marks], [problems, contract]);
  // The dialog holds the draft, not this editor: switching action unmounts it, and the edits must outlive that.
  useEffect(() => {
    onDraft(action, draftOf(text, format, saved));
  }, [onDraft, action, text, format, saved]);

  function onEdit(next: string) {
    setText(next);
    // Told as typed, not only after the render above: Esc pressed in between would close the dialog without asking.
    onDraft(action, draftOf(next, format, saved));
  }

  async function onSave() {
    setBusy(true);
    const outcome = await saveMock(action, text, format);
    setBusy(false);
    setSaveError(outcome?.message ?? null);
    if (outcome) setErrors(withFormatHint(outcome.errors));
    else setSaved({ text, format });
  }

  async function onAnswerWithMock(name: string) {
    setBusy(true);
    setSaveError(await saveAnswerMode(name, 'mock'));
    setBusy(false);
  }

  async function onClear() {
    setConfirmingClear(false);
    setBusy(true);
    const failure = await removeMock(action);
    setSaveError(failure);
    setBusy(false);
    if (failure) return;
    // The cleared mock is gone from the core: the editor starts again as it does for an action without one,
    // not holding the old text as if it were stored.
    setText(DEFAULT_MOCK_TEXT);
    setFormat('json');
    setSaved({ text: DEFAULT_MOCK_TEXT, format: 'json' });
  }

  // A mock of its own that the route leaves unused: one click makes it answer.
  const unused = action !== null && stored !== null && answerFor(settings, action).mode === 'forward';
  // The settings once the mock is cleared: what the clear question says answers afterwards.
  const cleared = { ...settings, mocks: settings.mocks.filter((m) => m.action !== action) };
  return (
    <section aria-label="Mock">
      <h3>Mock</h3>
      <p className="muted" data-testid="mock-stored" tabIndex={-1} ref={mockUse}>
        {mockUseWords(settings, answerFor(settings, action), action, stored, formatDateAndTime)}
      </p>
      <MockFile project={project} action={action} />
      {unused && (
        <div className="button-row">
          <BusyButton busy={busy} ref={answerWithMock} onClick={() => void onAnswerWithMock(action)}>
            Answer {action} with its mock
          </BusyButton>
        </div>
      )}
      <div className="button-row">
        <button type="button" onClick={() => setText(EXAMPLE_MOCK)}>
          Insert example
        </button>
        {/* JSON is YAML too: switching reads the same text the other way, nothing is rewritten. */}
        <label className="inline-field">
          Format{' '}
          <select value={format} onChange={(event) => setFormat(event.target.value as MockFormat)}>
            <option value="json">JSON</option>
            <option value="yaml">YAML</option>
          </select>
        </label>
        <span className="spacer" />
        <BusyButton busy={busy} onClick={() => void onSave()}>
          Save mock
        </BusyButton>
        <BusyButton busy={busy} disabled={!stored || confirmingClear} onClick={() => setConfirmingClear(true)}>
          Clear mock
        </BusyButton>
      </div>
      {confirmingClear && stored && (
        <ClearConfirm
          words={editedMockWords(action)}
          after={mockUseWords(cleared, answerFor(cleared, action), action, null, formatDateAndTime)}
          onClear={() => void onClear()}
          onKeep={() => setConfirmingClear(false)}
        />
      )}
      {/* Problems above the editor, where they stay in view in the dialog. */}
      <ErrorLine message={saveError} label="Mock error" />
      <ProblemList label="Mock problems" severity="error" placed={problems.marks} unplaced={problems.unplaced} />
      {warnings.length > 0 && (
        <>
          <p className="muted">{MOCK_BREAKS_CONTRACT}</p>
          <ProblemList label="Contract warnings" severity="warning" placed={contract.marks} unplaced={contract.unplaced} />
        </>
      )}
      <LazyMockEditor value={text} onChange={onEdit} marks={marks} label={`Mock definition (${FORMAT_NAME[format]})`} language={format} />
      <p className="muted">
        <CodeParts parts={MOCK_TEMPLATE_NOTE} />
      </p>
    </section>
  );
}

/** In a project, the file the mock comes from and saving writes, and how: a teammate's edit here lands in a file git tracks. */
function MockFile({ project, action }: { project: AnswersProject | null; action: string | null }) {
  const edited = editedFile(project, action);
  if (!edited) return null;
  const state = editedFileHasMistake(project, action) ? 'mistake' : edited.exists ? 'exists' : 'missing';
  return (
    <p className="muted" data-testid="mock-file">
      <CodeParts parts={mockFileWords(edited.file, state)} />
    </p>
  );
}

/** The editor's text as unsaved work, or null when it is what the core holds. */
function draftOf(text: string, format: MockFormat, saved: { text: string; format: MockFormat }): MockDraft | null {
  return text === saved.text && format === saved.format ? null : { text, format, savedText: saved.text, savedFormat: saved.format };
}

/** YAML typed with Format left at JSON (the core saw it read as YAML): the problem says which control reads it so. */
function withFormatHint(errors: DefinitionError[]): DefinitionError[] {
  return errors.map((e) => (e.readsAsYaml ? { ...e, message: `${e.message} ${READS_AS_YAML_HINT}` } : e));
}

/** Problems in the order the editor has them, then those it could not place, with their path. */
function ProblemList({
  label,
  placed,
  unplaced,
  severity,
}: {
  label: string;
  placed: LintMark[];
  unplaced: DefinitionError[];
  severity: LintMark['severity'];
}) {
  if (placed.length === 0 && unplaced.length === 0) return null;
  return (
    <ul className={`mock-problems mock-${severity}s`} aria-label={label}>
      {placed.map((m) => (
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
  );
}

/** Clearing deletes the stored mock for good: asked first, as replacing a mock or clearing history is, saying what answers after. */
function ClearConfirm({ words, after, onClear, onKeep }: { words: string; after: string; onClear: () => void; onKeep: () => void }) {
  return (
    <ConfirmBox what="clearMock" confirm={CONFIRM_WORDS.clearMock} onConfirm={onClear} cancel={KEEP_WORDS.keepIt} onCancel={onKeep}>
      {clearMockQuestion(words, after)}
    </ConfirmBox>
  );
}
