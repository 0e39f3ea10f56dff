import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkReplayOptions, BulkReplaySummary, CallSelection, CoreEvent } from '../../../main/contract/api';
import { startWorld, type ReplayWorld } from './harness';

let world: ReplayWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

/** Four calls to the handler's slow action (it answers after 300 ms), and one to another action. */
async function history(): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < 4; i++) ids.push(await world.send('slow_ok', { i }));
  await world.send('ok', { other: true });
  return ids;
}

type Progress = Extract<CoreEvent, { type: 'replay-progress' }>;

/** A bulk replay through the contract, followed by its events until it finishes. */
async function bulk(
  selection: CallSelection,
  options: Partial<BulkReplayOptions> = {},
  onProgress: (progress: Progress, cancel: () => void) => void = () => {},
): Promise<{ summary: BulkReplaySummary; progress: Progress[]; notFound: number[] }> {
  const { api } = world.running.core;
  const progress: Progress[] = [];
  // Events are kept from before the run's id is known: a call that cannot be replayed ends at once.
  const seen: CoreEvent[] = [];
  let follow = (event: CoreEvent) => void seen.push(event);
  const unsubscribe = world.running.core.subscribe((event) => follow(event));
  try {
    const started = await api.startBulkReplay(selection, { concurrency: 1, resign: false, target: null, ...options });
    if (!started.ok) throw new Error(JSON.stringify(started));
    const { runId, notFound } = started.value;
    const summary = await new Promise<BulkReplaySummary>((resolve) => {
      follow = (event) => {
        if (event.type === 'replay-progress' && event.runId === runId) {
          progress.push(event);
          onProgress(event, () => void api.cancelBulkReplay(runId));
        }
        if (event.type === 'replay-finished' && event.runId === runId) resolve(event.summary);
      };
      seen.splice(0).forEach(follow);
    });
    return { summary, progress, notFound };
  } finally {
    unsubscribe();
  }
}

describe('bulk replay', () => {
  it('replays the filtered calls in order, concurrently, with progress and a summary', async () => {
    const ids = await history();
    await world.handler.maxConcurrency();
    const { summary, progress } = await bulk({ filter: { action: 'slow_ok' } }, { concurrency: 4 });
    expect(summary).toMatchObject({ total: 4, done: 4, passed: 4, changed: 0, failed: 0, cancelled: false });
    expect(summary.items.map((item) => item.originalId)).toEqual(ids);
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    // The handler held more than one of its 300 ms answers at once, never more than asked.
    const held = await world.handler.maxConcurrency();
    expect(held).toBeGreaterThan(1);
    expect(held).toBeLessThanOrEqual(4);
    // Replays are not themselves selected by the next bulk run.
    const again = await bulk({ filter: { action: 'slow_ok' } }, { concurrency: 4 });
    expect(again.summary.total).toBe(4);
  });

  it('one at a time by default', async () => {
    await history();
    await world.handler.maxConcurrency();
    const { summary } = await bulk({ filter: { action: 'slow_ok' } });
    expect(summary.done).toBe(4);
    expect(await world.handler.maxConcurrency()).toBe(1);
  });

  it('stops starting replays when cancelled; those in flight finish and are stored', async () => {
    const ids = await history();
    const { summary } = await bulk({ ids }, { concurrency: 2 }, (_progress, cancel) => cancel());
    expect(summary.cancelled).toBe(true);
    expect(summary.done).toBe(2);
    expect(summary.items.map((item) => item.originalId)).toEqual(ids.slice(0, 2));
    expect(world.store.calls.list({ action: 'slow_ok' }).calls.filter((c) => c.source === 'replay')).toHaveLength(2);
  });

  it('counts failed and changed answers', async () => {
    const ok = await world.send('ok', {});
    const port = world.handler.port;
    const changed = await bulk({ ids: [ok] }, { target: `http://127.0.0.1:${port}/actions/other` });
    expect(changed.summary).toMatchObject({ passed: 0, changed: 1, failed: 0 });
    const failed = await bulk({ ids: [ok] }, { target: `http://127.0.0.1:${port}/actions/result_number` });
    expect(failed.summary).toMatchObject({ total: 1, done: 1, failed: 1 });
    // Each finished call comes with its whole outcome, for a front end that lists them as they land.
    expect(failed.progress.map((p) => p.step.result)).toMatchObject([
      { ok: true, value: { originalId: ok, status: 200, verdict: 'failed' } },
    ]);
  });

  it('leaves out of the run, and its counts, the given ids that are not in the history, and names them', async () => {
    const ok = await world.send('ok', {});
    const run = await bulk({ ids: [12345, ok, 12346] }, { target: world.handler.target });
    expect(run.notFound).toEqual([12345, 12346]);
    expect(run.summary).toMatchObject({ total: 1, done: 1, passed: 1, failed: 0 });
    expect(run.summary.items.map((item) => item.originalId)).toEqual([ok]);
    expect(await world.running.core.api.previewBulkReplay({ ids: [12345, ok] })).toEqual({ calls: 1, withoutTarget: [], notSent: 0 });
    const none = await world.running.core.api.startBulkReplay({ ids: [12345, 12346] }, { concurrency: 1, resign: false, target: null });
    expect(none).toEqual({ ok: false, code: 'calls-not-found', ids: [12345, 12346] });
  });
});
