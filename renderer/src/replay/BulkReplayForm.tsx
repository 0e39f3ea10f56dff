import { useEffect, useState, type FormEvent } from 'react';
import type { CallFilter } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { startBulkReplay } from './replay-bulk-actions';
import { currentSelectionFilter } from './replay-ui-actions';
import { reportError } from '../page/ui-actions';
import { ReplayLearnedStyle } from './ReplayLearnedStyle';
import { ErrorLine } from '../shared/ErrorLine';

/** How many calls of the filter a bulk replay takes (from Flowent, naming an action). */
function useMatchingCount(filter: CallFilter): number | null {
  const [count, setCount] = useState<number | null>(null);
  const key = JSON.stringify(filter);
  useEffect(() => {
    let live = true;
    const b = currentBridge();
    b?.countReplayable({ filter: JSON.parse(key) as CallFilter })
      .then((total) => live && setCount(total))
      .catch((error: unknown) => reportError('Could not count the calls to replay', error));
    return () => {
      live = false;
    };
  }, [key]);
  return count;
}

function describeFilter(filter: CallFilter): string {
  const parts = [
    filter.action && `action ${filter.action}`,
    filter.verdict && `verdict ${filter.verdict}`,
    filter.statusClass && `status ${filter.statusClass}`,
    filter.text && `bodies containing “${filter.text}”`,
    filter.since !== undefined && 'in the chosen time range',
  ];
  const named = parts.filter(Boolean);
  return named.length === 0 ? 'every stored call' : named.join(', ');
}

export function BulkReplayForm() {
  const [filter] = useState(currentSelectionFilter);
  const count = useMatchingCount(filter);
  const [concurrencyText, setConcurrencyText] = useState('1');
  const concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : 0;
  const concurrencyOk = concurrency >= 1 && concurrency <= 16;
  const [resign, setResign] = useState(true);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!concurrencyOk) return;
    setBusy(true);
    setError(null);
    const trimmed = target.trim();
    setError(await startBulkReplay({ filter }, { concurrency, resign, target: trimmed === '' ? null : trimmed }));
    setBusy(false);
  };

  if (count === 0) {
    return (
      <p className="empty-note" aria-label="Nothing to replay">
        No call from Flowent matches the list’s filter ({describeFilter(filter)}), and only those can be replayed. Change the filter, or
        send a call to the webhook URL first.
      </p>
    );
  }
  return (
    <form className="bulk-replay-form" onSubmit={(e) => void start(e)} aria-label="Bulk replay options">
      <p>
        The calls of the list’s filter: <strong>{describeFilter(filter)}</strong>. They are replayed oldest first (replays and simulated
        calls are left out).
      </p>
      <label className="inline-field">
        Replays at once
        <input type="number" min={1} max={16} value={concurrencyText} onChange={(e) => setConcurrencyText(e.target.value.trim())} />
      </label>
      {!concurrencyOk && <p className="form-error">Replays at once: a whole number from 1 to 16 (1 replays strictly in order).</p>}
      <label className="inline-field">
        <input type="checkbox" checked={resign} onChange={(e) => setResign(e.target.checked)} />
        Re-sign with a fresh timestamp
      </label>
      {resign && <ReplayLearnedStyle />}
      <label className="replay-target">
        Bulk replay target URL
        <input
          type="url"
          value={target}
          placeholder="each action's forwarding target"
          onChange={(e) => setTarget(e.target.value)}
          spellCheck={false}
        />
      </label>
      <div className="button-row">
        <button type="submit" disabled={busy || count === null || !concurrencyOk}>
          {count === null ? 'Counting the calls…' : `Replay these ${count} call${count === 1 ? '' : 's'}`}
        </button>
      </div>
      <ErrorLine message={error} label="Bulk replay error" />
    </form>
  );
}
