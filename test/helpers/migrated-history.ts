import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { migrate } from '../../main/core/store/migrations';
import { makeTempDir } from './temp-dir';

export interface MigratedHistory {
  db: Database.Database;
  calls: CallsRepository;
}

/**
 * A history of a test file's own for each of its tests: a file in a fresh temp folder, in WAL
 * mode, migrated to the latest schema, with a repository over it; closed and removed after the
 * test. Read its parts through the object returned, which each test's history fills.
 */
export function useMigratedHistory(): MigratedHistory {
  const history = {} as MigratedHistory;
  let remove = () => {};
  beforeEach(() => {
    const dir = makeTempDir();
    const db = new Database(join(dir.path, 'history.sqlite'));
    db.pragma('journal_mode = WAL');
    const migrated = migrate(db);
    if (!migrated.ok) throw new Error(JSON.stringify(migrated));
    history.db = db;
    history.calls = new CallsRepository(db);
    remove = () => {
      db.close();
      dir.remove();
    };
  });
  afterEach(() => remove());
  return history;
}
