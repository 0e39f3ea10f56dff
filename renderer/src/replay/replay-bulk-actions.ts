import type { BulkReplayOptions, CallSelection, ReplayEvent } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { useReplayStore } from './replay-store';
import { runResult } from '../page/run-result';
import { reportError, showToast } from '../page/ui-actions';
import { inPageWords } from '../page/page-words';

/** Starts a bulk replay; returns a message to show beside the form when the core refused. */
export async function startBulkReplay(selection: CallSelection, options: BulkReplayOptions): Promise<string | null> {
  return runResult(
    'start the bulk replay',
    (b) => b.startBulkReplay(selection, options),
    ({ runId, total }) => {
      useReplayStore.setState({
        bulk: { runId, counts: { done: 0, total, passed: 0, changed: 0, failed: 0 }, cancelling: false, summary: null },
      });
    },
  );
}

export async function cancelBulkReplay(): Promise<void> {
  const run = useReplayStore.getState().bulk;
  const b = currentBridge();
  if (!run || run.summary || !b) return;
  useReplayStore.setState({ bulk: { ...run, cancelling: true } });
  try {
    const result = await b.cancelBulkReplay(run.runId);
    // "Not running any more" means it finished meanwhile: its finished event says how.
    if (!result.ok && result.code !== 'run-not-found') reportError(`Could not cancel the bulk replay: ${inPageWords(result)}`);
  } catch (error) {
    reportError('Could not cancel the bulk replay', error);
  }
}

/**
 * Follows a run still going in the core (this window reloaded, or the core's events were
 * missed while disconnected); a run this window already shows keeps its state.
 */
export async function resumeBulkReplay(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    const [running] = await b.listBulkReplays();
    const shown = useReplayStore.getState().bulk;
    if (!running || (shown && !shown.summary)) return;
    const { runId, ...counts } = running;
    useReplayStore.setState({ bulk: { runId, counts, cancelling: false, summary: null } });
  } catch (error) {
    reportError('Could not read the running bulk replays', error);
  }
}

/** Applies the core's run events; events of runs this window did not start are ignored. */
export function applyReplayEvent(event: Exclude<ReplayEvent, { type: 'har-import-progress' }>): void {
  const run = useReplayStore.getState().bulk;
  if (!run || run.runId !== event.runId) return;
  if (event.type === 'replay-progress') {
    if (run.summary || event.done < run.counts.done) return;
    const { done, total, passed, changed, failed } = event;
    useReplayStore.setState({ bulk: { ...run, counts: { done, total, passed, changed, failed } } });
    return;
  }
  const { summary } = event;
  useReplayStore.setState({
    bulk: {
      ...run,
      counts: { done: summary.done, total: summary.total, passed: summary.passed, changed: summary.changed, failed: summary.failed },
      summary,
    },
  });
  showToast(
    summary.cancelled ? `Bulk replay cancelled after ${summary.done} of ${summary.total}` : `Bulk replay done: ${summary.done} calls`,
  );
}
