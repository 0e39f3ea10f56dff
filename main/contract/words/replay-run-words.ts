/**
 * A replay run's calls in words, for every front end: the command line's line per replayed call
 * and its summary, the page's lists of a bulk replay's calls. Built from the words a single
 * replay's result already uses (its status, the mock in the handler's place, why forwarding
 * failed), so a call reads the same in a run as on its own.
 */
import type { BulkReplayItem, ReplayFailure } from '../replay';
import { answeredByWords, forwardingFailedWords, statusWords } from './answered-by-words';
import { counted } from './counted';

/** Said of a call a run could not send, before why. */
export const NOT_REPLAYED = 'not replayed';

/** What a front end reads of a run's call: its answer, and why it failed (or what else to know), in one line each. */
export interface ReplayItemWords {
  /** `500`, `no answer`, `200 from the mock: your handler gave no answer`, or `not replayed`. */
  answer: string;
  /**
   * The refusal, the first contract violation, why forwarding failed when the mock answered in
   * the handler's place, or why the handler could not be reached; null when there is nothing.
   */
  why: string | null;
}

/**
 * A run's call in words. `wordRefusal`: the front end's words for a refusal (the command line
 * names flags where the page names its fields).
 */
export function replayItemWords(
  item: Pick<BulkReplayItem, 'answer' | 'violation' | 'refusal' | 'error'>,
  wordRefusal: (refusal: ReplayFailure) => string,
): ReplayItemWords {
  if (item.refusal !== null) return { answer: NOT_REPLAYED, why: wordRefusal(item.refusal) };
  if (item.answer === null) return { answer: NOT_REPLAYED, why: item.error };
  const { status, answeredBy } = item.answer;
  // A violation's message already names the failure behind it (a handler that was not reached
  // included); a mock's answer in the handler's place has none, so why forwarding failed is said.
  const why = item.violation?.message ?? forwardingFailedWords(answeredBy, item.error) ?? item.error;
  return { answer: statusWords(status, answeredBy), why };
}

/**
 * How many of a run's replays the mock answered in the handler's place, said beside its counts:
 * they passed without testing a handler. Null when none did.
 */
export function mockAnsweredWords(items: readonly Pick<BulkReplayItem, 'answer'>[]): string | null {
  const count = items.filter((item) => item.answer?.answeredBy === 'fallback-mock').length;
  return count === 0 ? null : `${counted(count, 'replay')} answered ${answeredByWords('fallback-mock')}`;
}
