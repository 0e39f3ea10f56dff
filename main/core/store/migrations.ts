import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  /** Why this migration exists, for whoever reads the schema's history. */
  purpose: string;
  up(db: Database): void;
}

/**
 * Numbered, append-only. Never edit a migration that has shipped: add the next one.
 * `PRAGMA user_version` records the last one applied.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    purpose: 'One row per call: the raw request, the verdict and the answer given.',
    up(db) {
      db.exec(`
        CREATE TABLE calls (
          id INTEGER PRIMARY KEY,
          received_at INTEGER NOT NULL,
          method TEXT NOT NULL,
          path TEXT NOT NULL,
          remote_address TEXT,
          action TEXT,
          is_test INTEGER NOT NULL DEFAULT 0,
          request_headers TEXT NOT NULL,
          request_body BLOB NOT NULL,
          body_size INTEGER NOT NULL,
          problem TEXT,
          problem_message TEXT,
          verdict TEXT NOT NULL,
          style TEXT,
          signature_report TEXT NOT NULL,
          answered_by TEXT NOT NULL,
          response_status INTEGER NOT NULL,
          response_headers TEXT NOT NULL,
          response_body BLOB NOT NULL,
          duration_ms REAL NOT NULL,
          source TEXT NOT NULL DEFAULT 'flowent',
          original_call_id INTEGER REFERENCES calls(id) ON DELETE SET NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    purpose: 'Indexes for the filters the inspector offers, and a table for non-secret settings.',
    up(db) {
      db.exec(`
        CREATE INDEX calls_by_action ON calls (action, id);
        CREATE INDEX calls_by_received_at ON calls (received_at);
        CREATE INDEX calls_by_verdict ON calls (verdict, id);
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    purpose: 'Editable mocks and forwarding targets; the contract check and forwarding outcome of each call.',
    up(db) {
      db.exec(`
        ALTER TABLE calls ADD COLUMN violations TEXT;
        ALTER TABLE calls ADD COLUMN forward_target TEXT;
        ALTER TABLE calls ADD COLUMN forward_error TEXT;
        ALTER TABLE calls ADD COLUMN registration_would_pass INTEGER;
        CREATE TABLE mocks (
          action TEXT PRIMARY KEY,
          definition TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE routes (
          action TEXT PRIMARY KEY,
          mode TEXT CHECK (mode IN ('mock', 'forward')),
          target TEXT,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export type MigrateOutcome =
  | { ok: true; from: number; to: number }
  | { ok: false; code: 'schema-too-new'; message: string };

/** Applies every migration above the database's version, each in its own transaction. */
export function migrate(db: Database, upTo: number = LATEST_VERSION): MigrateOutcome {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > LATEST_VERSION) {
    return {
      ok: false,
      code: 'schema-too-new',
      message:
        `This history was written by a newer Flowent Companion (schema ${from}, this one knows ${LATEST_VERSION}). ` +
        'Update the app, or point --data-dir at another folder.',
    };
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from || migration.version > upTo) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { ok: true, from, to: Math.max(from, Math.min(upTo, LATEST_VERSION)) };
}
