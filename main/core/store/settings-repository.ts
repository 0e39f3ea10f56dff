import type { Database, Statement } from 'better-sqlite3';

/** The longest a scrub waits for another process's read of the history to end. */
const SCRUB_WAIT_MS = 250;

/**
 * One feature's part of the `settings` table: its keys are stored as `<scope>.<key>` and its
 * values as JSON, so features never see (or clobber) each other's settings.
 */
export interface SettingsScope {
  /** The stored value, or `fallback` when there is none (or it is damaged). */
  read<T>(key: string, fallback: T): T;
  write(key: string, value: unknown): void;
  remove(key: string): void;
  /** This scope's keys that start with `prefix` (without the scope's own prefix), sorted. */
  keys(prefix: string): string[];
  /**
   * After a secret was removed or replaced: the history's WAL is checkpointed and cut to nothing,
   * as its earlier frames still hold the pages the secret was on (secure_delete zeroes it only in
   * the pages written from now on). Best effort: a reader of another process may hold the WAL.
   */
  scrub(): void;
}

/**
 * The non-secret settings (migration 2's key/value table) on the store's connection. Each
 * feature reads and writes through its own scope; nothing else touches the table.
 */
export class SettingsRepository {
  private readonly readStatement: Statement<[string], { value: string }>;
  private readonly writeStatement: Statement<[string, string]>;
  private readonly removeStatement: Statement<[string]>;
  private readonly keysStatement: Statement<[number, string], { key: string }>;
  private readonly scopeTextStatement: Statement<[number, string], { text: string | null }>;

  constructor(private readonly db: Database) {
    this.readStatement = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.writeStatement = db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.removeStatement = db.prepare('DELETE FROM settings WHERE key = ?');
    this.keysStatement = db.prepare('SELECT key FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key');
    this.scopeTextStatement = db.prepare(
      'SELECT group_concat(key || char(31) || value, char(30)) AS text FROM (SELECT key, value FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key)',
    );
  }

  /** One scope's keys and values as one text: two reads of a scope differ exactly when a setting of it changed between them. */
  scopeText(name: string): string {
    const prefix = `${name}.`;
    return this.scopeTextStatement.get(prefix.length, prefix)?.text ?? '';
  }

  /** The view of one feature's settings: `scope('flowent')` holds the keys `flowent.*`. */
  scope(name: string): SettingsScope {
    const prefix = `${name}.`;
    return {
      read: <T>(key: string, fallback: T): T => {
        const row = this.readStatement.get(prefix + key);
        if (!row) return fallback;
        try {
          return JSON.parse(row.value) as T;
        } catch {
          return fallback;
        }
      },
      write: (key, value) => void this.writeStatement.run(prefix + key, JSON.stringify(value)),
      remove: (key) => void this.removeStatement.run(prefix + key),
      keys: (keyPrefix) =>
        this.keysStatement.all(prefix.length + keyPrefix.length, prefix + keyPrefix).map((row) => row.key.slice(prefix.length)),
      scrub: () => {
        if (!this.db.readonly) this.checkpointBriefly();
      },
    };
  }

  /**
   * Checkpoints the WAL and cuts it to nothing, waiting for readers at most SCRUB_WAIT_MS: the
   * connection's usual 5 s would hold the event loop, and every call arriving, that long while
   * another process reads the history. Past the wait the WAL is left as it is (scrub is best
   * effort): its old frames go as later writes reuse the file.
   */
  private checkpointBriefly(): void {
    const usual = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${SCRUB_WAIT_MS}`);
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.pragma(`busy_timeout = ${usual}`);
    }
  }
}
