import type { SqlWhere } from './call-filter-sql';
import { clockOf, LARGEST_BODY_WINDOW, LARGEST_WINDOW, walkIdWindows, type IdWindow, type QueryBudget, type WalkEnd } from './id-windows';
import type { IdRange } from './query-range';

export type IndexWhere = SqlWhere & { candidates: NonNullable<SqlWhere['candidates']> };

export interface Readers {
  /** Reads one window of ids of the filter's queries read by window; true when it has enough. */
  window: (where: SqlWhere, window: IdWindow) => boolean;
  /**
   * Reads the text index's part (index-stream.ts) until `outOfTime` says the query's time is
   * spent; `enough` when it has enough.
   */
  stream: (where: IndexWhere, range: IdRange, outOfTime: () => boolean) => Omit<WalkEnd, 'nextWindow'> & { enough: boolean };
}

/**
 * Reads a filter's queries (filterToSql: disjoint id ranges, newest first) within the budget:
 * the calls not in the text index, and any filter without text, in windows of ids; the text
 * index's part after them, as one stream with the time left. Says where it stopped for time.
 */
export function readNewestFirst(wheres: SqlWhere[], range: IdRange, budget: QueryBudget, readers: Readers): WalkEnd {
  const now = clockOf(budget);
  const started = now();
  const indexed = wheres.find((where): where is IndexWhere => where.candidates !== undefined);
  const scanned = wheres.filter((where) => where.candidates === undefined);
  // The index holds the calls up to its mark; the ones above it are scanned (text-index.ts).
  const indexedUpTo = indexed ? Number(indexed.params.indexedUpTo) : 0;
  let enough = false;
  const scan = walkIdWindows(
    { top: range.top, floor: indexed ? Math.max(range.floor, indexedUpTo + 1) : range.floor },
    (window) => {
      for (const where of scanned) if ((enough = readers.window(where, window))) return true;
      return false;
    },
    budget,
    scanned.some((where) => where.readsBodies) ? LARGEST_BODY_WINDOW : LARGEST_WINDOW,
  );
  if (!indexed || enough || scan.stoppedBelow !== null) return scan;
  const top = Math.min(range.top, indexedUpTo + 1);
  if (top <= range.floor) return scan;
  const streamed = readers.stream(indexed, { top, floor: range.floor }, () => now() - started >= budget.ms);
  return { stoppedBelow: streamed.enough ? null : streamed.stoppedBelow, nextWindow: scan.nextWindow };
}
