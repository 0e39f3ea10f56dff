/**
 * What the page says as a mock is edited, saved, cleared or made from a call: the questions
 * before what cannot be undone, and why a mock saved does not answer yet. The command line says
 * its own of the same acts in answer-setting-words.ts, after the change, in its flags.
 */

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
 * A call's answer made a mock (`mock`: "the mock for send_email"); `forwarded`: its action when
 * the action's route forwards, so the mock does not answer yet, else null.
 */
export function mockFromCallSavedWords(mock: string, forwarded: string | null): string {
  return forwarded === null
    ? `Saved as ${mock}`
    : `Saved as ${mock}, but ${forwarded} forwards to your handler, so the mock does not answer yet.`;
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

/** Asked before the Answers dialog closes over unsaved `changes` (draftsWords and the targets typed). */
export function unsavedAnswersQuestion(changes: string): string {
  return `Unsaved changes to ${changes}: discard them and close, or keep editing and save first?`;
}
