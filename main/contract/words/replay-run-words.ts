/**
 * A replay run's calls in words, for every front end: the command line's line per replayed call
 * and its summary, the page's lists of a bulk replay's calls. Built from the words a single
 * replay's result already uses (its status, the mock in the handler's place, why forwarding
 * failed), so a call reads the same in a run as on its own.
 */
import type { BulkReplayItem } from '../bulk-replay';
import type { ReplayAnswer, ReplayFailure, ReplayOutcome } from '../replay-outcome';
import { answeredByWords, forwardingFailedWords, statusWords } from './answered-by-words';
import { problemWords, refusedForRequest } from './call-problem-words';
import { counted, listedWords } from './counted';
import { cap } from './said';
import { redactUrlCredentials } from '../url-credentials';
import type { Vocabulary } from './vocabulary';

/**
 * How a replay was signed, for its result: `re-signed (python)`, the registration check sent
 * unsigned though re-signing was chosen (a result reading "re-signed" would be wrong, and one
 * reading nothing would pass for an as-is replay), or null when the original bytes went.
 */
export function replaySigningWords({ mode, signedStyle }: Pick<ReplayOutcome, 'mode' | 'signedStyle'>): string | null {
  if (signedStyle !== null) return `re-signed (${signedStyle})`;
  return mode === 'as-is' ? null : 'unsigned registration check, fresh timestamp (as Flowent sends it)';
}

/**
 * Why a replay of the original bytes may have been refused where the original was accepted:
 * it carried the original's signature and timestamp, which a handler guarding against replays
 * (a signature seen before) or old timestamps refuses, and re-signing is what sends it as
 * Flowent would now. Said on a 401 or 403 after a 2xx original; null otherwise.
 */
export function originalSignatureRefusedWords(
  replay: Pick<ReplayOutcome, 'mode' | 'signedStyle' | 'status' | 'original'>,
  say: Pick<Vocabulary, 'replayResigned'>,
): string | null {
  const refused = replay.status === 401 || replay.status === 403;
  const originalPassed = replay.original.status >= 200 && replay.original.status < 300;
  if (replay.mode !== 'as-is' || replay.signedStyle !== null || !refused || !originalPassed) return null;
  return `Replayed with the original's signature and timestamp, which a handler that refuses replays or old timestamps rejects. ${cap(say.replayResigned)}.`;
}

/**
 * The handler a companion's webhook forwarded a replay to, as the webhook said (see
 * ReplayOutcome.forwardTarget), a password in it as `***` whatever the webhook sent: "your handler
 * at http://127.0.0.1:8099/actions/send_email, behind this companion's webhook". Said by a run's
 * end line before how that handler gave no answer, by each replay's line on the command line, and
 * by the page's replay result: the webhook's own URL, where the replay was sent, names no handler.
 */
export function handlerBehindWebhookWords(forwardTarget: string): string {
  return `your handler at ${redactUrlCredentials(forwardTarget)}, behind this companion's webhook`;
}

/** Where a companion's webhook sent a call, beside the call's answer: `forwarded to your handler at <url>, behind this companion's webhook`. */
export function forwardedToWords(forwardTarget: string): string {
  return `forwarded to ${handlerBehindWebhookWords(forwardTarget)}`;
}

/** Said of a call a run refused before sending it, before why: no handler saw it, so it is no failure of one. */
export const NOT_SENT = 'not sent';

/** What a front end reads of a run's call: its answer, and why it failed (or what else to know), in one line each. */
export interface ReplayItemWords {
  /**
   * `500`, `no answer`, `200 from the mock: your handler gave no answer`, `400 refused: no
   * parameters`, or `not sent`; led by the original's when that was another
   * (`400 refused: no parameters → 200`).
   */
  answer: string;
  /**
   * The refusal, the first contract violation, why forwarding failed when the mock answered in
   * the handler's place, why the handler could not be reached, or what changed of an answer
   * whose status stayed; null when there is nothing.
   */
  why: string | null;
}

/**
 * An answer as a replay's line says it: its status and, when a companion refused the call for
 * the request, why, in the words a call's line uses (`400 refused: no parameters`).
 */
export function replayAnswerWords(answer: ReplayAnswer): string {
  return statusWords(answer.status, answer.answeredBy) + refusalWords(answer);
}

function refusalWords(answer: ReplayAnswer): string {
  return refusedForRequest(answer) ? ` refused: ${problemWords(answer.problem)}` : '';
}

/**
 * The replay's answer after the original's when they differ in status or refusal
 * (`400 refused: no parameters → 200`): a changed answer's list that gave the new status alone
 * left the reader to open both calls to learn what it changed from.
 */
