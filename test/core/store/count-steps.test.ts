import { describe, expect, it } from 'vitest';
import type { CallCountQuery } from '../../../main/contract/api';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import type { QueryBudget } from '../../../main/core/store/id-windows';
import { useBenchHistory } from './bench-history';

const CALLS = 16_000;
/** Every body holds an "a": a count of it reads every body, in windows of ids. */
const EVERY_BODY: CallCountQuery = { text: 'a', perAction: false };

/**
 * A clock that finds 5 ms gone at each look: every window read then costs the same, so how far
 * a count step reads is the same on any machine, under any load.
 */
function ticking(): () => number {
  let now = 0;
  return () => (now += 5);
}

/**
 * A clock whose every look finds `perLook` ms gone (a window read between two looks costs that
 * much), and which can be moved on as if the page had been idle.
 */
function steerable() {
  let now = 0;
  const clock = { perLook: 5, read: () => (now += clock.perLook), idle: (ms: number) => (now += ms) };
  return clock;
}

const { db } = useBenchHistory(CALLS);

const budget = (): QueryBudget => ({ ms: 40, firstWindow: 128, clock: ticking() });
/** The calls a step read: from where it started down to where it stopped (or the oldest). */
const readBy = (from: number, stoppedBelow: number | null) => from - (stoppedBelow ?? 1);

describe('a count that goes on where it stopped for time', () => {
  it('starts with the window the step before reached, not the first window again', () => {
    const calls = new CallsRepository(db(), budget());
    const newest = calls.lastCallId();
    const first = calls.stats(EVERY_BODY);
    expect(first.nextBeforeId).not.toBeNull();
    const stoppedAt = first.nextBeforeId!;
    const firstRead = readBy(newest + 1, stoppedAt);
    expect(firstRead).toBeGreaterThan(128);

    // A step from the same place that knows nothing of the one before grows from the first window again.
    const afresh = new CallsRepository(db(), budget()).stats({ ...EVERY_BODY, beforeId: stoppedAt });
    expect(readBy(stoppedAt, afresh.nextBeforeId)).toBe(firstRead);

    const resumed = calls.stats({ ...EVERY_BODY, beforeId: stoppedAt });
    expect(readBy(stoppedAt, resumed.nextBeforeId)).toBeGreaterThan(2 * firstRead);
  });

  it('counts every call exactly, in a few steps', () => {
    const calls = new CallsRepository(db(), budget());
    let total = 0;
    let steps = 0;
    for (let query = EVERY_BODY; ;) {
      const stats = calls.stats(query);
      steps++;
      total += stats.total;
      if (stats.nextBeforeId === null) break;
      query = { ...EVERY_BODY, beforeId: stats.nextBeforeId };
    }
    expect(total).toBe(CALLS);
    // Each step growing from the first window again would take 12.
    expect(steps).toBeLessThanOrEqual(5);
  });

  it('starts afresh for another filter, or from another place', () => {
    const calls = new CallsRepository(db(), budget());
    const first = calls.stats(EVERY_BODY);
    const firstRead = readBy(calls.lastCallId() + 1, first.nextBeforeId);
    const stoppedAt = first.nextBeforeId!;
    const other = calls.stats({ text: 'e', perAction: false, beforeId: stoppedAt });
    expect(readBy(stoppedAt, other.nextBeforeId)).toBe(firstRead);
    const elsewhere = calls.stats({ ...EVERY_BODY, beforeId: stoppedAt - 1 });
    expect(readBy(stoppedAt - 1, elsewhere.nextBeforeId)).toBe(firstRead);
  });

  it('reads bodies in narrower windows than columns: a window reaching calls not in memory is paid whole', () => {
    const wide: QueryBudget = { ms: 40, firstWindow: 2_048, clock: ticking() };
    const calls = new CallsRepository(db(), wide);
    const newest = calls.lastCallId();
    // Four windows of 1,024 bodies, then the time is spent ...
    expect(readBy(newest + 1, calls.stats(EVERY_BODY).nextBeforeId)).toBe(4 * 1_024);
    // ... where the same time reads every call's columns, in windows that grow.
    expect(new CallsRepository(db(), { ...wide, clock: ticking() }).stats({ test: false, perAction: false }).nextBeforeId).toBeNull();
  });

  it('starts the next step with a narrower window when the last one overran, not with the widest it read', () => {
    const clock = steerable();
    const calls = new CallsRepository(db(), { ms: 40, firstWindow: 256, clock: clock.read });
    const first = calls.stats(EVERY_BODY);
    // Cheap windows grew; now every window reaches the disk and overruns the budget by far, so
    // each step reads its first window alone.
    clock.perLook = 400;
    const overran = calls.stats({ ...EVERY_BODY, beforeId: first.nextBeforeId! });
    const overranRead = readBy(first.nextBeforeId!, overran.nextBeforeId);
    expect(overranRead).toBeGreaterThan(256);
    const after = calls.stats({ ...EVERY_BODY, beforeId: overran.nextBeforeId! });
    const afterRead = readBy(overran.nextBeforeId!, after.nextBeforeId);
    // 400 ms for the window before: a twentieth of it fits a share of the 40 ms budget.
    expect(afterRead).toBeLessThan(overranRead / 10);
    expect(afterRead).toBeGreaterThan(0);
  });

  it('starts a step asked for after a pause with the first window, whatever the step before read', () => {
    const stepAfter = (pauseMs: number) => {
      const clock = steerable();
      const calls = new CallsRepository(db(), { ms: 40, firstWindow: 256, clock: clock.read });
      const first = calls.stats(EVERY_BODY);
      clock.idle(pauseMs);
      // Every window overruns: the step reads its first window alone.
      clock.perLook = 400;
      return readBy(first.nextBeforeId!, calls.stats({ ...EVERY_BODY, beforeId: first.nextBeforeId! }).nextBeforeId);
    };
    expect(stepAfter(0)).toBeGreaterThan(256);
    expect(stepAfter(5_000)).toBe(256);
  });
});
