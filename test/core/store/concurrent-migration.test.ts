import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../main/core/store/migrations';
import { makeTempDir } from '../../helpers/temp-dir';

// Two processes can open a new history at once: the app and serve started together, two
// commands of a CI job, `calls --follow` waiting for the serve that creates it. Each opener
// migrates it; here three threads with connections of their own migrate one new file at the
// same moment, round after round.
const MIGRATORS = 3;
const ROUNDS = 8;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** One opener: its own connection, as openStore makes it, migrating once every opener is ready. */
function migrator(file: string, gate: SharedArrayBuffer): Worker {
  const source = join(__dirname, '../../../main/core/store/migrations.ts');
  const code = `
    require(${JSON.stringify(require.resolve('tsx/cjs'))});
    const { workerData, parentPort } = require('node:worker_threads');
    const Database = require('better-sqlite3');
    const { migrate } = require(${JSON.stringify(source)});
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    const gate = new Int32Array(workerData.gate);
    Atomics.add(gate, 0, 1);
    while (Atomics.load(gate, 0) < workerData.openers) Atomics.wait(gate, 0, Atomics.load(gate, 0), 50);
    try {
      parentPort.postMessage({ ok: migrate(db).ok });
    } catch (error) {
      parentPort.postMessage({ ok: false, error: String(error) });
    } finally {
      db.close();
    }
  `;
  return new Worker(code, { eval: true, workerData: { file, gate, openers: MIGRATORS } });
}

function outcome(worker: Worker): Promise<{ ok: boolean; error?: string }> {
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

it('a new history opened by several processes at once is migrated once, and every opener gets it', async () => {
  const dir = makeTempDir();
  cleanups.push(dir.remove);
  for (let round = 1; round <= ROUNDS; round++) {
    const file = join(dir.path, `history-${round}.sqlite`);
    const gate = new SharedArrayBuffer(4);
    const workers = Array.from({ length: MIGRATORS }, () => migrator(file, gate));
    const outcomes = await Promise.all(workers.map(outcome));
    await Promise.all(workers.map((worker) => worker.terminate()));
    expect(outcomes, `round ${round}`).toEqual(Array.from({ length: MIGRATORS }, () => ({ ok: true })));
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  }
});
