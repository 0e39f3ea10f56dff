import type { Database } from 'better-sqlite3';
import type { SqlWhere } from './call-filter-sql';
import type { IdRange } from './query-range';

/** Candidates read between looks at the clock. */
const ROWS_PER_LOOK = 32;

/**
 * Reads the text index's candidates in `range`, newest first, as one statement, confirming
 * each (`where.candidates.hit`) and giving the confirmed ones to `visit` with `columns` (SQL, or '')
 * (which returns true when it has enough). Stops when `outOfTime` says so, after a whole
 * look's rows: a filter the index's hits all fail (a search within an action that has none)
 * reads candidates only as long as the time allows, and says where it stopped.
 */
export function streamIndexHits<Row extends { id: number }>(
  db: Database,
  where: SqlWhere & { candidates: NonNullable<SqlWhere['candidates']> },
  range: IdRange,
  outOfTime: () => boolean,
  columns: string,
  visit: (row: Row) => boolean,
): { stoppedBelow: number | null } {
  const inRange = `${where.id} >= @rangeFloor AND ${where.id} < @rangeTop`;
  const statement = db.prepare(
    `SELECT ${where.id} AS id, (${where.candidates.hit}) AS hit${columns ? `, ${columns}` : ''} FROM ${where.from}
     ${where.candidates.clause} AND ${inRange} ORDER BY ${where.id} DESC`,
  );
  let read = 0;
  const rows = statement.iterate({ ...where.params, rangeFloor: range.floor, rangeTop: range.top }) as IterableIterator<
    Row & { hit: number }
  >;
  for (const row of rows) {
    if (row.hit && visit(row)) {
      rows.return?.();
      return { stoppedBelow: null };
    }
    if (++read % ROWS_PER_LOOK === 0 && outOfTime()) {
      rows.return?.();
      return { stoppedBelow: row.id };
    }
  }
  return { stoppedBelow: null };
}