export function answerChangeWords(original: ReplayAnswer | null, answer: ReplayAnswer): string {
  const after = replayAnswerWords(answer);
  if (original !== null && handlerStillUnreached(original, answer)) return `${after} (${stillUnreachedWords(original.status)})`;
  if (original === null || !statusOrRefusalChanged(original, answer)) return after;
  return `${replayAnswerWords(original)} → ${after}`;
}

/**
 * The handler was not reached either time: the original got the companion's 502/504 in its
 * place, the replay sent to it straight got no answer. The same cause by another route, so
 * not a changed answer.
 */
export function handlerStillUnreached(original: ReplayAnswer | null, answer: ReplayAnswer): boolean {
  return original !== null && original.answeredBy === 'forward-error' && answer.status === 0;
}

/** Why no answer to a replay is its original's outcome (see handlerStillUnreached), after the original's status. */
export function stillUnreachedWords(originalStatus: number): string {
  return `as the original's ${originalStatus}: your handler still cannot be reached`;
}

function statusOrRefusalChanged(original: ReplayAnswer, answer: ReplayAnswer): boolean {
  return (original.status !== answer.status || refusalWords(original) !== refusalWords(answer)) && !handlerStillUnreached(original, answer);
}

/** What changed of an answer whose status stayed: `the body changed`; null when nothing did, or the status changed. */
function sameStatusChangeWords(item: Pick<BulkReplayItem, 'verdict' | 'changed'>): string | null {
  if (item.verdict !== 'changed' || item.changed === null) return null;
  const { headers, body } = item.changed;
  if (body && headers) return 'the body and headers changed';
  if (body) return 'the body changed';
  return headers ? 'the headers changed' : null;
}

/**
 * A run's call in words. `wordRefusal`: the front end's words for a refusal (the command line
 * names flags where the page names its fields). `wordNoTarget`: the front end's words for a
 * companion's webhook that had no forwarding target for the action; without it, the webhook's
 * own message is said, which names the command line's steps (`targets set`, `--forward`).
 */
export function replayItemWords(
  item: Pick<BulkReplayItem, 'action' | 'verdict' | 'answer' | 'original' | 'changed' | 'violation' | 'refusal' | 'error'>,
  wordRefusal: (refusal: ReplayFailure) => string,
  wordNoTarget?: (action: string | null) => string,
): ReplayItemWords {
  if (item.refusal !== null) return { answer: NOT_SENT, why: wordRefusal(item.refusal) };
  if (item.answer === null) return { answer: NOT_SENT, why: item.error };
  const answer = answerChangeWords(item.original, item.answer);
  const statusChanged = item.original !== null && statusOrRefusalChanged(item.original, item.answer);
  // A violation's message already names the failure behind it (a handler that was not reached
  // included); a mock's answer in the handler's place has none, so why forwarding failed is said.
  const noTarget = item.violation?.cause === 'no-target' && wordNoTarget ? wordNoTarget(item.action) : null;
  const why =
    noTarget ??
    item.violation?.message ??
    forwardingFailedWords(item.answer.answeredBy, item.error) ??
    item.error ??
    (statusChanged ? null : sameStatusChangeWords(item));
  return { answer, why };
}

/**
 * How many of a run's replays the mock answered in the handler's place, said beside its counts:
 * they passed without testing a handler. Null when none did.
 */
export function mockAnsweredWords(items: readonly Pick<BulkReplayItem, 'answer'>[]): string | null {
  const count = items.filter((item) => item.answer?.answeredBy === 'fallback-mock').length;
  return count === 0 ? null : `${counted(count, 'replay')} answered ${answeredByWords('fallback-mock')}`;
}

/**
 * What a replay to a typed target carried of the calls' own credentials: a replay sends the
 * headers Flowent's call came with, to whatever URL was typed. Names only, never the values;
 * the command line's note (`calls: 'several'`, said once per run) and the page's result (one call) share it.
 */
export function credentialsSentWords(target: string, names: readonly string[], calls: 'one' | 'several'): string {
  const headers = names.length === 1 ? 'header' : 'headers';
  const [replays, own, stored] = calls === 'one' ? ['replay', "call's", 'it'] : ['replays', "calls'", 'them'];
  return `the ${replays} to ${redactUrlCredentials(target)} carried the ${own} own ${listedWords(names)} ${headers}, as stored with ${stored}; replay to a URL you trust with ${names.length === 1 ? 'it' : 'them'}.`;
}
