import type { BulkReplayStep, ReplayFailure, ReplayOutcome, Result } from '../../contract/api';
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
  /** Calls refused before anything was sent (no target, no key): no handler failed them. */
  notSent: number;
  cancelled: boolean;
  /** In selection order; items never started (after a cancel) are absent. */
  items: BulkReplayStep[];
}

/**
 * Replays calls in order, `concurrency` at a time, reporting each result as it lands.
 * Results keep the given order whatever order replays finish in.
 */
export async function replayMany(ctx: ReplayContext, ids: number[], options: BulkOptions = {}): Promise<BulkSummary> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const slots: (BulkReplayStep | undefined)[] = new Array(ids.length);
  const summary: BulkSummary = { total: ids.length, done: 0, passed: 0, changed: 0, failed: 0, notSent: 0, cancelled: false, items: [] };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      if (options.signal?.aborted) return;
      const index = next++;
      const originalId = ids[index]!;
      let result: Result<ReplayOutcome, ReplayFailure>;
      try {
        result = await replayCall(ctx, originalId, options);
      } catch (error) {
        result = { ok: false, code: 'replay-failed', reason: error instanceof Error ? error.message : String(error) };
      }
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
  summary.items = slots.filter((slot): slot is BulkReplayStep => slot !== undefined);
  summary.cancelled = summary.done < summary.total && (options.signal?.aborted ?? false);
  return summary;
}
