import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROWS_READ_PER_LOOK } from '../../../main/core/store/aged-calls';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { migrate } from '../../../main/core/store/migrations';
import { Retention } from '../../../main/core/store/retention';
import { benchCall } from '../../bench/fill-history';
import { makeTempDir } from '../../helpers/temp-dir';

// The age rule beside a large import of old calls (imports keep their first times and are
// exempt): the right calls go, and a look does not read the imported calls again each time.
// Real SQLite file; the looks are taken by hand.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 0, 20);
const IMPORTED = 100_000;
let db: Database.Database;
let dir: { path: string; remove: () => void };
let calls: CallsRepository;
let retention: Retention;

beforeEach(() => {
  dir = makeTempDir();
  db = new Database(join(dir.path, 'history.sqlite'));
  const migrated = migrate(db);
  if (!migrated.ok) throw new Error(JSON.stringify(migrated));
  calls = new CallsRepository(db);
  retention = new Retention(db, { rules: () => ({ keepCalls: null, keepDays: 14, keepBytes: null }), now: () => NOW, sliceRows: 64 });
});
afterEach(() => {
  retention.stop();
  db.close();
  dir.remove();
});

function store(source: 'flowent' | 'import' | 'replay', ageDays: number): number {
  const [id] = calls.insert([{ ...benchCall(1, NOW - ageDays * DAY), source }]);
  return id!;
}

/** `count` copies of call `id` (a whole stored call each), received `apartMs` apart from `ageDays` ago on. */
function copies(id: number, count: number, ageDays: number, apartMs = 1000): void {
  const columns = db
    .prepare('SELECT name FROM pragma_table_info(?)')
    .pluck()
    .all('calls')
    .filter((name) => name !== 'id' && name !== 'received_at')
    .join(', ');
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
     INSERT INTO calls (received_at, ${columns}) SELECT ? + i * ?, ${columns} FROM calls, n WHERE calls.id = ?`,
  ).run(count, NOW - ageDays * DAY, apartMs, id);
}

const left = () => db.prepare('SELECT id FROM calls ORDER BY id').pluck().all() as number[];

/** Looks until one says a call is due by age; how many it took. */
function looksUntilDue(most: number): number {
  for (let looks = 1; looks <= most; looks++) if (retention.due() > 0) return looks;
  return Infinity;
}

function medianMs(runs: number, run: () => unknown): number {
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

describe('the age rule beside many old imported calls', () => {
  it('deletes the aged calls before, among and after 100,000 old imported ones, and no imported or recent call', () => {
    const first = store('flowent', 90);
    const imported = store('import', 60);
    copies(imported, IMPORTED - 1, 60);
    // A replay in an imported file keeps its old time: it is no imported call, so its age counts.
    const amongThem = [store('flowent', 59), store('replay', 40)];
    const after = store('flowent', 20);
    const recent = [store('flowent', 1), store('import', 1)];

    expect(retention.enforce()).toBe(4);
    const kept = left();
    expect(kept).toHaveLength(IMPORTED + recent.length);
    expect(kept).not.toContain(first);
    expect(kept).not.toContain(after);
    for (const id of amongThem) expect(kept).not.toContain(id);
    expect(kept).toEqual(expect.arrayContaining(recent));
    expect(db.prepare("SELECT count(*) FROM calls WHERE source = 'import'").pluck().get()).toBe(IMPORTED + 1);
  });

  it('reads the imported calls once, a bounded stretch a look, and not again at the looks after', () => {
    copies(store('import', 60), IMPORTED - 1, 60);
    const aged = store('flowent', 20);

    // The one call due lies behind every imported call: each look reads its share of them and
    // goes on where the last stopped. All at once, the first look would find it; from the
    // oldest call every time, no look would.
    expect(looksUntilDue(100)).toBe(Math.ceil((IMPORTED + 1) / ROWS_READ_PER_LOOK));
    expect(retention.due()).toBe(1);
    expect(retention.pruneSlice(64, 0).deleted).toBe(1);
    expect(left()).not.toContain(aged);

    // What a look cost when it read the imported calls from the oldest on, measured here on this
    // file (the statement retention ran before): the looks now cost a small part of it.
    const fromTheOldest = db.prepare("SELECT id FROM calls WHERE received_at < ? AND source <> 'import' ORDER BY received_at LIMIT 1");
    const readingThemAll = medianMs(5, () => fromTheOldest.all(NOW - 14 * DAY));
    const look = medianMs(21, () => expect(retention.due()).toBe(0));
    expect(look).toBeLessThan(readingThemAll / 20);
  });

  it('goes past more imported calls received in the same millisecond than a look reads', () => {
    // Another tool's HAR may give every entry one time: the place is that time and an id.
    copies(store('import', 60), 3 * ROWS_READ_PER_LOOK, 60, 0);
    store('flowent', 20);
    expect(looksUntilDue(100)).toBe(4);
    expect(retention.enforce()).toBe(1);
  });

  it('finds an old replay imported after the looks passed its time, and one stored in place of deleted calls', () => {
    copies(store('import', 60), 10_000, 60);
    expect(retention.enforce()).toBe(0);
    expect(retention.due()).toBe(0);

    const replayed = store('replay', 30);
    expect(retention.due()).toBe(1);
    expect(retention.enforce()).toBe(1);
    expect(left()).not.toContain(replayed);

    // Another process deletes the newest calls and stores an old replay: SQLite gives it the
    // id of the newest deleted one, below every id the looks had seen.
    const other = new Database(db.name);
    const newest = other.prepare('SELECT max(id) FROM calls').pluck().get() as number;
    other.prepare('DELETE FROM calls WHERE id > ?').run(newest - 3);
    other.close();
    const reused = store('replay', 30);
    expect(reused).toBe(newest - 2);
    expect(looksUntilDue(100)).toBeLessThanOrEqual(Math.ceil((10_001 + 1) / ROWS_READ_PER_LOOK));
    expect(retention.enforce()).toBe(1);
    expect(left()).not.toContain(reused);
    expect(left()).toHaveLength(10_001 - 3);
  });
});
