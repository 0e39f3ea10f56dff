import { ConfirmBox } from '../shared/ConfirmBox';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AnswerMode, AnswerSettings } from '../../../main/contract/api';
import { formatDuration } from '../shared/format';
import { loadAnswerSettings, saveForwardTarget, saveAnswerMode } from './answers-actions';
import { closePanel, setUnsavedWork } from '../page/ui-actions';
import { useUnsavedWork } from '../page/use-unsaved-work';
import { useMetaStore } from '../page/stores';
import { useCallsStore } from '../history/calls-store';
import { useAnswersStore } from './answers-store';
import { answerFor } from './answer-routes';
import { Dialog } from '../shared/Dialog';
import { MockSection } from './MockSection';
import { ErrorLine } from '../shared/ErrorLine';
import { focusFell } from '../shared/focusable';
import { actionOfKey, DEFAULT_KEY, type MockDraft } from './mock-drafts';
import { actionsOfMistakenFiles, answeringFile, answerFileMistakes, type AnswersProject } from './answer-files';
import {
  actionAnswerWords,
  ANSWER_SETTINGS_LOADING,
  fileMistakeHeading,
  handlerUnreachableWords,
  MOCK_EDITS_KEPT,
  noTargetToRemoveWords,
  problemPlace,
  startupForwardTargetWords,
  unsavedAnswersQuestion,
  unsavedAnswersWords,
  unsetModeWords,
  CONFIRM_WORDS,
  KEEP_WORDS,
  DIALOG_WORDS,
  SECTION_NAMES,
} from '../../../main/contract/words';

/**
 * How the companion answers calls, per action or for all: a mock, or forwarding to the
 * developer's handler. With a project open (`project`) they are its answer files, and the
 * dialog's changes are written into them.
 */
