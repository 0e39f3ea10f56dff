import { randomUUID } from 'node:crypto';
import type {
  BulkReplayCounts,
  BulkReplayItem,
  BulkReplayRunning,
  BulkReplayStep,
  BulkReplaySummary,
  ReplayEvent,
} from '../../contract/api';
import { failureOf } from '../../contract/api';
import type { BulkOptions, BulkProgress, BulkSummary } from './bulk-replay';

type RunMany = (ids: number[], options: BulkOptions) => Promise<BulkSummary>;

/**
 * Bulk replays running in the background, one AbortController each: the UI starts a run,
 * gets its id at once, follows it through events and may cancel it.
 */
export class BulkRuns {
  private readonly running = new Map<string, { controller: AbortController; counts: BulkReplayCounts }>();

  constructor(
    private readonly runMany: RunMany,
    private readonly emit: (event: ReplayEvent) => void,
  ) {}

  start(ids: number[], options: Omit<BulkOptions, 'signal' | 'onProgress'>): string {
    const runId = randomUUID();
    const controller = new AbortController();
    const counts = { done: 0, total: ids.length, passed: 0, changed: 0, failed: 0 };
    this.running.set(runId, { controller, counts });
    const onProgress = ({ done, step }: BulkProgress) => {
      const verdict = toItem(step).verdict;
      counts[verdict]++;
      counts.done = done;
      this.emit({ type: 'replay-progress', runId, ...counts, step });
    };
    void this.runMany(ids, { ...options, signal: controller.signal, onProgress })
      .then((summary) => this.emit({ type: 'replay-finished', runId, summary: toSummary(summary) }))
      .catch((error: unknown) => {
        // A bug, not bad input: still end the run so the UI is not left waiting.
        const refusal = { code: 'replay-failed', reason: error instanceof Error ? error.message : String(error) } as const;
        this.emit({
          type: 'replay-finished',
          runId,
          summary: { ...counts, cancelled: false, items: [{ originalId: 0, replayId: null, verdict: 'failed', refusal, error: null }] },
        });
      })
      .finally(() => this.running.delete(runId));
    return runId;
  }

  cancel(runId: string): boolean {
    const run = this.running.get(runId);
    run?.controller.abort();
    return run !== undefined;
  }

  /** The runs still going, with their counts so far. */
  list(): BulkReplayRunning[] {
    return [...this.running].map(([runId, { counts }]) => ({ runId, ...counts }));
  }

  cancelAll(): void {
    for (const { controller } of this.running.values()) controller.abort();
  }
}

function toItem({ originalId, result }: BulkReplayStep): BulkReplayItem {
  if (!result.ok) return { originalId, replayId: null, verdict: 'failed', refusal: failureOf(result), error: null };
  return { originalId, replayId: result.value.id, verdict: result.value.verdict, refusal: null, error: result.value.error };
}

function toSummary(summary: BulkSummary): BulkReplaySummary {
  const { total, done, passed, changed, failed, cancelled } = summary;
  return { total, done, passed, changed, failed, cancelled, items: summary.items.map(toItem) };
}
