import type { CallFilter, Result } from '../../contract/api';
import { replayCall, type ReplayContext, type ReplayOptions, type ReplayResult } from './replay';

/** Which calls to replay: these ids, or every Flowent call matching the filter (oldest first). */
export type ReplaySelection = { ids: number[] } | { filter: CallFilter; limit?: number };

export const MAX_BULK_REPLAY = 10_000;
export const DEFAULT_BULK_LIMIT = 1_000;

export interface BulkProgress {
  done: number;
  total: number;
  /** The replay that just finished, or the error that kept a call from being replayed. */
  item: { originalId: number; result: Result<ReplayResult> };
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
  /** Replays that ran (stored), plus calls that could not be replayed. */
  done: number;
  passed: number;
  changed: number;
  /** Replays whose answer violates Flowent's contract, and calls that could not be replayed. */
  failed: number;
  cancelled: boolean;
  /** In selection order; items never started (after a cancel) are absent. */
  items: { originalId: number; result: Result<ReplayResult> }[];
}

export function selectIds(ctx: ReplayContext, selection: ReplaySelection): number[] {
  if ('ids' in selection) return selection.ids.slice(0, MAX_BULK_REPLAY);
  const limit = Math.min(MAX_BULK_REPLAY, Math.max(1, selection.limit ?? DEFAULT_BULK_LIMIT));
  return ctx.calls().selectReplayableIds(selection.filter, limit);
}

/**
 * Replays a selection in order, `concurrency` at a time, reporting each result as it lands.
 * Results keep the selection's order whatever order replays finish in.
 */
export async function replayMany(ctx: ReplayContext, selection: ReplaySelection, options: BulkOptions = {}): Promise<BulkSummary> {
  const ids = selectIds(ctx, selection);
  const concurrency = Math.max(1, Math.min(64, Math.floor(options.concurrency ?? 1)));
  const slots: ({ originalId: number; result: Result<ReplayResult> } | undefined)[] = new Array(ids.length);
  const summary: BulkSummary = { total: ids.length, done: 0, passed: 0, changed: 0, failed: 0, cancelled: false, items: [] };
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      if (options.signal?.aborted) return;
      const index = next++;
      const originalId = ids[index]!;
      let result: Result<ReplayResult>;
      try {
        result = await replayCall(ctx, originalId, options);
      } catch (error) {
        result = { ok: false, code: 'replay-failed', message: error instanceof Error ? error.message : String(error) };
      }
      const item = { originalId, result };
      slots[index] = item;
      summary.done++;
      if (!result.ok || result.value.verdict === 'failed') summary.failed++;
      else if (result.value.verdict === 'changed') summary.changed++;
      else summary.passed++;
      options.onProgress?.({ done: summary.done, total: summary.total, item });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  summary.items = slots.filter((slot): slot is NonNullable<typeof slot> => slot !== undefined);
  summary.cancelled = summary.done < summary.total && (options.signal?.aborted ?? false);
  return summary;
}
