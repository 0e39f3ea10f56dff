import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BulkReplayPreview, CallFilter } from '../../../main/contract/api';
import { SOURCE_LABEL } from '../shared/format';
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
import { PAGE_FAILURE_WORDS, withoutTargetWords } from '../../../main/contract/words';

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

/** Each field of the list's filter in words; every field has its words, so a new one cannot be left unsaid. */
const FILTER_WORDS: { [K in keyof CallFilter]-?: (value: NonNullable<CallFilter[K]>, filter: CallFilter) => string | null } = {
  action: (action) => `action ${action}`,
  verdict: (verdict) => `verdict ${verdict}`,
  statusClass: (status) => `status ${status}`,
  test: (test) => (test ? 'registration checks only' : 'no registration checks'),
  text: (text) => `bodies containing “${text}”`,
  since: () => 'in the chosen time range',
  // One range: said once, with since when there is one.
  until: (_, filter) => (filter.since === undefined ? 'in the chosen time range' : null),
  source: (source) => `source: ${SOURCE_LABEL[source]}`,
  failures: () => 'failures only',
};

/** The list's filter in words, as the filter bar sets it ("source: replay"); "every stored call" when nothing is set. */
export function describeFilter(filter: CallFilter): string {
  const parts: string[] = [];
  for (const key of Object.keys(FILTER_WORDS) as (keyof CallFilter)[]) {
    const value = filter[key];
    if (value === undefined) continue;
    const words = (FILTER_WORDS[key] as (value: unknown, filter: CallFilter) => string | null)(value, filter);
    if (words) parts.push(words);
  }
  return parts.length === 0 ? 'every stored call' : parts.join(', ');
}

/** Why nothing of the filter can be replayed, and what to change. */
function nothingToReplay(filter: CallFilter): string {
  if (filter.source === 'replay' || filter.source === 'simulator') {
    const shown = filter.source === 'replay' ? 'replays' : 'simulated calls';
    return `The list’s filter (${describeFilter(filter)}) shows only ${shown}, and only calls from Flowent can be replayed. Choose another Source in the list’s filter.`;
  }
  return `No call from Flowent matches the list’s filter (${describeFilter(filter)}), and only those can be replayed. Change the filter, or send a call to the webhook URL first.`;
}

/** What the start button replays: every call, or of `count`, those with somewhere to go. */
function replayButtonLabel(count: number | null, notSent: number): string {
  if (count === null) return 'Counting the calls…';
  if (count === 1) return 'Replay this call';
  if (notSent > 0 && notSent < count) return `Replay ${count - notSent} of these ${count} calls`;
  return `Replay these ${count} calls`;
}

/** The run before, folded: its result stays at hand without standing in the way of a new run. */
function LastRun({ run }: { run: BulkRun }) {
  return (
    <details className="bulk-last-run">
      <summary>Last bulk replay: {describeRun(run)}</summary>
      <BulkReplayProgress run={run} />
    </details>
  );
}

/** The form of a new run over the list's filter; `lastRun`, a run that has ended, is shown folded below it. */
export function BulkReplayForm({ lastRun }: { lastRun: BulkRun | null }) {
  const [filter] = useState(currentSelectionFilter);
  const preview = usePreview(filter);
  const count = preview?.calls ?? null;
  const [concurrencyText, setConcurrencyText] = useState('1');
  const concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : 0;
  const concurrencyOk = concurrency >= 1 && concurrency <= 16;
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
        <p className="empty-note" aria-label="Nothing to replay" tabIndex={-1} ref={emptyNote}>
          {nothingToReplay(filter)}
        </p>
        {lastRun && <LastRun run={lastRun} />}
      </>
    );
  }
  return (
    <form className="bulk-replay-form" onSubmit={(e) => void start(e)} aria-label="Bulk replay options">
      <p>
        The calls of the list’s filter: <strong>{describeFilter(filter)}</strong>. They are replayed oldest first (replays, simulated calls
        and requests that name no action are left out).
      </p>
      <label className="inline-field">
        Replays at once
        <input
          ref={firstField}
          type="number"
          min={1}
          max={16}
          value={concurrencyText}
          onChange={(e) => setConcurrencyText(e.target.value.trim())}
        />
      </label>
      {!concurrencyOk && <p className="form-error">Replays at once: a whole number from 1 to 16 (1: one at a time, in order).</p>}
      <label className="inline-field">
        <input type="checkbox" checked={resign} onChange={(e) => setResign(e.target.checked)} />
        Re-sign with a fresh timestamp
      </label>
      {resign && (
        <p className="muted">Registration checks Flowent sent unsigned go unsigned with a fresh timestamp, as Flowent sends them.</p>
      )}
      {resign && <SigningStyleField value={style} onChange={setStyle} />}
      {/* With "This companion", as for one replay: a refusal for want of a handler offers it. */}
      <TargetField label="Bulk replay target URL" value={target} onChange={setTarget} />
      {/* A URL typed takes every call: only an empty field leaves some unsent. */}
      {preview && preview.withoutTarget.length > 0 && target.trim() === '' && (
        <p className="muted replay-target-note" role="note" aria-label="Calls not sent" id={notSentNote}>
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
          {replayButtonLabel(count, notSent)}
        </BusyButton>
      </div>
      <ErrorLine message={error} label="Bulk replay error" />
      {lastRun && <LastRun run={lastRun} />}
    </form>
  );
}
