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
/** A clock that finds 5 ms gone at each look: 8 windows fit in a 40 ms budget. */
function hurried(): QueryBudget {
  let now = 0;
  return { ms: 40, firstWindow: 1_024, clock: () => (now += 5) };
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
    expect(estimate.sampled).toBe(4_096);
    expect(estimate.about).not.toBeNull();
    expect(Math.abs(estimate.about! - count) / count).toBeLessThan(0.1);
  });

  it('gives one significant figure when the sample holds few matches', () => {
    // About 1 call in 100 is a replay: some 40 in the sample.
    const estimate = new CallsRepository(db(), unhurried()).estimate({ source: 'replay' });
    const count = exact({ source: 'replay' });
    expect(estimate.about).not.toBeNull();
    expect(String(estimate.about).replace(/0+$/, '')).toHaveLength(1);
    expect(Math.abs(estimate.about! - count) / count).toBeLessThan(0.5);
  });

  it('says nothing when the sample holds too few matches to tell', () => {
    expect(exact({ text: 'user4240@example.com' })).toBe(1);
    expect(new CallsRepository(db(), unhurried()).estimate({ text: 'user4240@example.com' }).about).toBeNull();
    expect(new CallsRepository(db(), unhurried()).estimate({ text: 'no such words' })).toEqual({ about: null, sampled: 4_096 });
  });

  it('reads its sample spread over the whole history when the budget cuts it short', () => {
    // Only the oldest half matches: a sample read newest first would find none of them.
    const oldestHalf: CallFilter = { until: receivedAt(CALLS / 2 - 1) };
    const estimate = new CallsRepository(db(), hurried()).estimate(oldestHalf);
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
