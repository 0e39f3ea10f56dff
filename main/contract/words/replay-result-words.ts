/**
 * The page's replay panel in words: its buttons (which the page's vocabulary names, in the
 * failures that say to press one), a call it cannot send, and its result: the verdict and how
 * the answer differs from the original's. The command line's `replay` says the result on a line
 * per call (replay-run-words.ts) and its `--diff` with the same status and header words.
 */
import type { AnswerDiff, ReplayOutcome } from '../replay-outcome';
import { noAnswerCause, noAnswerPhrase } from './answer-mark-words';
import { statusNumberWords } from './answered-by-words';
import { problemWords, refusedForRequest } from './call-problem-words';
import { stillUnreachedWords } from './replay-run-words';
import { cap } from './said';

/** The panel's buttons; the page's vocabulary and the handler's diagnosis name the first two. */
export const REPLAY_BUTTONS = {
  asIs: 'Replay as is',
  resigned: 'Replay re-signed',
  edit: 'Edit parameters…',
  copyCurl: 'Copy as cURL',
  copyCurlResigned: 'Copy as cURL, re-signed',
  exportHar: 'Export as HAR',
  exporting: 'Exporting…',
  sendToCompanion: 'Send to this companion instead',
} as const;

/** While a replay is on its way. */
export const REPLAYING = 'Replaying…';

/** A call whose body (`size`, as the page writes sizes) was over the limit: refused unread, so there is nothing to send. */
export function unstoredBodyWords(size: string): string {
  return `Nothing to replay or copy: this call's body (${size}) was refused before it was read, so it was not kept.`;
}

/** The result's Signature fact when the original bytes went. */
export const NOT_RE_SIGNED = 'not re-signed (original signature)';

const REPLAY_VERDICT: Record<ReplayOutcome['verdict'], string> = {
  passed: 'passed: same answer, no contract problem',
  changed: 'changed: another answer, no contract problem',
  failed: 'failed: the answer breaks Flowent’s contract',
};

/**
 * The result's verdict, and for a replay a companion's webhook refused for its request, why, in a
 * call line's words: its refusal breaks no contract (nothing answered to check), yet it failed.
 * No answer came, so none broke the contract: how none came, as `replay` and the call's details say it.
 */
export function replayVerdictWords(outcome: Pick<ReplayOutcome, 'answeredBy' | 'problem' | 'verdict' | 'violations'>): string {
  const { answeredBy, problem } = outcome;
  if (refusedForRequest({ answeredBy, problem })) return `failed: refused: ${problemWords(problem)}`;
  const cause = noAnswerCause(outcome.violations);
  return cause === null ? REPLAY_VERDICT[outcome.verdict] : `failed: ${noAnswerPhrase(answeredBy, cause)}`;
}

/**
 * The replay's status against the original's (`status 200 → 401`), for `replay --diff` and the
 * page's diff; `stillUnreached`: the handler was not reached either time, said as the original's
 * outcome (handlerStillUnreached).
 */
export function statusDiffWords(status: Pick<AnswerDiff['status'], 'before' | 'after'>, stillUnreached: boolean): string {
  const change = `status ${statusNumberWords(status.before)} → ${statusNumberWords(status.after)}`;
  return stillUnreached ? `${change} (${stillUnreachedWords(status.before)})` : change;
}

/** The page's diff heads with the status, changed or not, and says when it changed. */
export function statusDiffLineWords(status: AnswerDiff['status'], stillUnreached: boolean): string {
  const line = cap(statusDiffWords(status, stillUnreached));
  return status.changed && !stillUnreached ? `${line} (changed)` : line;
}

/** A header's value before and after (`(none)` where it was not sent). */
export function headerDiffWords(before: string | null, after: string | null): string {
  return `${before ?? '(none)'} → ${after ?? '(none)'}`;
}

/** Over the diff of an answer that did not change. */
export const SAME_ANSWER_AS_ORIGINAL = "The answer is the same as the original's.";
