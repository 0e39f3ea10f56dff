import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeUnicodeEscapes, type CallQuery } from '../../../main/contract/api';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { benchCall } from '../../bench/fill-history';
import { makeTempDir } from '../../helpers/temp-dir';

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

let store: Store;
let dir: { path: string; remove: () => void };
let db: Database.Database;
/** Every stored call's id and readable body, newest first. */
let bodies: { id: number; readable: string }[];

beforeAll(() => {
  dir = makeTempDir();
  const opened = openStore({ dataDir: dir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  store = opened.value;
  for (let from = 0; from < CALLS; from += 500) {
    store.calls.insert(Array.from({ length: 500 }, (_, i) => benchCall(from + i, 1_700_000_000_000 + (from + i) * 1_000)));
  }
  store.textIndex.catchUp();
  db = new Database(store.file, { readonly: true });
  const rows = db.prepare('SELECT id, request_body AS body FROM calls ORDER BY id DESC').all() as { id: number; body: Buffer }[];
  bodies = rows.map((row) => ({ id: row.id, readable: decodeUnicodeEscapes(row.body.toString('utf8')) }));
});
afterAll(() => {
  db.close();
  store.close();
  dir.remove();
});

/** The calls a scan of every body finds for `text` below `beforeId`, newest first. */
const scan = (text: string, beforeId: number) => bodies.filter((b) => b.id < beforeId && b.readable.includes(text)).map((b) => b.id);

/** A page through a repository on the ticking clock, and whether it read the text index. */
function pageOf(query: CallQuery) {
  const calls = new CallsRepository(db, { ms: 40, firstWindow: 1_024, clock: ticking() });
  const prepare = vi.spyOn(db, 'prepare');
  try {
    const page = calls.list(query);
    const readTheIndex = prepare.mock.calls.some(([sql]) => sql.includes('calls_text MATCH'));
    return { page, ids: page.calls.map((c) => c.id), readTheIndex };
  } finally {
    prepare.mockRestore();
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
    const imported = store.calls.list({ source: 'import', limit: 500 }).calls.map((c) => c.id);
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
    const calls = new CallsRepository(db, { ms: 0, firstWindow: 1_024 });
    const page = calls.list({ text: 'Paris', limit: 500, beforeId: 1_000 });
    expect(page.calls.map((c) => c.id)).toEqual(scan('Paris', 1_000));
    expect(page.nextBeforeId).toBeNull();
  });
});
