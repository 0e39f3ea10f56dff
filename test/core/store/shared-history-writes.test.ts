import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { migrate } from '../../../main/core/store/migrations';
import { Retention } from '../../../main/core/store/retention';
import { TextIndexer } from '../../../main/core/store/text-index';
import { benchCall } from '../../bench/fill-history';
import { makeTempDir } from '../../helpers/temp-dir';

// The app and serve may share one history folder, each with its own text indexer and retention.
// Their writes wait for the other process's write to end (busy_timeout), as a call's insert
// does, instead of failing at once and being reported as a broken folder.
const HOLD_MS = 300;

let dir: { path: string; remove: () => void };
let db: Database.Database;
let calls: CallsRepository;

beforeEach(() => {
  dir = makeTempDir();
  db = new Database(join(dir.path, 'history.sqlite'));
  // As openStore opens the history.
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  const migrated = migrate(db);
  if (!migrated.ok) throw new Error(JSON.stringify(migrated));
  calls = new CallsRepository(db);
  calls.insert(Array.from({ length: 50 }, (_, i) => benchCall(i, Date.now() - 10 * 86_400_000)));
});
afterEach(() => {
  db.close();
  dir.remove();
});

/** Another process's write: a connection of its own holds the write lock for HOLD_MS, then commits. Resolves once it holds it. */
async function anotherWriter(file: string): Promise<{ done: Promise<void> }> {
  const worker = new Worker(
    `
    const { workerData, parentPort } = require('node:worker_threads');
    const Database = require('better-sqlite3');
    const db = new Database(workerData.file);
    db.exec('BEGIN IMMEDIATE');
    parentPort.postMessage('holding');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
    db.exec('COMMIT');
    db.close();
    `,
    { eval: true, workerData: { file, holdMs: HOLD_MS } },
  );
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return { done: new Promise((resolve) => worker.once('exit', () => resolve())) };
}

describe('writes beside another process', () => {
  it("a slice of the text index waits for the other process's write, then indexes", async () => {
    const indexer = new TextIndexer(db, { sliceRows: 20 });
    const other = await anotherWriter(db.name);
    const started = performance.now();
    expect(indexer.indexSlice()).toBe(20);
    expect(performance.now() - started).toBeGreaterThan(HOLD_MS / 2);
    await other.done;
  });

  it("a slice of retention waits for the other process's write, then deletes", async () => {
    const retention = new Retention(db, { rules: () => ({ keepCalls: null, keepDays: 1, keepBytes: null }), sliceRows: 20 });
    const other = await anotherWriter(db.name);
    expect(retention.pruneSlice(20, 0).deleted).toBe(20);
    await other.done;
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(30);
  });
});
