import { randomUUID } from 'node:crypto';
import type {
  BulkReplayCounts,
  BulkReplayFinished,
  BulkReplayItem,
  BulkReplayRuns,
  BulkReplayStep,
  BulkReplaySummary,
  ReplayEvent,
  ReplayFailure,
} from '../../contract/api';
import { failureOf } from '../../contract/api';
import type { BulkOptions, BulkProgress, BulkSummary } from './bulk-replay';

type RunMany = (ids: number[], options: BulkOptions) => Promise<BulkSummary>;

/**
 * How many ended runs are kept, for a window that missed a run's end (it reloaded, or its
 * event stream reconnected meanwhile) to read it. Such a window asks at once, so the run it
 * follows is among the newest; a few more cover several windows each starting runs. No more:
 * each summary holds an item per call, and a run takes up to MAX_SELECTION calls.
 */
export const FINISHED_RUNS_KEPT = 5;

/**
 * Bulk replays running in the background, one AbortController each: the UI starts a run,
 * gets its id at once, follows it through events and may cancel it. The last few ended runs
 * are kept with their summaries (see FINISHED_RUNS_KEPT).
 */
export class BulkRuns {
  private readonly running = new Map<string, { controller: AbortController; counts: BulkReplayCounts }>();
  /** Newest first. */
  private finished: BulkReplayFinished[] = [];

  constructor(
    private readonly runMany: RunMany,
    private readonly emit: (event: ReplayEvent) => void,
  ) {}

  start(ids: number[], options: Omit<BulkOptions, 'signal' | 'onProgress'>): string {
    const runId = randomUUID();
    const controller = new AbortController();
    const counts: BulkReplayCounts = { done: 0, total: ids.length, passed: 0, changed: 0, failed: 0, notSent: 0 };
    this.running.set(runId, { controller, counts });
    const onProgress = ({ done, step }: BulkProgress) => {
      const verdict = toItem(step).verdict;
      counts[verdict]++;
      counts.done = done;
      this.emit({ type: 'replay-progress', runId, ...counts, step });
    };
    void this.runMany(ids, { ...options, signal: controller.signal, onProgress })
      .then(toSummary)
      .catch((error: unknown): BulkReplaySummary => {
        // A bug, not bad input: still end the run so the UI is not left waiting.
        const refusal = { code: 'replay-failed', reason: error instanceof Error ? error.message : String(error) } as const;
        return { ...counts, cancelled: false, stopped: null, noAnswer: null, items: [notSentItem(0, null, refusal)] };
      })
      .then((summary) => this.finish(runId, summary));
    return runId;
  }

  /** Keeps the run's end before telling it: a window that asks once told finds it. */
  private finish(runId: string, summary: BulkReplaySummary): void {
    this.running.delete(runId);
    this.finished = [{ runId, summary }, ...this.finished].slice(0, FINISHED_RUNS_KEPT);
    this.emit({ type: 'replay-finished', runId, summary });
  }

  cancel(runId: string): boolean {
    const run = this.running.get(runId);
    run?.controller.abort();
    return run !== undefined;
  }

  /** The runs still going, with their counts so far, and the last few that ended, newest first. */
  list(): BulkReplayRuns {
    return { running: [...this.running].map(([runId, { counts }]) => ({ runId, ...counts })), finished: [...this.finished] };
  }

  cancelAll(): void {
    for (const { controller } of this.running.values()) controller.abort();
  }
}

function notSentItem(originalId: number, action: string | null, refusal: ReplayFailure): BulkReplayItem {
  return {
    originalId,
    action,
    replayId: null,
    verdict: 'notSent',
    answer: null,
    original: null,
    changed: null,
    violation: null,
    refusal,
    error: null,
    forwardTarget: null,
  };
}

/**
 * What a summary keeps of a step: its answer and first violation are what a list of a run's
 * calls shows of why each failed; the rest of the outcome (the diff, every violation) is in the
 * stored replay, and a kept run may hold up to MAX_SELECTION items.
 */
function toItem({ originalId, action, result }: BulkReplayStep): BulkReplayItem {
  if (!result.ok) return notSentItem(originalId, action, failureOf(result));
  const { id, verdict, status, answeredBy, problem, original, diff, violations, error, forwardTarget } = result.value;
  return {
    originalId,
    action,
    replayId: id,
    verdict,
    answer: { status, answeredBy, problem },
    original,
    changed: { headers: diff.headers.length > 0, body: diff.body.changed },
    violation: violations[0] ?? null,
    refusal: null,
    error,
    forwardTarget,
  };
}

function toSummary(summary: BulkSummary): BulkReplaySummary {
  const { total, done, passed, changed, failed, notSent, cancelled, stopped, noAnswer } = summary;
  return { total, done, passed, changed, failed, notSent, cancelled, stopped, noAnswer, items: summary.items.map(toItem) };
}
