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
    const estimate = new CallsRepository(db(), unhurried()).estimate({ ...filter, perAction: false });
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
    const total = (budget: QueryBudget, filter: CallFilter) => new CallsRepository(db(), budget).estimate({ ...filter, perAction: false });
    expect(total(timeFor(8), { text: 'user4240@example.com' })).toEqual({ about: null, sampled: 512, perAction: [] });
    expect(total(timeFor(200), { source: 'replay' }).about).not.toBeNull();
    expect(total(timeFor(200), { text: 'no such words' })).toEqual({ about: null, sampled: 200 * 64, perAction: [] });
  });

  it('is the exact count when the budget allows reading every window of the history', () => {
    expect(new CallsRepository(db(), unhurried()).estimate({ text: 'user4240@example.com' })).toEqual({
      about: 1,
      sampled: CALLS,
      perAction: [{ action: 'send_email', about: 1 }],
    });
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
      const paris = calls.stats({ text: 'Paris' });
      expect(calls.estimate({ text: 'Paris' })).toEqual({
        about: paris.total,
        sampled: 300,
        perAction: paris.perAction.map(({ action, count }) => ({ action, about: count })),
      });
      expect(calls.estimate({ text: 'user5@example.com', perAction: false })).toEqual({ about: 1, sampled: 300, perAction: [] });
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

describe("an estimate per action (the filter bar's counts)", () => {
  it.each<[string, CallFilter]>([
    ['one letter', { text: 'a' }],
    ['a word in most bodies', { text: 'example.com' }],
    ['a verdict', { verdict: 'valid' }],
  ])('gives each action the sample found enough of, near its own exact count, for %s', (_, filter) => {
    const estimate = new CallsRepository(db(), unhurried()).estimate(filter);
    const counts = new Map(exactPerAction(filter).map(({ action, count }) => [action, count]));
    const given = estimate.perAction.filter((action) => action.about !== null);
    expect(given.length).toBeGreaterThan(1);
    for (const { action, about } of given) {
      const count = counts.get(action)!;
      expect(count).toBeGreaterThan(0);
      expect(Math.abs(about! - count) / count).toBeLessThan(0.25);
    }
    // Most matches first, and every action named is one that has matches.
    expect(estimate.perAction.map(({ action }) => action).every((action) => counts.has(action))).toBe(true);
  });

  it('reads on until each action it found has enough matches for two figures', () => {
    // About 1 call in 23 answered 5xx: 400 matches are enough for the total, some 80 per action not.
    const filter: CallFilter = { statusClass: '5xx' };
    const total = new CallsRepository(db(), unhurried()).estimate({ ...filter, perAction: false });
    const perAction = new CallsRepository(db(), unhurried()).estimate(filter);
    expect(perAction.sampled).toBeGreaterThan(total.sampled);
    expect(perAction.sampled).toBeLessThan(CALLS);
    const counts = new Map(exactPerAction(filter).map(({ action, count }) => [action, count]));
    expect(perAction.perAction).toHaveLength(counts.size);
    for (const { action, about } of perAction.perAction) {
      expect(String(about).replace(/0+$/, '')).toHaveLength(2);
      expect(Math.abs(about! - counts.get(action)!) / counts.get(action)!).toBeLessThan(0.25);
    }
  });

  it('gives no figure for an action the sample held too few calls of, while the total has one', () => {
    // Some 50 replays in a sample of 80 windows, spread over five actions: about 10 each.
    const estimate = new CallsRepository(db(), timeFor(80)).estimate({ source: 'replay' });
    expect(estimate.about).not.toBeNull();
    expect(estimate.perAction.length).toBeGreaterThan(1);
    expect(estimate.perAction.every(({ about }) => about === null)).toBe(true);
  });
});

/** The exact counts per action, read in one go. */
function exactPerAction(filter: CallFilter) {
  return new CallsRepository(db(), { ms: 1e9, firstWindow: 8_192 }).stats(filter).perAction;
}
