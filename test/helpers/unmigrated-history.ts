import Database from 'better-sqlite3';
import { join } from 'node:path';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { migrate } from '../../main/core/store/migrations';
import { cleanupsPerTest } from './cleanups-per-test';

/**
 * Histories for tests of the schema's steps: each an empty file in a fresh temp folder, left at
 * version 0 for the test to migrate step by step; closed and removed after each test.
 */
export function unmigratedHistories(): { tempDb: () => Database.Database } {
  const { cleanups, tempDir } = cleanupsPerTest();
  const tempDb = () => {
    const db = new Database(join(tempDir(), 'history.sqlite'));
    cleanups.push(() => {
      if (db.open) db.close();
    });
    return db;
  };
  return { tempDb };
}

/** The tables and indexes of `db`, by name. */
export const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);

/**
 * The repository over `db` once the steps after the one tested are applied too: it reads the
 * latest schema's columns. Those steps leave the text index and the filter index as they are
 * (14 excepted, which a test of a step before it says).
 */
export function repositoryAtLatest(db: Database.Database): CallsRepository {
  migrate(db);
  return new CallsRepository(db);
}
