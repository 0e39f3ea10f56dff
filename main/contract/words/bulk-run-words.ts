/**
 * A bulk run's calls counted in words, one way for every front end: the page's line and toast
 * at a run's end, and the command line's counts line, say the same numbers with the same
 * meaning. A call is replayed when it reached a handler, answered or not; those that found
 * nobody there (nothing listening, an address that cannot be reached) and those never sent are
 * said apart, so a run to a handler that is not running does not read "13 of 13 calls replayed".
 */
import { foundNobodyThere, type BulkReplaySummary } from '../bulk-replay';
import type { BulkReplayNoAnswer } from '../replay-outcome';
import type { NoAnswerCause } from '../shared';
import { redactUrlCredentials } from '../url-credentials';
import { noAnswerCausePhrase, noAnswerPhrase } from './answer-mark-words';
import { counted, countWords } from './counted';
import { handlerBehindWebhookWords, NOT_SENT } from './replay-run-words';

/** A run's calls: replayed (reached a handler), and of those how many passed, changed, failed; then the calls apart. */
interface RunCallCounts {
  replayed: number;
  passed: number;
  changed: number;
  /** Replays that reached a handler and failed: those that found nobody there are not among them. */
  failed: number;
  reachedNobody: number;
  notSent: number;
}

/** How a run's calls count, from its summary (see RunCallCounts). */
function runCallCounts(summary: Pick<BulkReplaySummary, 'done' | 'passed' | 'changed' | 'failed' | 'notSent' | 'items'>): RunCallCounts {
  // A replay that found nobody there always fails (no answer is a violation): it is taken from the failed.
  const reachedNobody = summary.items.filter((item) => item.answer !== null && foundNobodyThere(item.answer, item.violation)).length;
  return {
    replayed: summary.done - summary.notSent - reachedNobody,
    passed: summary.passed,
    changed: summary.changed,
    failed: summary.failed - reachedNobody,
    reachedNobody,
    notSent: summary.notSent,
  };
}

/** The calls said apart from those replayed, `3 reached nobody, 10 not sent`; empty when there are none. */
function apartWords({ reachedNobody, notSent }: RunCallCounts): string {
  const apart = [
    reachedNobody > 0 ? `${countWords(reachedNobody)} reached nobody` : null,
    notSent > 0 ? `${countWords(notSent)} ${NOT_SENT}` : null,
  ];
  return apart.filter((part): part is string => part !== null).join(', ');
}

/** `, 3 reached nobody, 10 not sent` after what comes before it; empty when there are none. */
function afterComma(counts: RunCallCounts): string {
  const apart = apartWords(counts);
  return apart === '' ? '' : `, ${apart}`;
}

/** How an ended run went, in a few words: "Done: 4 of 6 calls replayed, 2 not sent.", "Stopped: 0 of 13 calls replayed, 3 reached nobody, 10 not sent.". */
export function endedRunWords(summary: BulkReplaySummary): string {
  const counts = runCallCounts(summary);
  if (summary.cancelled) return `Cancelled after ${countWords(summary.done)} of ${countWords(summary.total)} calls${afterComma(counts)}.`;
  return `${summary.stopped ? 'Stopped' : 'Done'}: ${countWords(counts.replayed)} of ${countWords(summary.total)} calls replayed${afterComma(counts)}.`;
}

/** Where a run that goes on is: "Replaying 2 of 6…". */
export function runningRunWords(done: number, total: number): string {
  return `Replaying ${done} of ${total}…`;
}

/** A run that ended while this page was not told how (it was away): where it was last seen. */
export function endMissedWords(done: number, total: number): string {
  return `Ended, but how never reached this page (last seen: ${done} of ${total}). Its replays are in the list.`;
}

/** The page's Bulk replay button while a run goes on with its dialog closed. */
export function runningButtonWords(done: number, total: number): string {
  return `Bulk replay: ${done} of ${total}…`;
}

/** The Bulk replay button's title: what it replays. */
export const BULK_REPLAY_TITLE = 'Replay the calls of this filter';

/** The run before, folded under the form of a new one: how it went (`runWords`, endedRunWords or the like). */
export function lastRunWords(runWords: string): string {
  return `Last bulk replay: ${runWords}`;
}

