import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { switchToWal } from '../../../main/core/store/open-store';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

// Another opener holds the new file's lock while this one switches it to WAL: SQLite answers
// SQLITE_BUSY at once (here with no busy timeout, as it does when two switches wait on each
// other), and the switch is tried again until the lock is let go.
const HOLDER = `
  const { workerData } = require('node:worker_threads');
  const Database = require(workerData.driver);
  const db = new Database(workerData.file);
  db.exec('CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
  const flag = new Int32Array(workerData.flag);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  Atomics.wait(flag, 1, 0, 300);
  db.exec('COMMIT');
  db.close();
`;

it('a new history is switched to WAL once another opener lets go of its lock', async () => {
  const file = join(tempDir(), 'history.sqlite');
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const holder = new Worker(HOLDER, { eval: true, workerData: { file, flag: flag.buffer, driver: require.resolve('better-sqlite3') } });
  const done = new Promise((resolve, reject) => {
    holder.once('exit', resolve);
    holder.once('error', reject);
  });
  Atomics.wait(flag, 0, 0, 10_000);
  const db = new Database(file);
  db.pragma('busy_timeout = 0');
  expect(() => db.pragma('journal_mode = WAL')).toThrow(/locked/);
  switchToWal(db);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  db.close();
  await done;
});