export function AnswersDialog({ project }: { project: AnswersProject | null }) {
  const answers = useMetaStore((s) => s.answers);
  const perAction = useMetaStore((s) => s.stats?.perAction);
  // Opened on an action (a mock just made from its call), or with a call selected: about that action.
  const [key, setKey] = useState(() => useAnswersStore.getState().openOn ?? useCallsStore.getState().detail?.call?.action ?? DEFAULT_KEY);
  useEffect(() => {
    useAnswersStore.setState({ openOn: null });
    void loadAnswerSettings();
  }, []);
  // Unsaved mock edits by action, for as long as the dialog is open: moving to another action
  // keeps them (as the replay editor keeps a call's edits); only closing the dialog drops them,
  // and it asks first, in place, by ×, a click beside the dialog, or Esc.
  const [drafts, setDrafts] = useState<Record<string, MockDraft>>({});
  // A target URL typed and not saved is unsaved work too, kept per action as mock edits are:
  // switching to another action and back finds it as typed.
  const [targetDrafts, setTargetDrafts] = useState<Record<string, string>>({});
  // The drafts as the editors last told them, ahead of the render that shows them: Esc pressed
  // right after a keystroke, before that render, must find the edit unsaved and ask.
  const told = useRef({ drafts, targetDrafts });
  const [closing, setClosing] = useState(false);
  const keepDraft = useCallback((of: string | null, draft: MockDraft | null) => {
    const k = of ?? DEFAULT_KEY;
    // A mock saved (or edited back) while the close question is up: the question is stale.
    if (!draft) setClosing(false);
    const all = told.current.drafts;
    const kept = all[k];
    if (draft ? kept?.text === draft.text && kept.format === draft.format : !kept) return;
    const { [k]: _dropped, ...rest } = all;
    told.current = { ...told.current, drafts: draft ? { ...all, [k]: draft } : rest };
    setDrafts(told.current.drafts);
    setUnsavedWork(unsavedWordsOf(told.current.drafts, told.current.targetDrafts));
  }, []);
  const keepTargetDraft = useCallback((k: string, text: string | null) => {
    const all = told.current.targetDrafts;
    if (text === null ? !(k in all) : all[k] === text) return;
    const { [k]: _dropped, ...rest } = all;
    told.current = { ...told.current, targetDrafts: text === null ? rest : { ...all, [k]: text } };
    setTargetDrafts(told.current.targetDrafts);
    setUnsavedWork(unsavedWordsOf(told.current.drafts, told.current.targetDrafts));
  }, []);
  const edited = Object.keys(drafts);
  const unsavedWords = unsavedWordsOf(drafts, targetDrafts);
  const askBeforeClosing = useCallback(() => setClosing(true), []);
  const keepEditing = useCallback(() => {
    setClosing(false);
    // Back to an edited mock, where its Save button is.
    const first = Object.keys(drafts)[0];
    if (!drafts[key] && first !== undefined) setKey(first);
  }, [drafts, key]);
  // Esc with the question up takes its safe choice, as it does inside the question.
  useUnsavedWork(unsavedWords, closing ? keepEditing : askBeforeClosing);

  // The edits left behind are kept without a toast: the row's "unsaved" mark says so, and a toast
  // at each switch stacked over the editor.
  function pick(next: string) {
    if (next !== key) setKey(next);
  }

  function requestClose() {
    if (unsavedWords) setClosing(true);
    else closePanel();
  }

  const action = actionOfKey(key);
  const names = new Set<string>((perAction ?? []).map((a) => a.action));
  for (const m of answers?.mocks ?? []) if (m.action) names.add(m.action);
  for (const r of answers?.routes ?? []) if (r.action) names.add(r.action);
  for (const name of actionsOfMistakenFiles(project)) names.add(name);
  if (key !== DEFAULT_KEY) names.add(key);
  const sorted = [...names].sort();

  return (
    <Dialog {...DIALOG_WORDS.answers} onClose={requestClose} className="wide answers-dialog">
      {closing && unsavedWords && <CloseConfirm words={unsavedWords} onKeep={keepEditing} />}
      <label className="inline-field action-picker">
        Answers for
        <select value={key} onChange={(e) => pick(e.target.value)}>
          <option value={DEFAULT_KEY}>Default for all actions</option>
          {sorted.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <AnswerFileMistakes project={project} />
      {answers ? (
        <div className="answers-columns">
          <div className="answers-list">
            <RouteList
              answers={answers}
              project={project}
              names={sorted}
              selected={action}
              edited={edited}
              onPick={(name) => pick(name ?? DEFAULT_KEY)}
            />
          </div>
          <div className="answers-detail">
            <RouteSection key={`route-${key}`} action={action} answers={answers} draft={targetDrafts[key]} onDraft={keepTargetDraft} />
            <MockSection
              key={`mock-${key}`}
              action={action}
              stored={answers.mocks.find((m) => m.action === action) ?? null}
              settings={answers}
              project={project}
              draft={drafts[key]}
              onDraft={keepDraft}
            />
          </div>
        </div>
      ) : (
        <SettingsNotLoaded />
      )}
    </Dialog>
  );
}

/** The settings are on their way, or could not be read: why, and a way to ask again. */
function SettingsNotLoaded() {
  const failure = useAnswersStore((s) => s.loadFailure);
  if (!failure) return <p className="muted">{ANSWER_SETTINGS_LOADING}</p>;
  return (
    <div className="load-failure">
      <ErrorLine message={failure} label="Load error" />
      <button type="button" onClick={() => void loadAnswerSettings()}>
        Try again
      </button>
    </div>
  );
}

/** Closing over unsaved changes (mock edits, a forward target typed), by × or Esc: the choice on screen. */
function CloseConfirm({ words, onKeep }: { words: string; onKeep: () => void }) {
  return (
    <ConfirmBox
      what="discardChanges"
      confirm={CONFIRM_WORDS.discardAndClose}
      onConfirm={closePanel}
      cancel={KEEP_WORDS.keepEditing}
      onCancel={onKeep}
    >
      {unsavedAnswersQuestion(words)}
    </ConfirmBox>
  );
}

/**
 * The project's answer files with a mistake, in the words serve and the mocks and targets
 * commands use: what answers meanwhile (its last good version, or nothing of it), and each
 * mistake at its line and column. A file never read good is in no row's "from" otherwise.
 */
function AnswerFileMistakes({ project }: { project: AnswersProject | null }) {
  const mistakes = [...answerFileMistakes(project)];
  if (!project || mistakes.length === 0) return null;
  return (
    <section aria-label={SECTION_NAMES.answerMistakes} className="answer-mistakes">
      {mistakes.map(([file, problems]) => (
        <div key={file}>
          <p>{fileMistakeHeading(file, project.stale)}:</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>
                <code>{problemPlace(problem)}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** Every known action and what answers it now, like a route list; a row opens its settings. */
function RouteList({
  answers,
  project,
  names,
  selected,
  edited,
  onPick,
}: {
  answers: AnswerSettings;
  project: AnswersProject | null;
  names: string[];
  selected: string | null;
  /** The keys of the mocks with unsaved edits kept in the dialog. */
  edited: string[];
  onPick: (action: string | null) => void;
}) {
  const rows: (string | null)[] = [null, ...names];
  // The list scrolls on its own: an action picked from "Answers for" (or opened from a call) is
  // brought into its view, so the row beside the answer being edited is the one that shows.
  const selectedRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <table className="route-list" aria-label={SECTION_NAMES.routes}>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">Answered by</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((name) => {
          const answer = answerFor(answers, name);
          const file = answeringFile(project, name, answer);
          return (
            <tr
              key={name ?? DEFAULT_KEY}
              className={name === selected ? 'selected' : undefined}
              ref={name === selected ? selectedRow : undefined}
            >
              <th scope="row">
                <button type="button" className="link-button" aria-current={name === selected || undefined} onClick={() => onPick(name)}>
                  {name ?? 'Default for all actions'}
                </button>
                {edited.includes(name ?? DEFAULT_KEY) && (
                  <>
                    {' '}
                    <span className="badge answer-edited" title={MOCK_EDITS_KEPT}>
                      unsaved
                    </span>
                  </>
                )}
              </th>
              <td>
                <span className={`badge answer-${answer.mode === 'forward' ? 'handler' : answer.mock}`}>
                  {answer.mode === 'forward' ? 'handler' : answer.mock === 'built-in' ? 'built-in' : 'mock'}
                </span>{' '}
                {actionAnswerWords(answer, name)}
                {file && (
                  <span className="muted">
                    {' '}
                    (from <code>{file}</code>)
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The close question's words for the mocks and targets not saved: null when there are none. */
function unsavedWordsOf(drafts: Record<string, MockDraft>, targetDrafts: Record<string, string>): string | null {
  return unsavedAnswersWords(Object.keys(drafts).map(actionOfKey), Object.keys(targetDrafts).map(actionOfKey));
}

function RouteSection({
  action,
  answers,
  draft,
  onDraft,
}: {
  action: string | null;
  answers: AnswerSettings;
  /** The target typed for this action and not saved, kept by the dialog while another action is shown. */
  draft: string | undefined;
  /** Tells the dialog what the target field of `k` holds unsaved (null: nothing), for its close question. */
  onDraft: (k: string, text: string | null) => void;
}) {
  const route = answers.routes.find((r) => r.action === action) ?? null;
  const [target, setTarget] = useState(draft ?? route?.target ?? '');
  const unsaved = target.trim() !== (route?.target ?? '');
  useEffect(() => {
    onDraft(action ?? DEFAULT_KEY, unsaved ? target : null);
  }, [onDraft, action, unsaved, target]);
  const [modeError, setModeError] = useState<string | null>(null);
  const [targetError, setTargetError] = useState<string | null>(null);

  async function onMode(value: string) {
    const mode = value === '' ? null : (value as AnswerMode);
    setModeError(await saveAnswerMode(action, mode));
  }

  const typed = target.trim();
  // An empty field saves as "no target": with none set, there is nothing to save or remove.
  const nothingToSave = typed === '' && !route?.target;
  // Removed, the target leaves the button unavailable (disabled) under the keyboard, which Chromium
  // drops to the page's body: it lands on the field instead, ready for another URL.
  const targetField = useRef<HTMLInputElement>(null);
  const hadTarget = useRef(Boolean(route?.target));
  useEffect(() => {
    if (hadTarget.current && !route?.target && focusFell()) targetField.current?.focus({ preventScroll: true });
    hadTarget.current = Boolean(route?.target);
  }, [route?.target]);

  async function onTarget(e: FormEvent) {
    e.preventDefault();
    if (nothingToSave) return;
    setTargetError(await saveForwardTarget(action, typed === '' ? null : typed));
  }

  return (
    <section aria-label="Answer mode">
      <h3>Answer with</h3>
      <label className="inline-field">
        Mode
        <select aria-label="Answer mode" value={route?.mode ?? ''} onChange={(e) => void onMode(e.target.value)}>
          <option value="">{unsetModeWords(answers, action)}</option>
          <option value="mock">Mock</option>
          <option value="forward">Forward to your handler</option>
        </select>
      </label>
      <ErrorLine message={modeError} label="Mode error" />
      <form className="key-form" onSubmit={(e) => void onTarget(e)}>
        <label>
          Forward target URL
          <input
            ref={targetField}
            type="text"
            inputMode="url"
            spellCheck={false}
            placeholder="http://localhost:8000/actions/{action_name}"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
        </label>
        <button type="submit" disabled={nothingToSave} title={nothingToSave ? noTargetToRemoveWords(action) : undefined}>
          {typed === '' && route?.target ? 'Remove target' : 'Save target'}
        </button>
      </form>
      <ErrorLine message={targetError} label="Target error" />
      <dl className="facts" aria-label="Forwarding facts">
        <dt>Startup forward target</dt>
        <dd data-testid="startup-forward-target">{startupForwardTargetWords(answers.startupForwardTarget)}</dd>
        <dt>Forward timeout</dt>
        <dd>{formatDuration(answers.forwardTimeoutMs)}</dd>
        <dt>Handler unreachable</dt>
        <dd>{handlerUnreachableWords(answers.fallbackToMock)}</dd>
      </dl>
    </section>
  );
}
