import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { LATEST_VERSION } from '../../../main/core/store/migrations';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { threadsAtOnce } from '../../helpers/threads-at-once';

// Two processes can open a new history at once: the app and serve started together, two
// commands of a CI job, `calls --follow` waiting for the serve that creates it. Each opener
// migrates it; here three threads with connections of their own migrate one new file at the
// same moment, round after round.
const MIGRATORS = 3;
const ROUNDS = 8;
const SOURCE = join(__dirname, '../../../main/core/store/migrations.ts');
const OPEN_STORE = join(__dirname, '../../../main/core/store/open-store.ts');

const { tempDir } = cleanupsPerTest();

/**
 * One opener of each round's file: its own connection, as openStore makes it (switched to WAL, as
 * all switch at once), migrating once every opener is ready.
 */
const MIGRATING = `
  const { join } = require('node:path');
  const Database = require('better-sqlite3');
  const { migrate } = require(workerData.source);
  const { switchToWal } = require(workerData.openStore);
  const rounds = [];
  for (let round = 0; round < workerData.rounds; round++) {
    const db = new Database(join(workerData.dir, 'history-' + round + '.sqlite'));
    db.pragma('busy_timeout = 5000');
    switchToWal(db);
    together(1 + round);
    try {
      rounds.push({ ok: migrate(db).ok });
    } catch (error) {
      rounds.push({ ok: false, error: String(error) });
    } finally {
      db.close();
    }
  }
  parentPort.postMessage(rounds);
`;

it('a new history opened by several processes at once is migrated once, and every opener gets it', async () => {
  const dir = tempDir();
  const outcomes = await threadsAtOnce<{ ok: boolean }[]>(
    MIGRATORS,
    MIGRATING,
    { source: SOURCE, openStore: OPEN_STORE, dir, rounds: ROUNDS },
    1 + ROUNDS,
  );
  for (let round = 0; round < ROUNDS; round++) {
    expect(
      outcomes.map((opener) => opener[round]),
      `round ${round}`,
    ).toEqual(Array.from({ length: MIGRATORS }, () => ({ ok: true })));
    const db = new Database(join(dir, `history-${round}.sqlite`), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  }
});
