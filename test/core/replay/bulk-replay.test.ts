import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../../main/core/replay';
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

describe('bulk replay', () => {
  it('replays the filtered calls in order, concurrently, with progress and a summary', async () => {
    const ids = await history();
    const progress: BulkProgress[] = [];
    await world.handler.maxConcurrency();
    const summary = await world.api.replayMany({ filter: { action: 'slow_ok' } }, { concurrency: 4, onProgress: (p) => progress.push(p) });
    expect(summary).toMatchObject({ total: 4, done: 4, passed: 4, changed: 0, failed: 0, cancelled: false });
    expect(summary.items.map((item) => item.originalId)).toEqual(ids);
    expect(progress.map((p) => `${p.done}/${p.total}`)).toEqual(['1/4', '2/4', '3/4', '4/4']);
    // The handler held more than one of its 300 ms answers at once, never more than asked.
    const held = await world.handler.maxConcurrency();
    expect(held).toBeGreaterThan(1);
    expect(held).toBeLessThanOrEqual(4);
    // Replays are not themselves selected by the next bulk run.
    const again = await world.api.replayMany({ filter: { action: 'slow_ok' } }, { concurrency: 4 });
    expect(again.total).toBe(4);
  });

  it('one at a time by default', async () => {
    await history();
    await world.handler.maxConcurrency();
    const summary = await world.api.replayMany({ filter: { action: 'slow_ok' } });
    expect(summary.done).toBe(4);
    expect(await world.handler.maxConcurrency()).toBe(1);
  });

  it('stops starting replays when cancelled; those in flight finish and are stored', async () => {
    const ids = await history();
    const controller = new AbortController();
    const summary = await world.api.replayMany(
      { ids },
      { concurrency: 2, signal: controller.signal, onProgress: () => controller.abort() },
    );
    expect(summary.cancelled).toBe(true);
    expect(summary.done).toBe(2);
    expect(summary.items.map((item) => item.originalId)).toEqual(ids.slice(0, 2));
    expect(world.store.calls.list({ action: 'slow_ok' }).calls.filter((c) => c.source === 'replay')).toHaveLength(2);
  });

  it('counts failed and changed answers, and calls that cannot be replayed', async () => {
    const ok = await world.send('ok', {});
    const port = world.handler.port;
    const changed = await world.api.replayMany({ ids: [ok] }, { target: `http://127.0.0.1:${port}/actions/other` });
    expect(changed).toMatchObject({ passed: 0, changed: 1, failed: 0 });
    const failed = await world.api.replayMany({ ids: [ok, 12345] }, { target: `http://127.0.0.1:${port}/actions/result_number` });
    expect(failed).toMatchObject({ total: 2, done: 2, failed: 2 });
    expect(failed.items[1]?.result).toMatchObject({ ok: false, code: 'call-not-found' });
  });
});
