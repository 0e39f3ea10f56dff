import { describe, expect, it } from 'vitest';
import type { BulkReplaySummary, ReplayEvent } from '../../../main/contract/api';
import type { BulkSummary } from '../../../main/core/replay/bulk-replay';
import { BulkRuns, FINISHED_RUNS_KEPT } from '../../../main/core/replay/bulk-runs';

/**
 * BulkRuns over a stand-in for replayMany whose runs end when the test says: what is under
 * test is what BulkRuns keeps of each run, not the replays (bulk-replay.test.ts tests those).
 */
function bulkRuns(replayMany?: () => Promise<BulkSummary>) {
  const ends: ((summary: BulkSummary) => void)[] = [];
  const events: ReplayEvent[] = [];
  const endWhenTold = () => new Promise<BulkSummary>((resolve) => ends.push(resolve));
  const runs = new BulkRuns(replayMany ?? endWhenTold, (event) => events.push(event));
  /** The summary the run's `replay-finished` event told, once it came. */
  const told = async (runId: string): Promise<BulkReplaySummary> => {
    let summary: BulkReplaySummary | undefined;
    await expect
      .poll(() => {
        const end = events.find((e) => e.type === 'replay-finished' && e.runId === runId);
        summary = end?.type === 'replay-finished' ? end.summary : undefined;
        return summary;
      })
      .toBeDefined();
    return summary!;
  };
  return { runs, ends, told };
}

const allPassed = (total: number): BulkSummary => ({
  total,
  done: total,
  passed: total,
  changed: 0,
  failed: 0,
  notSent: 0,
  cancelled: false,
  stopped: null,
  noAnswer: null,
  items: [],
});

describe('BulkRuns', () => {
  it('lists a run as running, then, once it ended, with the summary its replay-finished event told', async () => {
    const { runs, ends, told } = bulkRuns();
    const runId = runs.start([1, 2, 3], { concurrency: 1 });
    expect(runs.list()).toEqual({ running: [{ runId, done: 0, total: 3, passed: 0, changed: 0, failed: 0, notSent: 0 }], finished: [] });
    ends[0]!(allPassed(3));
    const summary = await told(runId);
    expect(summary).toMatchObject({ done: 3, passed: 3, cancelled: false });
    expect(runs.list()).toEqual({ running: [], finished: [{ runId, summary }] });
  });

  it(`keeps the summaries of the last ${FINISHED_RUNS_KEPT} runs that ended, newest first`, async () => {
    const { runs, ends, told } = bulkRuns();
    const started: string[] = [];
    for (let n = 0; n < FINISHED_RUNS_KEPT + 2; n++) {
      started.push(runs.start([n + 1], { concurrency: 1 }));
      ends[n]!(allPassed(1));
      await told(started[n]!);
    }
    expect(runs.list().running).toEqual([]);
    expect(runs.list().finished.map((run) => run.runId)).toEqual(started.slice(-FINISHED_RUNS_KEPT).reverse());
  });

  it('keeps the end of a run whose replays threw, as its replay-finished event told it', async () => {
    const { runs, told } = bulkRuns(() => Promise.reject(new Error('a bug')));
    const runId = runs.start([7, 8], { concurrency: 1 });
    const summary = await told(runId);
    expect(summary.items).toEqual([
      {
        originalId: 0,
        action: null,
        replayId: null,
        verdict: 'notSent',
        answer: null,
        original: null,
        changed: null,
        violation: null,
        refusal: { code: 'replay-failed', reason: 'a bug' },
        error: null,
        forwardTarget: null,
      },
    ]);
    expect(runs.list()).toEqual({ running: [], finished: [{ runId, summary }] });
  });
});
