import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallSummary, CoreEvent, CoreStatus, DeliveredEvent, TunnelStatus } from '../../main/contract/api';
import { createEventBatcher, EVENT_BATCH_POLICY, type EventBatcherOptions } from '../../main/core/event-batcher';

const call = (id: number): CoreEvent => ({ type: 'call-stored', call: { id } as CallSummary });
const status = (port: number): CoreEvent => ({ type: 'status-changed', status: { port } as CoreStatus });
const tunnel = (state: TunnelStatus['state']): CoreEvent => ({ type: 'tunnel-status', status: { state, url: null, reason: null } });
const progress = (runId: string, done: number): CoreEvent => ({
  type: 'replay-progress',
  runId,
  done,
  total: 10,
  passed: done,
  changed: 0,
  failed: 0,
  notSent: 0,
  step: { originalId: done, action: null, result: { ok: false, code: 'no-target', action: null, webhook: null } },
});
const urlChanged = (n: number): CoreEvent => ({
  type: 'tunnel-url-changed',
  previous: `https://${n}.example`,
  current: 'https://now.example',
});
const RESYNC: DeliveredEvent = { type: 'resync' };

function setup(options: Partial<EventBatcherOptions> = {}) {
  const batches: DeliveredEvent[][] = [];
  let accepting = true;
  const batcher = createEventBatcher({
    deliver: (batch) => {
      if (!accepting) return false;
      batches.push(batch);
      return true;
    },
    ...options,
  });
  const ids = () => batches.flat().map((event) => (event.type === 'call-stored' ? event.call.id : event.type));
  return { batcher, batches, ids, refuse: (refusing: boolean) => (accepting = !refusing) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('the event policy', () => {
  it('is 50 ms, 500 events a batch, 10,000 waiting at most', () => {
    expect(EVENT_BATCH_POLICY).toEqual({ flushMs: 50, maxBatch: 500, maxQueue: 10_000 });
  });

  it('sends a batch 50 ms after its first event, or at once when 500 wait, in order', () => {
    const { batcher, batches, ids } = setup();
    batcher.push(call(1));
    vi.advanceTimersByTime(30);
    batcher.push(call(2));
    vi.advanceTimersByTime(19);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([[call(1), call(2)]]);
    for (let id = 3; id <= 1202; id++) batcher.push(call(id));
    expect(batches.map((batch) => batch.length)).toEqual([2, 500, 500]);
    vi.advanceTimersByTime(50);
    expect(batches.map((batch) => batch.length)).toEqual([2, 500, 500, 200]);
    expect(ids()).toEqual(Array.from({ length: 1202 }, (_, i) => i + 1));
  });

  it('keeps only the latest of each snapshot while it waits, and every call', () => {
    const { batcher, batches } = setup();
    batcher.push(status(1));
    batcher.push(tunnel('connecting'));
    batcher.push(call(1));
    batcher.push({ type: 'answers-changed' });
    batcher.push(progress('a', 1));
    batcher.push(progress('b', 1));
    batcher.push({ type: 'account-changed' });
    batcher.push(status(2));
    batcher.push(call(2));
    batcher.push(tunnel('online'));
    batcher.push({ type: 'answers-changed' });
    batcher.push(progress('a', 2));
    batcher.push({ type: 'account-changed' });
    vi.advanceTimersByTime(50);
    expect(batches).toEqual([
      [
        call(1),
        progress('b', 1),
        status(2),
        call(2),
        tunnel('online'),
        { type: 'answers-changed' },
        progress('a', 2),
        { type: 'account-changed' },
      ],
    ]);
    // Only what waits together is coalesced: a snapshot already sent is not taken back.
    batcher.push(status(3));
    vi.advanceTimersByTime(50);
    expect(batches[1]).toEqual([status(3)]);
  });

  it('holds events for a paused receiver, and sends them all at once (in batches of 500) when it resumes', () => {
    const { batcher, batches, ids } = setup({ paused: true });
    for (let id = 1; id <= 1100; id++) batcher.push(call(id));
    vi.advanceTimersByTime(1000);
    expect(batches).toEqual([]);
    batcher.resume();
    expect(batches.map((batch) => batch.length)).toEqual([500, 500, 100]);
    expect(ids()).toEqual(Array.from({ length: 1100 }, (_, i) => i + 1));
    batcher.pause();
    batcher.push(call(1101));
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(3);
  });

  it('keeps a batch nobody took and sends it again on resume', () => {
    const { batcher, batches, refuse } = setup();
    refuse(true);
    batcher.push(call(1));
    vi.advanceTimersByTime(50);
    batcher.push(call(2));
    vi.advanceTimersByTime(1000);
    expect(batches).toEqual([]);
    refuse(false);
    batcher.resume();
    expect(batches).toEqual([[call(1), call(2)]]);
  });

  it('stops at once for a receiver that says it is full while taking a batch', () => {
    const batches: DeliveredEvent[][] = [];
    const batcher = createEventBatcher({
      deliver: (batch) => {
        batches.push(batch);
        batcher.pause();
        return true;
      },
      policy: { maxBatch: 2 },
    });
    for (let id = 1; id <= 5; id++) batcher.push(call(id));
    expect(batches).toEqual([[call(1), call(2)]]);
    batcher.resume();
    expect(batches).toEqual([
      [call(1), call(2)],
      [call(3), call(4)],
    ]);
    batcher.resume();
    expect(batches.at(-1)).toEqual([call(5)]);
  });

  it('when too many wait, replaces what the page can read again with one resync marker, and keeps what happened once', () => {
    const { batcher, batches } = setup({ paused: true, policy: { maxQueue: 5 } });
    batcher.push(call(1));
    batcher.push(urlChanged(1));
    batcher.push(status(1));
    batcher.push({ type: 'replay-finished', runId: 'a', summary: {} as never });
    batcher.push(call(2));
    expect(batcher.dropped).toBe(0);
    batcher.push(call(3));
    // call 1, status 1, call 2 and call 3 went; the two notices stayed, after the marker.
    expect(batcher.dropped).toBe(4);
    batcher.push(call(4));
    batcher.push(call(5));
    batcher.push(call(6));
    // Full again: one marker still, never two.
    expect(batcher.dropped).toBe(7);
    batcher.push(call(7));
    batcher.resume();
    expect(batches).toEqual([[RESYNC, urlChanged(1), { type: 'replay-finished', runId: 'a', summary: {} }, call(7)]]);
  });

  it('drops the oldest notices only when notices alone fill the queue', () => {
    const { batcher, batches } = setup({ paused: true, policy: { maxQueue: 3 } });
    for (let n = 1; n <= 5; n++) batcher.push(urlChanged(n));
    expect(batcher.dropped).toBe(3);
    batcher.resume();
    expect(batches).toEqual([[RESYNC, urlChanged(4), urlChanged(5)]]);
  });

  it('sends nothing once disposed', () => {
    const { batcher, batches } = setup();
    batcher.push(call(1));
    batcher.dispose();
    vi.advanceTimersByTime(100);
    batcher.resume();
    expect(batches).toEqual([]);
  });
});
