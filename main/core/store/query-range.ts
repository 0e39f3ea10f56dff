import type { Database } from 'better-sqlite3';
import type { CallFilter } from '../../contract/api';

/** A time range holding at most this many calls is looked up through its index first. */
const SMALL_RANGE = 4096;

/** The ids a query has to read: from `floor` (inclusive) up to `top` (exclusive). */
export interface IdRange {
  top: number;
  floor: number;
}

/**
 * The ids a filter's calls can have, below `beforeId`. A time range usually holds calls of
 * nearby ids, but not always (an imported call keeps the time it was received elsewhere; a
 * late-stored one is numbered after calls that arrived after it), so it is looked up rather
 * than assumed: when it holds few calls (the last 5 minutes of a quiet hour) their ids,
 * read from the `received_at` index, bound the range, and none at all means nothing to read.
 * A range of many calls is read like any other filter.
 */
export function queryRange(db: Database, filter: CallFilter, beforeId: number | undefined): IdRange {
  const ends = db.prepare('SELECT (SELECT min(id) FROM calls) AS oldest, (SELECT max(id) FROM calls) AS newest').get() as {
    oldest: number | null;
    newest: number | null;
  };
  const range = { top: Math.min((ends.newest ?? 0) + 1, beforeId ?? Infinity), floor: ends.oldest ?? 1 };
  if (filter.since === undefined && filter.until === undefined) return range;
  const bounds: string[] = [];
  if (filter.since !== undefined) bounds.push('received_at >= @since');
  if (filter.until !== undefined) bounds.push('received_at <= @until');
  const inTime = db
    .prepare(
      `SELECT count(*) AS count, min(id) AS low, max(id) AS high FROM
         (SELECT id FROM calls INDEXED BY calls_by_received_at WHERE ${bounds.join(' AND ')} LIMIT ${SMALL_RANGE + 1})`,
    )
    .get({ since: filter.since, until: filter.until }) as { count: number; low: number | null; high: number | null };
  if (inTime.count > SMALL_RANGE) return range;
  if (inTime.low === null || inTime.high === null) return { top: range.floor, floor: range.floor };
  return { top: Math.min(range.top, inTime.high + 1), floor: Math.max(range.floor, inTime.low) };
}
