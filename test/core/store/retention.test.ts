import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/core/store/migrations';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { Retention, type RetentionRules } from '../../../main/core/store/retention';
import { TextIndexer } from '../../../main/core/store/text-index';
import { benchCall } from '../../bench/fill-history';
import { makeTempDir } from '../../helpers/temp-dir';

// The oldest calls past the history's rules go, with their text-index entries; counts and
// search stay right. Real SQLite file; the looks are taken by hand where timing would matter.

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 0, 20);
let db: Database.Database;
let dir: { path: string; remove: () => void };
let calls: CallsRepository;
let index: TextIndexer;
let rules: RetentionRules;
let pruned: { deleted: number; upToId: number }[];
let retention: Retention;

beforeEach(() => {
  dir = makeTempDir();
  db = new Database(join(dir.path, 'history.sqlite'));
  const migrated = migrate(db);
  if (!migrated.ok) throw new Error(JSON.stringify(migrated));
  calls = new CallsRepository(db);
  index = new TextIndexer(db);
  rules = { keepCalls: null, keepDays: null, keepBytes: null };
  pruned = [];
  retention = new Retention(db, {
    rules: () => rules,
    now: () => NOW,
    sliceRows: 64,
    onPruned: (deleted, upToId) => pruned.push({ deleted, upToId }),
  });
});
afterEach(() => {
  retention.stop();
  db.close();
  dir.remove();
});

/** Stores `count` calls whose bodies carry `word-<n>`, received `ageDays` ago. */
function store(
  count: number,
  word: string,
  options: { ageDays?: number; source?: 'flowent' | 'import'; bodyBytes?: number } = {},
): number[] {
  const receivedAt = NOW - (options.ageDays ?? 0) * DAY;
  const padding = options.bodyBytes ? randomBytes(options.bodyBytes / 2).toString('hex') : '';
  return calls.insert(
    Array.from({ length: count }, (_, i) => ({
      ...benchCall(i, receivedAt),
      source: options.source ?? 'flowent',
      requestBody: Buffer.from(JSON.stringify({ action_name: 'send_email', parameters: { tag: `${word}-${i}`, padding } })),
    })),
  );
}

const total = () => calls.stats({}).total;
const found = (text: string) => calls.list({ text, limit: 500 }).calls.map((call) => call.id);
/** Text-index entries left for calls that are gone: the index must not keep them. */
const orphanEntries = () =>
  db
    .prepare('SELECT count(*) FROM calls_text WHERE calls_text MATCH ? AND rowid NOT IN (SELECT id FROM calls)')
    .pluck()
    .get('"tag"') as number;

describe('Retention', () => {
  it('keeps the newest calls by count, deletes the oldest with their index entries, and keeps counts and search right', () => {
    const oldest = store(150, 'early');
    index.catchUp();
    const newest = store(100, 'late');
    rules.keepCalls = 120;
    expect(retention.due()).toBe(130);
    expect(retention.enforce()).toBe(130);
    expect(total()).toBe(120);
    expect(
      calls
        .list({ limit: 500 })
        .calls.map((call) => call.id)
        .sort((a, b) => a - b),
    ).toEqual([...oldest.slice(130), ...newest]);
    expect(orphanEntries()).toBe(0);
    expect(found('early-14')).toEqual(oldest.slice(140).reverse());
    expect(found('"early-3"')).toEqual([]);
    expect(found('late-99')).toEqual([newest[99]]);
    index.catchUp();
    expect(found('late-99')).toEqual([newest[99]]);
  });

  it("by count, deletes the calls received longest ago first: an old HAR imported after today's calls goes before them", () => {
    const today = store(5, 'today');
    const imported = store(7, 'october', { ageDays: 60, source: 'import' });
    index.catchUp();
    rules.keepCalls = 5;
    expect(retention.enforce()).toBe(7);
    expect(
      calls
        .list({ limit: 500 })
        .calls.map((call) => call.id)
        .sort((a, b) => a - b),
    ).toEqual(today);
    expect(imported.every((id) => calls.get(id) === null)).toBe(true);
    expect(orphanEntries()).toBe(0);
  });

  it('deletes calls older than the days kept, but not imported ones (they keep their first times)', () => {
    const old = store(40, 'old', { ageDays: 20 });
    const imported = store(10, 'imported', { ageDays: 20, source: 'import' });
    const recent = store(30, 'recent', { ageDays: 2 });
    index.catchUp();
    rules.keepDays = 14;
    expect(retention.enforce()).toBe(40);
    const left = calls
      .list({ limit: 500 })
      .calls.map((call) => call.id)
      .sort((a, b) => a - b);
    expect(left).toEqual([...imported, ...recent]);
    expect(found('old-1')).toEqual([]);
    expect(orphanEntries()).toBe(0);
    expect(old.every((id) => calls.get(id) === null)).toBe(true);
  });

  it('keeps the history under its size, deleting only about what it takes', () => {
    store(1_000, 'sized', { bodyBytes: 4_000 });
    index.catchUp();
    const before = retention.usage();
    expect(before.bytes).toBeGreaterThan(4_000_000);
    rules.keepBytes = Math.round(before.bytes / 2);
    retention.enforce();
    const after = retention.usage();
    expect(after.bytes).toBeLessThanOrEqual(rules.keepBytes);
    // Half the bytes, so about half the calls: not the whole history.
    expect(after.calls).toBeGreaterThan(400);
    expect(after.calls).toBeLessThan(550);
    expect(orphanEntries()).toBe(0);
  });

  it('while calls keep arriving, deletes as soon as the size is over by a tenth, not only once a slice of calls is due', () => {
    store(40, 'big', { bodyBytes: 20_000 });
    rules.keepBytes = Math.round(retention.usage().bytes * 0.8);
    retention.look();
    // Calls arrive at every look; 20% over the size is some 8 calls: far less than a slice (64).
    store(1, 'arriving');
    retention.look();
    expect(total()).toBeLessThan(41);
  });

  it('while the index is merged after a drain, calls arriving over the count go first', async () => {
    store(300, 'first');
    index.catchUp();
    rules.keepCalls = 100;
    let arrived = false;
    const flooded = new Retention(db, {
      rules: () => rules,
      now: () => NOW,
      sliceRows: 64,
      // A flood goes on as the first drain ends: 200 calls come in before its merging starts.
      onPruned: (deleted, upToId) => {
        pruned.push({ deleted, upToId });
        if (arrived) return;
        arrived = true;
        store(200, 'flood');
      },
    });
    flooded.look();
    // No look is taken after this one: the drain itself must delete the flood's calls.
    await expect.poll(() => total()).toBe(100);
    expect(pruned).toEqual([
      { deleted: 200, upToId: 200 },
      { deleted: 200, upToId: 400 },
    ]);
    flooded.stop();
  });

  it('waits while calls keep arriving unless more than a slice is due, then drains in slices and says what went', async () => {
    store(100, 'first');
    rules.keepCalls = 100;
    retention.look();
    for (let i = 0; i < 5; i++) {
      store(10, `busy-${i}`);
      retention.look();
    }
    // 50 due, calls arriving at every look: nothing deleted yet.
    expect(total()).toBe(150);
    store(100, 'flood');
    retention.look();
    // 150 due, more than a slice (64) of them: deleting goes on while calls arrive.
    await expect.poll(() => total()).toBe(100);
    expect(pruned).toEqual([{ deleted: 150, upToId: 150 }]);
    store(5, 'last');
    retention.look();
    // A quiet look deletes even a few (once the index merging after the last drain is done).
    await expect
      .poll(() => {
        retention.look();
        return total();
      })
      .toBe(100);
  });
});
