/**
 * The labels of a bulk replay's progress and result on the page: its heading, its counts by
 * verdict and the lists they open, and its buttons (the sentences about the run: bulk-run-words.ts).
 */
import type { BulkReplayVerdict } from '../api';

/**
 * The counts are exclusive: a replay that fails is counted failed whatever its answer changed
 * from (its line says `200 → 502`), so the changed count says it counts only passing replays: a
 * "Changed answer 0" above a Failed list of changed answers contradicted itself. Calls refused
 * before sending (no target) are Not sent: counted Failed, they read as handlers that failed.
 */
export const BULK_VERDICT_LABELS: Record<BulkReplayVerdict, string> = {
  passed: 'Passed',
  changed: 'Passed with a changed answer',
  failed: 'Failed',
  notSent: 'Not sent',
};

/** The list of calls each count opens, named for a screen reader. */
export const BULK_VERDICT_LIST_LABELS: Record<BulkReplayVerdict, string> = {
  passed: 'Passed calls',
  changed: 'Calls passed with a changed answer',
  failed: 'Failed calls',
  notSent: 'Calls not sent',
};

/** The names of the run's parts, for a screen reader (the whole keeps its name once the run has ended). */
export const BULK_PROGRESS_LABELS = {
  whole: 'Bulk replay progress',
  bar: 'Replayed so far',
  endCause: 'Why the replays failed',
  counts: 'Bulk replay counts',
  mockAnswered: 'Answered by the mock',
} as const;

/** The run's heading, while it runs and once it `ended`. */
export function bulkProgressHeading(ended: boolean): string {
  return ended ? 'Bulk replay result' : BULK_PROGRESS_LABELS.whole;
}

/** The run's cancel button, and what it says once pressed. */
export function cancelRunLabel(cancelling: boolean): string {
  return cancelling ? 'Cancelling…' : 'Cancel';
}

/** The button that goes on to a new run once one has ended. */
export const NEW_BULK_REPLAY = 'New bulk replay';
