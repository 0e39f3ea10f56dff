import { foundNobodyThere, type BulkReplaySummary } from '../../../main/contract/api';
import { runNoAnswerWords } from '../../../main/contract/words';

/**
 * A run's calls as its end tells them. A call is replayed when it reached a handler, answered
 * or not: those whose connection found nobody there (nothing listening, an address that cannot
 * be reached) and those never sent are said apart (`, 3 reached nobody, 10 not sent`), so a run
 * to a handler that is not running does not read "13 of 13 calls replayed".
 */
function runCalls(summary: BulkReplaySummary): { replayed: number; apart: string } {
  const nobody = summary.items.filter((item) => item.answer !== null && foundNobodyThere(item.answer.status, item.violation)).length;
  const apart = [nobody > 0 ? `, ${nobody} reached nobody` : '', summary.notSent > 0 ? `, ${summary.notSent} not sent` : ''].join('');
  return { replayed: summary.done - summary.notSent - nobody, apart };
}

/** How an ended run went, in a few words: "Done: 4 of 6 calls replayed, 2 not sent.", "Stopped: 0 of 13 calls replayed, 3 reached nobody, 10 not sent.". */
export function endedRunWords(summary: BulkReplaySummary): string {
  const { replayed, apart } = runCalls(summary);
  if (summary.cancelled) return `Cancelled after ${summary.done} of ${summary.total} calls${apart}.`;
  return `${summary.stopped ? 'Stopped' : 'Done'}: ${replayed} of ${summary.total} calls replayed${apart}.`;
}

/** The toast that tells a run's end: what stopped it when something did, else how many calls it replayed. */
export function endedRunToast(summary: BulkReplaySummary): string {
  if (summary.stopped && summary.noAnswer) return `Bulk replay stopped: ${runNoAnswerWords(summary.noAnswer)}`;
  const { replayed, apart } = runCalls(summary);
  return summary.cancelled
    ? `Bulk replay cancelled after ${summary.done} of ${summary.total}${apart}`
    : `Bulk replay done: ${replayed} calls replayed${apart}`;
}
