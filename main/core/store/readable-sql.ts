import type { Database } from 'better-sqlite3';
import { decodeUnicodeEscapes } from '../../contract/api';

/** The SQL function that gives a stored body's readable text (decodeUnicodeEscapes). */
const FUNCTION = 'flowent_companion_readable';

/**
 * Makes the readable-text function known to a connection: each connection that searches,
 * indexes or rewrites bodies needs it (SQLite keeps application functions per connection), so
 * the repository, the indexer and the migration that uses it define it themselves. Only the
 * text index's update trigger names it in the schema: any other program can still read and
 * change the history, except a body's bytes.
 */
export function defineReadableText(db: Database): void {
  db.function(FUNCTION, { deterministic: true }, (body: unknown) =>
    decodeUnicodeEscapes(Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '')),
  );
}

/**
 * A stored body (a BLOB column) as the text people read, in SQL. Bodies without `\u` (the
 * bytes 5C 75) are read as they are, in SQLite; only the others cross into JavaScript.
 */
export function readableSql(column: string): string {
  return `CASE WHEN instr(${column}, X'5C75') > 0 THEN ${FUNCTION}(${column}) ELSE CAST(${column} AS TEXT) END`;
}
