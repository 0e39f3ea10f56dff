import type { BulkReplayNoAnswer, BulkReplayStep, ReplayFailure, ReplayOutcome, Result } from '../../contract/api';
import { NoAnswerWatch } from './bulk-no-answer';
import { replayCall, type ReplayContext, type ReplayOptions } from './replay';

export interface BulkProgress {
  done: number;
  total: number;
  /** The replay that just finished, or the error that kept a call from being replayed. */
  step: BulkReplayStep;
}

/** `edit` gives every selected call the same new parameters. */
export interface BulkOptions extends ReplayOptions {
  /** How many replays run at once (default 1: strictly in order). */
  concurrency?: number;
  onProgress?: (progress: BulkProgress) => void;
  /** Stops starting new replays; those in flight finish and are stored. */
  signal?: AbortSignal;
}

export interface BulkSummary {
  total: number;
  /** Replays that ran (stored), plus calls refused before they were sent. */
  done: number;
  passed: number;
  changed: number;
  /** Replays sent whose answer violates Flowent's contract, or that got no answer. */
  failed: number;
  /** Calls refused before anything was sent (no target, no key), and those a stop left: no handler failed them. */
  notSent: number;
  cancelled: boolean;
  /** Replays in a row found nobody there: the calls sent by then, and those left unsent (see BulkReplaySummary). */
  stopped: { sent: number; left: number } | null;
  /** What stopped the run, else the one way every failed replay got no answer (see BulkReplaySummary). */
  noAnswer: BulkReplayNoAnswer | null;
  /** In selection order; items never started (after a cancel) are absent. */
  items: BulkReplayStep[];
}

/**
 * Replays calls in order, `concurrency` at a time, reporting each result as it lands.
 * Results keep the given order whatever order replays finish in. Once replays in a row find
 * nobody there (see NoAnswerWatch), no more start: those in flight finish, and the calls left
 * are items of their own, not sent, saying why (no progress is told for them: nothing ran).
 */
export async function replayMany(ctx: ReplayContext, ids: number[], options: BulkOptions = {}): Promise<BulkSummary> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const slots: (BulkReplayStep | undefined)[] = new Array(ids.length);
  const summary: BulkSummary = {
    total: ids.length,
    done: 0,
    passed: 0,
    changed: 0,
    failed: 0,
    notSent: 0,
    cancelled: false,
    stopped: null,
    noAnswer: null,
    items: [],
  };
  const watch = new NoAnswerWatch();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      if (options.signal?.aborted || watch.stopped) return;
      const index = next++;
      const originalId = ids[index]!;
      let result: Result<ReplayOutcome, ReplayFailure>;
      try {
        result = await replayCall(ctx, originalId, options);
      } catch (error) {
        result = { ok: false, code: 'replay-failed', reason: error instanceof Error ? error.message : String(error) };
      }
      watch.see(result);
      const action = ctx.calls().summary(originalId)?.action ?? null;
      const step = { originalId, action, result };
      slots[index] = step;
      summary.done++;
      if (!result.ok) summary.notSent++;
      else if (result.value.verdict === 'failed') summary.failed++;
      else if (result.value.verdict === 'changed') summary.changed++;
      else summary.passed++;
      options.onProgress?.({ done: summary.done, total: summary.total, step });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  summary.noAnswer = watch.noAnswer();
  // Cancelled meanwhile, the run ends as any cancelled run: the calls left were not refused.
  if (watch.stopped && summary.noAnswer !== null && !options.signal?.aborted) {
    const sent = summary.done - summary.notSent;
    const refusal: ReplayFailure = { code: 'run-stopped', noAnswer: summary.noAnswer };
    for (let index = next; index < ids.length; index++) {
      const originalId = ids[index]!;
      slots[index] = { originalId, action: ctx.calls().summary(originalId)?.action ?? null, result: { ok: false, ...refusal } };
    }
    summary.stopped = { sent, left: ids.length - next };
    summary.notSent += ids.length - next;
    summary.done = summary.total;
  }
  summary.items = slots.filter((slot): slot is BulkReplayStep => slot !== undefined);
  summary.cancelled = summary.done < summary.total && (options.signal?.aborted ?? false);
  return summary;
}
