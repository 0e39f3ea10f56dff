import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/core/store/migrations';
import { TextIndexer } from '../../../main/core/store/text-index';
import { makeTempDir } from '../../helpers/temp-dir';

// The indexer adds stored bodies to the full-text index when the writer is quiet, and
// keeps the unindexed backlog bounded when it never is. Real timers, real SQLite file.

let db: Database.Database;
let dir: { path: string; remove: () => void };
let indexer: TextIndexer | null = null;

beforeEach(() => {
  dir = makeTempDir();
  db = new Database(join(dir.path, 'history.sqlite'));
  const migrated = migrate(db);
  if (!migrated.ok) throw new Error(JSON.stringify(migrated));
});
afterEach(() => {
  indexer?.stop();
  indexer = null;
  db.close();
  dir.remove();
});

const insert = (count: number) => {
  const statement = db.prepare(
    "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/', 'a', 0, '[]', ?, 0, 'valid', '{}', 'mock', 200, '[]', x'', 1)",
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) statement.run(Buffer.from(`{"n":"call-${i}"}`));
  })();
};
const entries = () => db.prepare('SELECT count(*) FROM calls_text WHERE calls_text MATCH ?').pluck().get('"cal"') as number;
/** The text index's segments (each slice writes one; merges make fewer, larger ones). */
const segments = () => db.prepare('SELECT count(DISTINCT segid) FROM calls_text_idx').pluck().get() as number;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('TextIndexer', () => {
  it("merges the index's segments in steps of their own, so no slice reaches FTS5's merge inside a write", () => {
    // FTS5 merges inside the write that leaves 16 segments on a level: that held a slice for
    // tens of ms (left to itself, these slices reach 17 segments). The steps the slices call for
    // keep every level well under it (11 segments at most here, on all levels together).
    insert(4_000);
    indexer = new TextIndexer(db, { sliceRows: 20 });
    expect(db.prepare("SELECT v FROM calls_text_config WHERE k = 'automerge'").pluck().get()).toBe(0);
    let most = 0;
    for (let slice = 0; slice < 200; slice++) {
      indexer.indexSlice();
      while (indexer.mergeStep());
      most = Math.max(most, segments());
    }
    expect(most).toBeLessThanOrEqual(12);
    expect(entries()).toBe(4_000);
  });

  it('pays the merge work it owes while draining, a step a turn', async () => {
    insert(4_000);
    indexer = new TextIndexer(db, { intervalMs: 20, sliceRows: 20 });
    // Looked at between the drain's turns: the most segments the index held at any point.
    let most = 0;
    let sampling = true;
    const sample = () => {
      most = Math.max(most, segments());
      if (sampling) setImmediate(sample);
    };
    sample();
    indexer.start();
    await expect.poll(() => indexer?.backlog()).toBe(0);
    sampling = false;
    expect(most).toBeLessThanOrEqual(12);
    expect(entries()).toBe(4_000);
  });

  it('indexes in slices once nothing new was stored for one look, until caught up', async () => {
    insert(1_000);
    indexer = new TextIndexer(db, { intervalMs: 20, sliceRows: 64 });
    expect(indexer.backlog()).toBe(1_000);
    indexer.start();
    await expect.poll(() => indexer?.backlog()).toBe(0);
    expect(entries()).toBe(1_000);
  });

  it('waits while calls keep arriving, then indexes once a look finds nothing new', async () => {
    // The looks are taken by hand, so what counts is what each look saw, not the machine's speed.
    indexer = new TextIndexer(db, { sliceRows: 64, maxBacklog: 100_000 });
    for (let i = 0; i < 10; i++) {
      insert(4);
      indexer.look();
    }
    expect(entries()).toBe(0);
    expect(indexer.backlog()).toBe(40);
    // Nothing stored since the last look: quiet. One slice now, the rest one per turn.
    indexer.look();
    expect(entries()).toBe(40);
    expect(indexer.backlog()).toBe(0);
  });

  it('drains a large backlog a slice per turn, and stops as soon as a call is stored', async () => {
    insert(300);
    indexer = new TextIndexer(db, { sliceRows: 64, maxBacklog: 100_000 });
    indexer.look();
    indexer.look();
    expect(entries()).toBe(64);
    insert(1);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(entries()).toBe(64);
    indexer.look();
    indexer.look();
    await expect.poll(() => indexer?.backlog()).toBe(0);
    expect(entries()).toBe(301);
  });

  it('indexes while calls keep arriving once the backlog passes its bound, in small slices a turn apart, down to the bound', async () => {
    indexer = new TextIndexer(db, { sliceRows: 64, maxBacklog: 50, busySliceRows: 8 });
    insert(40);
    indexer.look();
    expect(entries()).toBe(0);
    insert(40);
    indexer.look();
    // One small slice at the look; the rest waits for later turns, so a call arriving now waits for one slice at most.
    expect(entries()).toBe(8);
    // 80 waiting, 30 over the bound: those and one small slice more, so the next calls do not tip it at once.
    await expect.poll(() => indexer?.backlog()).toBe(80 - 40);
    expect(entries()).toBe(40);
    await new Promise((resolve) => setImmediate(resolve));
    expect(entries()).toBe(40);
  });

  it('reports a failing stretch once, keeps trying at each look, and reports again after a success', async () => {
    const errors: unknown[] = [];
    indexer = new TextIndexer(db, { sliceRows: 4, maxBacklog: 2, onError: (error) => errors.push(error) });
    const refuse = () =>
      db.exec("CREATE TRIGGER refuse_marks BEFORE UPDATE ON text_index_state BEGIN SELECT RAISE(ABORT, 'the history is read-only'); END;");
    refuse();
    insert(10);
    indexer.look();
    indexer.look();
    indexer.look();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/read-only/);
    // Nothing half-done: the entries of a failed slice are rolled back with its mark.
    expect(entries()).toBe(0);
    db.exec('DROP TRIGGER refuse_marks');
    indexer.look();
    expect(entries()).toBeGreaterThan(0);
    refuse();
    insert(10);
    // The drain the quiet look started ends at its next step, on seeing the new calls.
    await new Promise((resolve) => setImmediate(resolve));
    indexer.look();
    expect(errors).toHaveLength(2);
  });

  it('stops looking when stopped', async () => {
    indexer = new TextIndexer(db, { intervalMs: 10 });
    indexer.start();
    indexer.stop();
    insert(5);
    await sleep(100);
    expect(indexer.backlog()).toBe(5);
  });
});