/** The toast that tells a run's end: what stopped it when something did, else how many calls it replayed. */
export function endedRunToast(summary: BulkReplaySummary): string {
  if (summary.stopped && summary.noAnswer) return `Bulk replay stopped: ${runNoAnswerWords(summary.noAnswer)}`;
  const counts = runCallCounts(summary);
  return summary.cancelled
    ? `Bulk replay cancelled after ${countWords(summary.done)} of ${countWords(summary.total)}${afterComma(counts)}`
    : `Bulk replay done: ${countWords(counts.replayed)} calls replayed${afterComma(counts)}`;
}

/**
 * The command line's counts of a run, the verdicts of the calls that reached a handler, then
 * the calls apart: "0 replayed: 0 passed, 0 passed with a changed answer, 0 failed; 3 reached
 * nobody, 10 not sent". The command line adds what only it knows (a cancel, ids not found).
 */
export function runCountsWords(summary: BulkReplaySummary): string {
  const counts = runCallCounts(summary);
  const apart = apartWords(counts);
  const verdicts = `${countWords(counts.passed)} passed, ${countWords(counts.changed)} passed with a changed answer, ${countWords(counts.failed)} failed`;
  return `${countWords(counts.replayed)} replayed: ${verdicts}${apart === '' ? '' : `; ${apart}`}`;
}

/** What a refused connection means, said after it: the port has nobody on it. */
const CAUSE_DETAIL: Partial<Record<NoAnswerCause, string>> = { refused: ' (nothing is listening)' };

/**
 * How a run's replays got no answer, with where: "your handler at http://127.0.0.1:8099/actions/send_email
 * refused the connection (nothing is listening)"; through a companion's webhook that answered in
 * its handler's place, that handler, at the address the webhook said it forwarded to: "your
 * handler at http://127.0.0.1:8099/actions/send_email, behind this companion's webhook, refused
 * the connection (nothing is listening)". A webhook too old to say is named instead: "your
 * handler behind this companion's webhook at http://127.0.0.1:8787/actions/send_email ...".
 */
export function runNoAnswerWords({ cause, answeredBy, url, behindWebhook, forwardTarget }: BulkReplayNoAnswer): string {
  const phrase = !behindWebhook
    ? noAnswerPhrase(answeredBy, cause, redactUrlCredentials(url))
    : forwardTarget === null
      ? `your handler behind this companion's webhook at ${redactUrlCredentials(url)} ${noAnswerCausePhrase(cause)}`
      : `${handlerBehindWebhookWords(forwardTarget)}, ${noAnswerCausePhrase(cause)}`;
  return `${phrase}${CAUSE_DETAIL[cause] ?? ''}`;
}

/**
 * What to do when a run's replays found nobody there (start who is not running, check an
 * address that cannot be reached), then run again; null for another way of getting no answer,
 * which each replay's own line says what to do about. Behind a companion's webhook, the handler
 * is where the action's forwarding target points: pointing it elsewhere is the other way.
 */
export function nobodyThereTodo({
  cause,
  answeredBy,
  behindWebhook,
}: Pick<BulkReplayNoAnswer, 'cause' | 'answeredBy' | 'behindWebhook'>): string | null {
  if (behindWebhook) {
    if (cause === 'refused') return "Start your handler, or point the action's forwarding target elsewhere, and run again.";
    return cause === 'unreachable' ? "Check the action's forwarding target and run again." : null;
  }
  if (cause === 'refused')
    return answeredBy === 'companion-error' ? 'Start the companion there again and run again.' : 'Start your handler and run again.';
  return cause === 'unreachable' ? 'Check the URL and run again.' : null;
}

/**
 * A run's end said once, when its failed replays share how they got no answer: why it stopped
 * ("Stopped after 3 calls: your handler at <url> refused the connection (nothing is
 * listening). 990 calls not sent. Start your handler and run again."), else the way every failed
 * replay got none ("All 2 failed replays: your handler at <url> did not answer in time.").
 * Null when neither: each failed replay's own line says why.
 */
export function runEndCauseWords({ stopped, noAnswer }: Pick<BulkReplaySummary, 'stopped' | 'noAnswer'>): string | null {
  if (noAnswer === null) return null;
  const todo = nobodyThereTodo(noAnswer);
  const then = todo === null ? '' : ` ${todo}`;
  if (stopped !== null)
    return `Stopped after ${counted(stopped.sent, 'call')}: ${runNoAnswerWords(noAnswer)}. ${counted(stopped.left, 'call')} ${NOT_SENT}.${then}`;
  const which = noAnswer.replays === 1 ? 'The failed replay' : `All ${countWords(noAnswer.replays)} failed replays`;
  return `${which}: ${runNoAnswerWords(noAnswer)}.${then}`;
}
