/**
 * What the page says as a mock is edited, saved, cleared or made from a call: the questions
 * before what cannot be undone, why a mock saved does not answer yet, where a project's mock is
 * written, and what failed. The command line says its own of the same acts in
 * answer-setting-words.ts, after the change, in its flags.
 */
import type { CodePart } from './code-parts';
import { listedWords } from './counted';

/** A mock saved from the editor; the command line's `mocks set` says where it went instead (mockStoredWords). */
export const MOCK_SAVED = 'Mock saved';

export const MOCK_CLEARED = 'Mock cleared';

/** Heads the banner when the save itself failed (the companion not reached, a request refused). */
export const MOCK_NOT_SAVED = 'Could not save the mock';

/** The editor's check could not be asked for (`reason`: what went wrong), listed as its one problem. */
export function mockNotCheckedWords(reason: string): string {
  return `Could not check the mock: ${reason}`;
}

/** Why a mock was not saved, where its problems are listed beside the editor (not the first one again). */
export function mockNotSavedWords(problems: number): string {
  const count = problems === 1 ? 'a problem' : `${problems} problems`;
  return `The mock was not saved: it has ${count}, listed below.`;
}

/** Said after a mock problem when the text, with Format at JSON, reads as YAML: the control that reads it so. */
export const READS_AS_YAML_HINT = 'It looks like YAML: set Format to YAML.';

/** Heads a mock's breaches of Flowent's contract: warnings, as a failing answer may be what the developer wants. */
export const MOCK_BREAKS_CONTRACT = 'Breaks Flowent\'s contract (it can still be saved, to try a flow\'s "on action failure" branch):';

/**
 * A call's answer made the mock of its `action` (null: the default mock, for a call that names
 * none); `forwards`: the action's route forwards, so the mock does not answer yet.
 */
export function mockFromCallSavedWords(action: string | null, forwards: boolean): string {
  if (action === null) return 'Saved as the default mock';
  const mock = `the mock for ${action}`;
  return forwards ? `Saved as ${mock}, but ${action} forwards to your handler, so the mock does not answer yet.` : `Saved as ${mock}`;
}

/** A call's answer could not be made a mock; `why`, when the companion refused it (a failure in the page's words). */
export function mockFromCallFailedWords(id: number, why: string | null = null): string {
  const failed = `Could not make a mock from call #${id}`;
  return why === null ? failed : `${failed}: ${why}`;
}

/** Beside "make a mock from this answer" when the answer breaks the contract: copying a failure can be the point, not a surprise. */
export const MOCK_COPIES_FAILURE =
  'This answer breaks Flowent\'s contract: a mock made from it answers the same, so Flowent would take the flow\'s "on action failure" branch.';

/** Asked before a call's answer replaces `mock` (ownMockWords). */
export function replaceMockQuestion(mock: string): string {
  return `Replace ${mock} with this call's answer? The mock you have now is not kept.`;
}

/** Asked before `mock` is cleared for good, with what answers `after` it (mockUseWords). */
export function clearMockQuestion(mock: string, after: string): string {
  return `Clear ${mock}? It is deleted, not kept anywhere. Afterwards: ${after}`;
}

/** A mock with unsaved edits, as the question before clearing it names it (`action` null: the default mock). */
export function editedMockWords(action: string | null): string {
  return action === null ? 'the default mock' : `the mock of ${action}`;
}

/** Beside an action in the dialog's list whose mock has edits not saved. */
export const MOCK_EDITS_KEPT = 'Mock edits not saved yet: kept while the dialog is open';

/**
 * The mocks with unsaved edits (`null`: the default mock): "the mock of send_email", "the
 * default mock and the mocks of charge_card and send_email". Null when there are none.
 */
function editedMocksWords(actions: readonly (string | null)[]): string | null {
  if (actions.length === 0) return null;
  const named = actions.filter((action) => action !== null).sort();
  const parts: string[] = [];
  if (actions.includes(null)) parts.push('the default mock');
  if (named.length === 1) parts.push(`the mock of ${named[0]}`);
  else if (named.length > 1) parts.push(`the mocks of ${listedWords(named)}`);
  return parts.join(' and ');
}

/** A forward target typed and not saved: "the forward target URL of send_email". */
function typedTargetWords(action: string | null): string {
  return action === null ? 'the default forward target URL' : `the forward target URL of ${action}`;
}

/**
 * What the Answers dialog holds unsaved, as the close question and the warning before leaving
 * the page name it: the mocks edited, then the targets typed, in the order given (`null`: the
 * default's). Null when there is nothing.
 */
export function unsavedAnswersWords(mocks: readonly (string | null)[], targets: readonly (string | null)[]): string | null {
  return [editedMocksWords(mocks), ...targets.map(typedTargetWords)].filter(Boolean).join(' and ') || null;
}

/**
 * In a project, what becomes of the file the mock editor's text comes from (`file`, as serve's
 * banner names it: `flowent/answers/send_email.yaml`) when saved: with a mistake, saving would
 * overwrite it; there, saving writes into it; not there yet, saving writes it.
 */
export function mockFileWords(file: string, state: 'mistake' | 'exists' | 'missing'): CodePart[] {
  if (state === 'mistake')
    return [
      { text: "The project's " },
      { code: file },
      { text: ' has a mistake (said above): fix it in the file first, as saving here would overwrite it.' },
    ];
  if (state === 'missing') return [{ text: 'The project has no ' }, { code: file }, { text: ': saving writes it.' }];
  return [
    { text: "From the project's " },
    { code: file },
    {
      text: ": saving writes the mock into that file as typed here, comments included (JSON is written as YAML, the file's comments kept), its ",
    },
    { code: 'version:' },
    { text: ', ' },
    { code: 'mode:' },
    { text: ' and ' },
    { code: 'forward:' },
    { text: ' lines left as they are; clearing removes the mock from it.' },
  ];
}

/** Under the mock editor: what a mock's bodies may hold, and how its rules are chosen. */
export const MOCK_TEMPLATE_NOTE: readonly CodePart[] = [
  { text: 'Bodies are templates: ' },
  { code: '{{parameters.recipient}}' },
  { text: ', ' },
  { code: '{{action_name}}' },
  { text: ', ' },
  { code: '{{now}}' },
  { text: ', ' },
  { code: '{{uuid}}' },
  { text: '. Rules are tried in order; the fallback answers when none matches.' },
];

/** Asked before the Answers dialog closes over unsaved `changes` (unsavedAnswersWords). */
export function unsavedAnswersQuestion(changes: string): string {
  return `Unsaved changes to ${changes}: discard them and close, or keep editing and save first?`;
}
