import { describe, expect, it } from 'vitest';
import type { CallFilter } from '../../../main/contract/api';
import { spreadOrder } from '../../../main/core/store/count-estimate';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import type { QueryBudget } from '../../../main/core/store/id-windows';
import { benchHistory, benchReceivedAt as receivedAt, useBenchHistory } from './bench-history';

const CALLS = 16_000;
const { db } = useBenchHistory(CALLS);

/** A clock that never finds time gone: every sampled window is read. */
const unhurried = (): QueryBudget => ({ ms: 40, firstWindow: 1_024, clock: () => 0 });
/** A clock that finds time gone at each look so that `windows` windows of 64 ids fit in the 40 ms budget. */
function timeFor(windows: number): QueryBudget {
  let now = 0;
  return { ms: 40, firstWindow: 1_024, clock: () => (now += 40 / windows) };
}
/** The exact count, read in one go. */
const exact = (filter: CallFilter) =>
  new CallsRepository(db(), { ms: 1e9, firstWindow: 8_192 }).stats({ ...filter, perAction: false }).total;

describe('an estimate of how many calls match', () => {
  it.each<[string, CallFilter]>([
    ['a common word', { text: 'Paris' }],
    ['a word in most bodies', { text: 'example.com' }],
    ['a word sent escaped in half the bodies', { text: 'Zürich' }],
    ['one letter', { text: 'a' }],
    ['an action', { action: 'lookup_order' }],
    ['a verdict and a word', { verdict: 'valid', text: 'Berlin' }],
    ['a time range', { since: receivedAt(6_000) }],
  ])('is within a tenth of the exact count for %s, from a sample of the history', (_, filter) => {
    const estimate = new CallsRepository(db(), unhurried()).estimate(filter);
    const count = exact(filter);
    expect(count).toBeGreaterThan(0);
    // It stops once its matches are enough, long before it has read the whole history.
    expect(estimate.sampled).toBeGreaterThanOrEqual(4_096);
    expect(estimate.sampled).toBeLessThan(CALLS / 2);
    expect(estimate.about).not.toBeNull();
    expect(Math.abs(estimate.about! - count) / count).toBeLessThan(0.1);
  });

  it('reads on for rarer matches while the budget allows, and gives few of them one significant figure', () => {
    // About 1 call in 100 is a replay: some 50 in a sample of 80 windows, which the budget allows.
    const estimate = new CallsRepository(db(), timeFor(80)).estimate({ source: 'replay' });
    const count = exact({ source: 'replay' });
    expect(estimate.sampled).toBe(80 * 64);
    expect(estimate.about).not.toBeNull();
    expect(String(estimate.about).replace(/0+$/, '')).toHaveLength(1);
    expect(Math.abs(estimate.about! - count) / count).toBeLessThan(0.5);
  });

  it('gives one significant figure when the matches lie side by side in few windows', () => {
    // The newest 30% of the history: over a thousand matches, in some 19 windows of the 64 read.
    const newest = (CALLS * 3) / 10;
    const estimate = new CallsRepository(db(), timeFor(64)).estimate({ since: receivedAt(CALLS - newest) });
    expect(estimate.sampled).toBe(64 * 64);
    expect(String(estimate.about).replace(/0+$/, '')).toHaveLength(1);
    expect(Math.abs(estimate.about! - newest) / newest).toBeLessThan(0.5);
  });

  it('says nothing when the sample the budget allows holds too few matches to tell', () => {
    expect(exact({ text: 'user4240@example.com' })).toBe(1);
    expect(new CallsRepository(db(), timeFor(8)).estimate({ text: 'user4240@example.com' })).toEqual({ about: null, sampled: 512 });
    expect(new CallsRepository(db(), timeFor(200)).estimate({ source: 'replay' }).about).not.toBeNull();
    expect(new CallsRepository(db(), timeFor(200)).estimate({ text: 'no such words' })).toEqual({ about: null, sampled: 200 * 64 });
  });

  it('is the exact count when the budget allows reading every window of the history', () => {
    expect(new CallsRepository(db(), unhurried()).estimate({ text: 'user4240@example.com' })).toEqual({ about: 1, sampled: CALLS });
  });

  it('reads its sample spread over the whole history when the budget cuts it short', () => {
    // Only the oldest half matches: a sample read newest first would find none of them.
    const oldestHalf: CallFilter = { until: receivedAt(CALLS / 2 - 1) };
    const estimate = new CallsRepository(db(), timeFor(8)).estimate(oldestHalf);
    expect(estimate.sampled).toBeLessThan(1_024);
    expect(estimate.about).not.toBeNull();
    expect(Math.abs(estimate.about! - CALLS / 2) / (CALLS / 2)).toBeLessThan(0.3);
  });

  it('is the exact count when the history is small enough to read whole', async () => {
    const small = benchHistory(300);
    try {
      const calls = new CallsRepository(small.db, unhurried());
      expect(calls.estimate({ text: 'Paris' })).toEqual({ about: calls.stats({ text: 'Paris' }).total, sampled: 300 });
      expect(calls.estimate({ text: 'user5@example.com' })).toEqual({ about: 1, sampled: 300 });
    } finally {
      await small.close();
    }
  });

  it('spreads any first part of its windows over the range', () => {
    expect(spreadOrder(8)).toEqual([0, 4, 2, 6, 1, 5, 3, 7]);
    expect(spreadOrder(5)).toEqual([0, 4, 2, 1, 3]);
    expect(spreadOrder(1)).toEqual([0]);
  });
});
