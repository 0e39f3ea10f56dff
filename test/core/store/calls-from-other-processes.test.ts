import { afterEach, describe, expect, it } from 'vitest';
import type { CallSummary } from '../../../main/contract/api';
import { CallsFromOtherProcesses, MOST_TOLD_ONE_BY_ONE } from '../../../main/core/store/calls-from-other-processes';
import type { Store } from '../../../main/core/store/open-store';
import { benchCall } from '../../bench/fill-history';
import { storesClosedAfterEach } from '../../helpers/stores-closed-after-each';

// Two connections to one history file stand for two processes: SQLite tells a connection of
// commits made through the other one exactly as it does of another process's.
const watches: CallsFromOtherProcesses[] = [];
afterEach(() => watches.splice(0).forEach((watch) => watch.stop()));
const { open, freshDir } = storesClosedAfterEach();

/** This process's history (watched) and another process's connection to the same file. */
function twoProcesses(storedBefore = 0) {
  const dir = freshDir();
  const here = open(dir);
  const elsewhere = open(dir);
  let n = 0;
  const store = (where: Store, count = 1) => where.calls.insert(Array.from({ length: count }, () => benchCall(n++, Date.now())));
  const before = store(elsewhere, storedBefore);
  const told: CallSummary[] = [];
  const counts: number[] = [];
  const errors: unknown[] = [];
  let clears = 0;
  // A long interval: the test takes each look itself.
  const watch = new CallsFromOtherProcesses({
    calls: here.calls,
    onCalls: (calls) => told.push(...calls),
    onMany: (count) => counts.push(count),
    onCleared: () => clears++,
    onError: (error) => errors.push(error),
    intervalMs: 3_600_000,
  });
  watches.push(watch);
  return { here, elsewhere, told, counts, errors, watch, store, before, clears: () => clears };
}

describe('calls other processes store in the history', () => {
  it('are told once each, oldest first, and the calls stored here are not', () => {
    const { here, elsewhere, told, counts, errors, watch, store, before } = twoProcesses(2);
    watch.look();
    expect(told).toEqual([]);

    const mine = store(here, 2);
    const theirs = store(elsewhere, 3);
    const mineAfter = store(here);
    watch.look();
    expect(told.map((call) => call.id)).toEqual(theirs);
    expect(told.map((call) => call.id)).not.toContain(before[0]);
    expect(theirs.some((id) => id > mine[1]! && id < mineAfter[0]!)).toBe(true);
    expect(told[0]).toMatchObject({ id: theirs[0], action: benchCall(4, 0).action, source: benchCall(4, 0).source });

    // Nothing new elsewhere: nothing told, even with calls stored here in between.
    store(here, 4);
    watch.look();
    watch.look();
    expect(told).toHaveLength(3);
    const later = store(elsewhere);
    watch.look();
    expect(told.map((call) => call.id)).toEqual([...theirs, ...later]);
    expect(counts).toEqual([]);
    expect(errors).toEqual([]);
  });

  it(`tells more than ${MOST_TOLD_ONE_BY_ONE} at once as a count, and goes on one by one after`, () => {
    const { here, elsewhere, told, counts, watch, store } = twoProcesses();
    store(here, 5);
    store(elsewhere, MOST_TOLD_ONE_BY_ONE + 1);
    store(here, 200);
    watch.look();
    expect(counts).toEqual([MOST_TOLD_ONE_BY_ONE + 1]);
    expect(told).toEqual([]);

    store(elsewhere, MOST_TOLD_ONE_BY_ONE);
    watch.look();
    expect(counts).toHaveLength(1);
    expect(told).toHaveLength(MOST_TOLD_ONE_BY_ONE);
  });

  it('a history cleared elsewhere is told as cleared, and its next calls are told', () => {
    const { here, elsewhere, told, watch, store, clears } = twoProcesses();
    store(here, 10);
    watch.look();
    elsewhere.calls.clear();
    watch.look();
    expect(clears()).toBe(1);
    expect(told).toEqual([]);
    const next = store(elsewhere, 2);
    store(here);
    watch.look();
    expect(told.map((call) => call.id)).toEqual(next);

    // Cleared elsewhere and refilled, with fewer calls, before the next look: told as a clear,
    // then the new calls. (Refilled up to the last call told, it would not be seen as a clear.)
    elsewhere.calls.clear();
    const refilled = store(elsewhere, 2);
    watch.look();
    expect(clears()).toBe(2);
    expect(told.map((call) => call.id)).toEqual([...next, ...refilled]);
  });

  it('a history cleared here is not told (the core tells it), and the calls stored elsewhere after are', () => {
    const { here, elsewhere, told, watch, store, clears } = twoProcesses();
    store(here, 10);
    watch.look();
    here.calls.clear();
    const theirs = store(elsewhere, 2);
    store(here);
    watch.look();
    expect(clears()).toBe(0);
    expect(told.map((call) => call.id)).toEqual(theirs);
  });
});
