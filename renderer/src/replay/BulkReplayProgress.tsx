import { useEffect, useRef, useState } from 'react';
import type { BulkReplayVerdict } from '../../../main/contract/api';
import {
  BULK_PROGRESS_LABELS,
  BULK_VERDICT_LABELS,
  BULK_VERDICT_LIST_LABELS,
  bulkProgressHeading,
  cancelRunLabel,
  endedRunWords,
  endMissedWords,
  mockAnsweredWords,
  NEW_BULK_REPLAY,
  runEndCauseWords,
  runningRunWords,
} from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { BulkReplayItems } from './BulkReplayItems';
import { cancelBulkReplay } from './replay-bulk-actions';
import type { BulkRun } from './replay-store';
import { BusyButton } from '../shared/BusyButton';
import { focusFell } from '../shared/focusable';

type Verdict = BulkReplayVerdict;
const VERDICTS: readonly Verdict[] = ['passed', 'changed', 'failed', 'notSent'];

/** Where a run is, in a few words: "Replaying 2 of 6…", "Done: 4 of 6 calls replayed, 2 not sent." (see endedRunWords). */
export function describeRun(run: BulkRun): string {
  const { done, total } = run.counts;
  if (!run.summary) return runningRunWords(done, total);
  if (run.endMissed) return endMissedWords(done, total);
  return endedRunWords(run.summary);
}

/**
 * A run's progress bar and cancel button, then its summary, each count opening its calls.
 * `onNew`: the button that goes on to a new run, once this one has ended (none for a last run shown under the form).
 */
export function BulkReplayProgress({ run, onNew }: { run: BulkRun; onNew?: () => void }) {
  const [shown, setShown] = useState<Verdict | null>(null);
  const { done, total } = run.counts;
  const summary = run.summary;
  const mockAnswered = summary ? mockAnsweredWords(summary.items) : null;
  // Said once for the run, where the reader looks: else only each failed call's line says why.
  const endCause = summary ? runEndCauseWords(summary) : null;
  const heading = useRef<HTMLHeadingElement>(null);
  const ended = summary !== null;
  // The form that started the run, then Cancel when it ends, go away under the keyboard's focus:
  // it moves to what took their place, this heading, rather than falling to the page's body.
  // Only the dialog's own run (the one with onNew), not a last run folded under the form.
  const current = onNew !== undefined;
  useEffect(() => {
    if (current && focusFell()) heading.current?.focus({ preventScroll: true });
  }, [current, ended]);
  return (
    <div className="bulk-progress" aria-label={BULK_PROGRESS_LABELS.whole}>
      <h3 tabIndex={-1} ref={heading}>
        {bulkProgressHeading(ended)}
      </h3>
      <progress aria-label={BULK_PROGRESS_LABELS.bar} value={done} max={Math.max(1, total)} />
      <p aria-live="polite">{describeRun(run)}</p>
      {endCause && (
        <p className="bulk-end-cause" role="note" aria-label={BULK_PROGRESS_LABELS.endCause}>
          {endCause}
        </p>
      )}
      <div className="bulk-counts" role="group" aria-label={BULK_PROGRESS_LABELS.counts}>
        {VERDICTS.map((verdict) => (
          <button
            key={verdict}
            type="button"
            className={`count-button replay-${verdict}`}
            disabled={!summary || run.counts[verdict] === 0}
            aria-pressed={shown === verdict}
            onClick={() => setShown(shown === verdict ? null : verdict)}
          >
            {BULK_VERDICT_LABELS[verdict]} <strong>{run.counts[verdict]}</strong>
          </button>
        ))}
      </div>
      {mockAnswered && (
        <p className="muted" role="note" aria-label={BULK_PROGRESS_LABELS.mockAnswered}>
          {cap(mockAnswered)}.
        </p>
      )}
      {!summary && (
        <BusyButton busy={run.cancelling} onClick={() => void cancelBulkReplay()}>
          {cancelRunLabel(run.cancelling)}
        </BusyButton>
      )}
      {summary && shown && (
        <BulkReplayItems items={summary.items.filter((item) => item.verdict === shown)} label={BULK_VERDICT_LIST_LABELS[shown]} />
      )}
      {summary && onNew && (
        <div className="button-row">
          <button type="button" onClick={onNew}>
            {NEW_BULK_REPLAY}
          </button>
        </div>
      )}
    </div>
  );
}
