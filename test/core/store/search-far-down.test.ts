import { beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeUnicodeEscapes, MAX_SELECTION, type CallCountQuery, type CallQuery } from '../../../main/contract/api';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { benchReceivedAt, useBenchHistory } from './bench-history';

/** As the benchmark's history: `example.com` in 40% of bodies, `Paris` in 1 of 6, each `user<i>@example.com` in one. */
const CALLS = 16_000;
const PAGE = 200;

/**
 * A clock that finds 5 ms gone at each look, so what a page reads within its 40 ms is the same on
 * any machine: about 2,800 bodies by windows, or the text index's candidates 32 at a time.
 */
function ticking(): () => number {
  let now = 0;
  return () => (now += 5);
}

const history = useBenchHistory(CALLS, { indexed: true });
/** Every stored call's id, readable body and source, newest first. */
let bodies: { id: number; readable: string; source: string }[];

beforeAll(() => {
  const rows = history.db().prepare('SELECT id, request_body AS body, source FROM calls ORDER BY id DESC').all() as {
    id: number;
    body: Buffer;
    source: string;
  }[];
  bodies = rows.map((row) => ({ id: row.id, readable: decodeUnicodeEscapes(row.body.toString('utf8')), source: row.source }));
});

/** The calls a scan of every body finds for `text` below `beforeId`, newest first. */
const scan = (text: string, beforeId: number) => bodies.filter((b) => b.id < beforeId && b.readable.includes(text)).map((b) => b.id);

/** What `read` gives through a repository on the ticking clock, and whether it read the text index. */
function watchingTheIndex<T>(read: (calls: CallsRepository) => T): { value: T; readTheIndex: boolean } {
  const db = history.db();
  const calls = new CallsRepository(db, { ms: 40, firstWindow: 1_024, clock: ticking() });
  const prepare = vi.spyOn(db, 'prepare');
  try {
    const value = read(calls);
    return { value, readTheIndex: prepare.mock.calls.some(([sql]) => sql.includes('calls_text MATCH')) };
  } finally {
    prepare.mockRestore();
  }
}

/** A page, the ids on it, and whether it read the text index. */
function pageOf(query: CallQuery) {
  const { value: page, readTheIndex } = watchingTheIndex((calls) => calls.list(query));
  return { page, ids: page.calls.map((c) => c.id), readTheIndex };
}

/** A count asked again from where each step stopped, as the page asks, until exact. */
function countToTheEnd(calls: CallsRepository, query: CallCountQuery): number {
  let total = 0;
  for (let beforeId: number | undefined; ;) {
    const stats = calls.stats({ ...query, perAction: false, beforeId });
    total += stats.total;
    if (stats.nextBeforeId === null) return total;
    beforeId = stats.nextBeforeId;
  }
}

