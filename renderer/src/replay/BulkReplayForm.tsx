import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { MAX_BULK_CONCURRENCY, type BulkReplayPreview, type CallFilter } from '../../../main/contract/api';
import type { BulkRun } from './replay-store';
import { BulkReplayProgress, describeRun } from './BulkReplayProgress';
import { focusFell } from '../shared/focusable';
import { currentBridge } from '../page/bridge-holder';
import { startBulkReplay } from './replay-bulk-actions';
import { currentSelectionFilter } from './replay-ui-actions';
import { reportError } from '../page/ui-actions';
import { SigningStyleField } from './SigningStyleField';
import type { StyleName } from '../../../main/contract/names-and-limits';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';
import { TargetField } from './TargetField';
import {
  BULK_CONCURRENCY_WORDS,
  bulkReplayButtonWords,
  bulkReplayCallsWords,
  lastRunWords,
  nothingToReplayWords,
  PAGE_FAILURE_WORDS,
  RESIGNED_CHECKS_WORDS,
  withoutTargetWords,
  REPLAY_PART_NAMES,
} from '../../../main/contract/words';

/** How many calls of the filter a bulk replay takes (from Flowent, naming an action), and which of their actions have no target. */
function usePreview(filter: CallFilter): BulkReplayPreview | null {
  const [preview, setPreview] = useState<BulkReplayPreview | null>(null);
  const key = JSON.stringify(filter);
  useEffect(() => {
    let live = true;
    const b = currentBridge();
    b?.previewBulkReplay({ filter: JSON.parse(key) as CallFilter })
      .then((read) => live && setPreview(read))
      .catch((error: unknown) => reportError(PAGE_FAILURE_WORDS.countBulkReplay, error));
    return () => {
      live = false;
    };
  }, [key]);
  return preview;
}

/** The run before, folded: its result stays at hand without standing in the way of a new run. */
function LastRun({ run }: { run: BulkRun }) {
  return (
    <details className="bulk-last-run">
      <summary>{lastRunWords(describeRun(run))}</summary>
      <BulkReplayProgress run={run} />
    </details>
  );
}

/** The form of a new run over the list's filter; `lastRun`, a run that has ended, is shown folded below it. */
export function BulkReplayForm({ lastRun }: { lastRun: BulkRun | null }) {
  const [filter] = useState(currentSelectionFilter);
  const preview = usePreview(filter);
  const calls = bulkReplayCallsWords(filter);
  const count = preview?.calls ?? null;
  const [concurrencyText, setConcurrencyText] = useState('1');
  const concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : 0;
  const concurrencyOk = concurrency >= 1 && concurrency <= MAX_BULK_CONCURRENCY;
  const [resign, setResign] = useState(true);
  // The style re-signed replays go in; null: the learned one.
  const [style, setStyle] = useState<StyleName | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const emptyNote = useRef<HTMLParagraphElement>(null);
  const empty = count === 0;
  // Left empty, the target sends none of the calls of actions with no handler: the button says
  // how many it replays, and none is no run at all (the core would refuse it).
  const notSent = target.trim() === '' ? (preview?.notSent ?? 0) : 0;
  const nothingSent = count !== null && notSent === count;
  const notSentNote = useId();
  // "New bulk replay" goes away under the keyboard's focus as this form takes its place: the focus
  // moves to the form's first field (or to why there is nothing to replay), not to the page's body.
  useEffect(() => {
    if (focusFell()) (empty ? emptyNote.current : firstField.current)?.focus({ preventScroll: true });
  }, [empty]);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!concurrencyOk || nothingSent) return;
    setBusy(true);
    setError(null);
    const trimmed = target.trim();
    setError(
      await startBulkReplay(
        { filter },
        { concurrency, resign, target: trimmed === '' ? null : trimmed, ...(resign && style ? { style } : {}) },
      ),
    );
    setBusy(false);
  };

  if (empty) {
    return (
      <>
        <p className="empty-note" aria-label={REPLAY_PART_NAMES.nothingToReplay} tabIndex={-1} ref={emptyNote}>
          {nothingToReplayWords(filter)}
        </p>
        {lastRun && <LastRun run={lastRun} />}
      </>
    );
  }
  return (
    <form className="bulk-replay-form" onSubmit={(e) => void start(e)} aria-label={REPLAY_PART_NAMES.bulkOptions}>
      <p>
        {calls.before}
        <strong>{calls.filter}</strong>
        {calls.after}
      </p>
      <label className="inline-field">
        Replays at once
        <input
          ref={firstField}
          type="number"
          min={1}
          max={MAX_BULK_CONCURRENCY}
          value={concurrencyText}
          onChange={(e) => setConcurrencyText(e.target.value.trim())}
        />
      </label>
      {!concurrencyOk && <p className="form-error">{BULK_CONCURRENCY_WORDS}</p>}
      <label className="inline-field">
        <input type="checkbox" checked={resign} onChange={(e) => setResign(e.target.checked)} />
        Re-sign with a fresh timestamp
      </label>
      {resign && <p className="muted">{RESIGNED_CHECKS_WORDS}</p>}
      {resign && <SigningStyleField value={style} onChange={setStyle} />}
      {/* With "This companion", as for one replay: a refusal for want of a handler offers it. */}
      <TargetField label="Bulk replay target URL" value={target} onChange={setTarget} />
      {/* A URL typed takes every call: only an empty field leaves some unsent. */}
      {preview && preview.withoutTarget.length > 0 && target.trim() === '' && (
        <p className="muted replay-target-note" role="note" aria-label={REPLAY_PART_NAMES.callsNotSent} id={notSentNote}>
          {withoutTargetWords(preview.withoutTarget)}
        </p>
      )}
      <div className="button-row">
        <BusyButton
          type="submit"
          busy={busy}
          disabled={count === null || !concurrencyOk || nothingSent}
          aria-describedby={notSent > 0 ? notSentNote : undefined}
        >
          {bulkReplayButtonWords(count, notSent)}
        </BusyButton>
      </div>
      <ErrorLine message={error} label="Bulk replay error" />
      {lastRun && <LastRun run={lastRun} />}
    </form>
  );
}
