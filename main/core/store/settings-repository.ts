import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Result } from '../../contract/api';
import { migrate } from './migrations';
import { createPrivateHistory, DATA_FILES, secureDataFolder } from '../data-folder';

/** Every key this module writes starts with this, so it never collides with other settings. */
const PREFIX = 'flowent.';

/**
 * Flowent's non-secret settings (profiles, linked actions, cached schemas, the follow history,
 * the request counter) as JSON values in the history's `settings` key/value table.
 */
export interface FlowentSettingsStore {
  read<T>(key: string, fallback: T): T;
  write(key: string, value: unknown): void;
  remove(key: string): void;
  /** Keys under `prefix` (without the module prefix). */
  keys(prefix: string): string[];
}

export class SqliteFlowentSettings implements FlowentSettingsStore {
  constructor(private readonly db: Database.Database) {}

  read<T>(key: string, fallback: T): T {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(PREFIX + key) as { value: string } | undefined;
    if (!row) return fallback;
    try {
      return JSON.parse(row.value) as T;
    } catch {
      return fallback;
    }
  }

  write(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(PREFIX + key, JSON.stringify(value));
  }

  remove(key: string): void {
    this.db.prepare('DELETE FROM settings WHERE key = ?').run(PREFIX + key);
  }

  keys(prefix: string): string[] {
    const rows = this.db
      .prepare('SELECT key FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key')
      .all(PREFIX.length + prefix.length, PREFIX + prefix) as { key: string }[];
    return rows.map((row) => row.key.slice(PREFIX.length));
  }
}

/** An in-memory store, for a core that runs without a data folder. */
export class MemoryFlowentSettings implements FlowentSettingsStore {
  private readonly values = new Map<string, string>();
  read<T>(key: string, fallback: T): T {
    const value = this.values.get(key);
    return value === undefined ? fallback : (JSON.parse(value) as T);
  }
  write(key: string, value: unknown): void {
    this.values.set(key, JSON.stringify(value));
  }
  remove(key: string): void {
    this.values.delete(key);
  }
  keys(prefix: string): string[] {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}

/**
 * Opens the history file's `settings` table on its own connection (WAL lets it sit beside a
 * running core's). The schema is brought up to date the same way the store does it.
 */
export function openFlowentSettings(dataDir: string, nativeBinding?: string): Result<{ settings: SqliteFlowentSettings; close(): void }> {
  const file = join(dataDir, DATA_FILES.history);
  try {
    secureDataFolder(dataDir);
    createPrivateHistory(file);
    const db = new Database(file, nativeBinding ? { nativeBinding } : {});
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const migrated = migrate(db);
    if (!migrated.ok) {
      db.close();
      return migrated;
    }
    return { ok: true, value: { settings: new SqliteFlowentSettings(db), close: () => db.open && db.close() } };
  } catch (error) {
    return {
      ok: false,
      code: 'database-error',
      message: `Cannot open ${file} for Flowent settings: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
