/**
 * A bulk run's calls counted in words, one way for every front end: the page's line and toast
 * at a run's end, and the command line's counts line, say the same numbers with the same
 * meaning. A call is replayed when it reached a handler, answered or not; those that found
 * nobody there (nothing listening, an address that cannot be reached) and those never sent are
 * said apart, so a run to a handler that is not running does not read "13 of 13 calls replayed".
 */
import { foundNobodyThere, type BulkReplaySummary } from '../bulk-replay';
import { countWords } from './counted';
import { NOT_SENT, runNoAnswerWords } from './replay-run-words';

/** A run's calls: replayed (reached a handler), and of those how many passed, changed, failed; then the calls apart. */
export interface RunCallCounts {
  replayed: number;
  passed: number;
  changed: number;
  /** Replays that reached a handler and failed: those that found nobody there are not among them. */
  failed: number;
  reachedNobody: number;
  notSent: number;
}

/** How a run's calls count, from its summary (see RunCallCounts). */
export function runCallCounts(
  summary: Pick<BulkReplaySummary, 'done' | 'passed' | 'changed' | 'failed' | 'notSent' | 'items'>,
): RunCallCounts {
  // A replay that found nobody there always fails (no answer is a violation): it is taken from the failed.
  const reachedNobody = summary.items.filter((item) => item.answer !== null && foundNobodyThere(item.answer.status, item.violation)).length;
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