describe('a page of a search far down the history', () => {
  it('reads the bodies of a common term there, not the text index, and finds what a scan finds', () => {
    const text = 'example.com';
    const below = CALLS / 10;
    const expected = scan(text, below);
    expect(expected.length / below).toBeGreaterThan(0.35);
    const ids: number[] = [];
    for (let beforeId: number | undefined = below; beforeId !== undefined;) {
      const { page, ids: found, readTheIndex } = pageOf({ text, limit: PAGE, beforeId });
      // The index reads each trigram's list from its newest entry down before the first
      // candidate this far below it: a page of a term this common reads its bodies instead.
      expect(readTheIndex).toBe(false);
      ids.push(...found);
      beforeId = page.nextBeforeId ?? undefined;
    }
    expect(ids).toEqual(expected);
  });

  it('goes on by bodies for a term in 1 body of 6, and by the index for one in a single body', () => {
    const common = pageOf({ text: 'Paris', limit: PAGE, beforeId: CALLS / 2 });
    expect(common.readTheIndex).toBe(false);
    expect(common.ids).toEqual(scan('Paris', CALLS / 2).slice(0, PAGE));

    // 10,000 calls below the page's first id: more bodies than the page's 40 ms can read (it
    // would stop for time without the hit); through the index, one page finds it.
    const rare = 'user2000@example.com';
    const hit = scan(rare, CALLS);
    expect(hit).toHaveLength(1);
    expect(hit[0]).toBeLessThan(12_000 - 10_000 + 2);
    const found = pageOf({ text: rare, limit: PAGE, beforeId: 12_000 });
    expect(found.readTheIndex).toBe(true);
    expect(found.ids).toEqual(hit);
    expect(found.page.nextBeforeId).toBeNull();
  });

  it('does not give up on bodies for the few that a column filter lets through', () => {
    // About 1 call in 211 is imported, 2 in 5 of those hold the term. A page that starts where
    // the first window (256 ids) holds imported calls without it has read a body or two, too few
    // to tell whether its hits are dense.
    const text = 'example.com';
    const imported = history.db().prepare("SELECT id FROM calls WHERE source = 'import' ORDER BY id DESC").pluck().all() as number[];
    const holds = new Set(scan(text, CALLS + 1));
    const start = imported.find((id) => id < 12_000 && imported.every((other) => other > id || other <= id - 256 || !holds.has(other)));
    expect(start).toBeDefined();
    const { page, ids, readTheIndex } = pageOf({ source: 'import', text, limit: PAGE, beforeId: start! + 1 });
    expect(readTheIndex).toBe(false);
    const below = page.searchedDownTo ?? 0;
    expect(ids).toEqual(imported.filter((id) => id <= start! && id >= below && holds.has(id)));
    expect(ids.length).toBeGreaterThan(0);
  });

  it('answers in one go, under any load, a search of calls that fit in the first window', () => {
    // No time at all: only the first window is read, whole.
    const calls = new CallsRepository(history.db(), { ms: 0, firstWindow: 1_024 });
    const page = calls.list({ text: 'Paris', limit: 500, beforeId: 1_000 });
    expect(page.calls.map((c) => c.id)).toEqual(scan('Paris', 1_000));
    expect(page.nextBeforeId).toBeNull();
  });
});

describe('a count of a search within a short time range', () => {
  it.each(['example.com', 'user15900@example.com'])('reads the bodies of the few calls in range for %s, not the text index', (text) => {
    const newest = 3_000;
    const since = benchReceivedAt(CALLS - newest);
    const { value: total, readTheIndex } = watchingTheIndex((calls) => countToTheEnd(calls, { text, since }));
    // Over the whole index, the statement reads each trigram's list whatever the range it is
    // bounded to; the range's own bodies are few.
    expect(readTheIndex).toBe(false);
    expect(total).toBe(scan(text, Infinity).filter((id) => id > CALLS - newest).length);
    expect(total).toBeGreaterThan(0);
  });
});

describe('a count of a search over the whole history', () => {
  it.each(['user4240@example.com', 'Paris'])('reads the text index first for %s, and counts what a scan finds', (text) => {
    const { value: total, readTheIndex } = watchingTheIndex((calls) => countToTheEnd(calls, { text }));
    // Its first step streams the index's candidates newest first; steps that go on read bodies.
    expect(readTheIndex).toBe(true);
    expect(total).toBe(scan(text, Infinity).length);
  });
});

describe('a selection of calls to replay far down the history', () => {
  it('reads the bodies of a common term there, not the text index, and selects what a scan finds', () => {
    const text = 'example.com';
    const below = CALLS / 10;
    const replayable = new Set(['flowent', 'import']);
    const expected = bodies.filter((b) => b.id < below && b.readable.includes(text) && replayable.has(b.source)).map((b) => b.id);
    const { value: ids, readTheIndex } = watchingTheIndex((calls) => {
      const selected: number[] = [];
      // As a bulk replay asks: for as many as it may replay, far more than a page, step by step.
      for (let beforeId = below; ;) {
        const step = calls.selectReplayableIds({ text }, MAX_SELECTION - selected.length, beforeId);
        selected.push(...step.ids);
        if (step.nextBeforeId === null) return selected;
        beforeId = step.nextBeforeId;
      }
    });
    expect(readTheIndex).toBe(false);
    expect(ids).toEqual(expected);
  });
});
