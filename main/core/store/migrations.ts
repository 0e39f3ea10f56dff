import type { Database } from 'better-sqlite3';
import type { Migration } from './migration';
import { MIGRATIONS_1_TO_10 } from './migrations-1-to-10';
import { MIGRATIONS_FROM_11 } from './migrations-from-11';

/**
 * Numbered, append-only. Never edit a migration that has shipped: add the next one (at the end of
 * migrations-from-11.ts).
 * `PRAGMA user_version` records the last one applied.
 */
export const MIGRATIONS: readonly Migration[] = [...MIGRATIONS_1_TO_10, ...MIGRATIONS_FROM_11];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export type MigrateOutcome = { ok: true; from: number; to: number } | { ok: false; code: 'schema-too-new'; found: number; known: number };

/** Applies every migration above the database's version, each in its own transaction. */
export function migrate(db: Database, upTo: number = LATEST_VERSION): MigrateOutcome {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > LATEST_VERSION) {
    return { ok: false, code: 'schema-too-new', found: from, known: LATEST_VERSION };
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from || migration.version > upTo) continue;
    // Two processes can open a new history at once (the app and serve, or two commands of a
    // CI job): each step takes the write lock first and is skipped when the other process
    // made it meanwhile, instead of failing on a table that now exists.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { ok: true, from, to: Math.max(from, Math.min(upTo, LATEST_VERSION)) };
}
