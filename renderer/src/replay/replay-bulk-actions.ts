import type {
  BulkReplayCounts,
  BulkReplayFinished,
  BulkReplayOptions,
  BulkReplaySummary,
  CallSelection,
  ReplayEvent,
} from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import type { RendererBridge } from '../transport/connection';
import { onReset } from '../page/stores';
import { useReplayStore, type BulkRun } from './replay-store';
import { runResult } from '../page/run-result';
import { reportError, showToast } from '../page/ui-actions';
import { inPageWords } from '../page/page-words';
import { endedRunToast, failedWith, PAGE_FAILURE_WORDS } from '../../../main/contract/words';

type RunEvent = Exclude<ReplayEvent, { type: 'har-import-progress' | 'har-export-progress' }>;

/**
 * The events of runs this window does not follow (yet), the latest progress and the end of
 * each, for the last few runs. A run's start is answered over one connection and its events
 * come over another, so they can reach the page before the answer that names the run. A run of
 * ten to this companion's own webhook is over in about 10 ms, inside the 50 ms its first event
 * waits for a batch: the whole run reaches the page in one batch some 50 ms after the answer,
 * and a page slowed by that much (a busy machine) dropped every event as another window's,
 * which left it at "Replaying 0 of 10…" for good.
 */
const unclaimed = new Map<string, { progress?: RunEvent; finished?: RunEvent }>();
const UNCLAIMED_RUNS_KEPT = 8;

function holdUnclaimed(event: RunEvent): void {
  const held = unclaimed.get(event.runId) ?? {};
  unclaimed.delete(event.runId);
  unclaimed.set(event.runId, event.type === 'replay-progress' ? { ...held, progress: event } : { ...held, finished: event });
  if (unclaimed.size > UNCLAIMED_RUNS_KEPT) unclaimed.delete(unclaimed.keys().next().value!);
}

/** Follows the run `runId` from now on, with what already came of it. */
function follow(run: BulkRun): void {
  useReplayStore.setState({ bulk: run });
  const held = unclaimed.get(run.runId);
  unclaimed.delete(run.runId);
  if (held?.progress) applyReplayEvent(held.progress);
  if (held?.finished) applyReplayEvent(held.finished);
}

onReset(() => unclaimed.clear());

const newRun = (runId: string, counts: BulkReplayCounts): BulkRun => ({
  runId,
  counts,
  cancelling: false,
  summary: null,
  endMissed: false,
});

function countsOf({ done, total, passed, changed, failed, notSent }: BulkReplaySummary): BulkReplayCounts {
  return { done, total, passed, changed, failed, notSent };
}

/** Starts a bulk replay; returns a message to show beside the form when the core refused. */
export async function startBulkReplay(selection: CallSelection, options: BulkReplayOptions): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.startBulkReplay,
    (b) => b.startBulkReplay(selection, options),
    ({ runId, total }) => follow(newRun(runId, { done: 0, total, passed: 0, changed: 0, failed: 0, notSent: 0 })),
  );
}

/**
 * Ends the shown run whose end this window missed and the core no longer keeps (it keeps the
 * last few, and forgets them when it restarts): the core runs it no more. A `replay-finished`
 * still on its way replaces this end with the real one.
 */
function endMissed(runId: string): void {
  const run = useReplayStore.getState().bulk;
  if (!run || run.runId !== runId || run.summary) return;
  useReplayStore.setState({
    bulk: {
      ...run,
      cancelling: false,
      endMissed: true,
      summary: { ...run.counts, cancelled: false, stopped: null, noAnswer: null, items: [] },
    },
  });
}

/**
 * Shows the run `runId`, shown as going but no longer running in the core, as it ended: whole,
 * from the summaries the core keeps, as its `replay-finished` event would have.
 */
function showEnded(runId: string, finished: BulkReplayFinished[]): void {
  const kept = finished.find((run) => run.runId === runId);
  if (kept) applyReplayEvent({ type: 'replay-finished', ...kept });
  else endMissed(runId);
}

/** The run shown as going is not running any more (its end was missed): reads how it ended. */
async function readEnd(b: RendererBridge, runId: string): Promise<void> {
  try {
    showEnded(runId, (await b.listBulkReplays()).finished);
  } catch {
    // The run is over all the same: shown as ended, how unknown.
    endMissed(runId);
  }
}

/** Cancels the run shown; whatever the core answers, the page stops showing it as running. */
export async function cancelBulkReplay(): Promise<void> {
  const run = useReplayStore.getState().bulk;
  const b = currentBridge();
  if (!run || run.summary || !b) return;
  useReplayStore.setState({ bulk: { ...run, cancelling: true } });
  const stillCancelling = () => {
    const shown = useReplayStore.getState().bulk;
    if (shown?.runId === run.runId && !shown.summary) useReplayStore.setState({ bulk: { ...shown, cancelling: false } });
  };
  try {
    const result = await b.cancelBulkReplay(run.runId);
    if (result.ok) return;
    // Not running any more: it ended meanwhile, or long ago with its end missed. The core
    // keeps how it ended; its finished event, if one is on its way, says the same.
    if (result.code === 'run-not-found') await readEnd(b, run.runId);
    else {
      reportError(failedWith(PAGE_FAILURE_WORDS.cancelBulkReplay, inPageWords(result)));
      stillCancelling();
    }
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.cancelBulkReplay, error);
    stillCancelling();
  }
}

/**
 * Follows a run still going in the core (this window reloaded, or the core's events were
 * missed while disconnected); a run this window already shows keeps its state. A run shown as
 * going that the core no longer runs is over, its end missed: it is shown as it ended. A window
 * that shows no run (it just loaded) shows the last run that ended, as the last run.
 */
export async function resumeBulkReplay(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  const askedAbout = useReplayStore.getState().bulk?.runId ?? null;
  try {
    const { running, finished } = await b.listBulkReplays();
    const shown = useReplayStore.getState().bulk;
    if (shown && !shown.summary) {
      // Asked before this window knew the run, the answer may predate it.
      if (shown.runId === askedAbout && !running.some((run) => run.runId === shown.runId)) showEnded(shown.runId, finished);
      return;
    }
    const [going] = running;
    const [last] = finished;
    if (going) {
      // The run shown ended while the answer came: an answer older than its end does not bring it back.
      if (going.runId === shown?.runId) return;
      const { runId, ...counts } = going;
      follow(newRun(runId, counts));
    } else if (!shown && last) {
      // Ended before this window loaded: no news to tell, so no toast.
      useReplayStore.setState({ bulk: { ...newRun(last.runId, countsOf(last.summary)), summary: last.summary } });
    }
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.readBulkReplays, error);
  }
}

/** Applies the core's run events; those of runs this window does not follow are held until it may (see unclaimed). */
export function applyReplayEvent(event: RunEvent): void {
  const run = useReplayStore.getState().bulk;
  if (!run || run.runId !== event.runId) {
    holdUnclaimed(event);
    return;
  }
  if (event.type === 'replay-progress') {
    if (run.summary || event.done < run.counts.done) return;
    const { done, total, passed, changed, failed, notSent } = event;
    useReplayStore.setState({ bulk: { ...run, counts: { done, total, passed, changed, failed, notSent } } });
    return;
  }
  // Already shown as it ended (read from the core when its end was missed): told once is enough.
  if (run.summary && !run.endMissed) return;
  const { summary } = event;
  useReplayStore.setState({ bulk: { ...run, cancelling: false, endMissed: false, counts: countsOf(summary), summary } });
  showToast(endedRunToast(summary));
}
