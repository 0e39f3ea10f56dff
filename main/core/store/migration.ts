/** What one numbered migration of the history's schema is: apart, so the lists of them and the runner share it without importing each other. */
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  /** Why this migration exists, for whoever reads the schema's history. */
  purpose: string;
  up(db: Database): void;
}
