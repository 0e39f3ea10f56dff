import type { Database } from 'better-sqlite3';
import type { CallCountQuery, CallFilter, CallStats } from '../../contract/api';
import { COUNTED_FAILURE, withinWindow, type SqlWhere } from './call-filter-sql';
import type { QueryBudget } from './id-windows';
import { streamIndexHits } from './index-stream';
import { readNewestFirst } from './read-newest-first';
import type { IdRange } from './query-range';

type Counts = Omit<CallStats, 'countedUpTo'>;

/**
 * The header's and the filter bar's counts for a filter: how many calls, how many count as
 * failures (the contract's `countsAsFailure`: COUNTED_FAILURE on a row), and how many per
 * action (unless `perAction: false`). No filter, or a filter by action alone, reads the
 * per-action totals the triggers keep (migrations 4 and 7): a few rows instead of a scan of the
 * history. Any other filter counts its rows (`wheres`: the filter's queries, from filterToSql)
 * within the query budget (read-newest-first.ts), from the newest down; when the time runs out
 * the counts cover the newest calls only and `nextBeforeId` says where to go on, and
 * `nextWindow` what the next step can start with (count-resume.ts).
 */
export function countCalls(
  db: Database,
  query: CallCountQuery,
  wheres: SqlWhere[],
  range: IdRange,
  budget: QueryBudget,
): { counts: Counts; nextWindow: number } {
  const { beforeId, perAction: byAction = true, ...filter } = query;
  const whole = (counts: Counts) => ({ counts: byAction ? counts : { ...counts, perAction: [] }, nextWindow: 0 });
  if (beforeId === undefined && isEmptyFilter(filter)) return whole(totalCounts(db));
  if (beforeId === undefined && isActionOnly(filter)) return whole(actionCounts(db, filter.action));
  let total = 0;
  let failures = 0;
  const perAction = new Map<string, number>();
  const add = (action: string | null, count: number, failed: number) => {
    total += count;
    failures += failed;
    if (action !== null) perAction.set(action, (perAction.get(action) ?? 0) + count);
  };
  // Without the per-action counts, a window is one count: no GROUP BY and its sorter (about a
  // third of a window's cost when every body is read).
  const actionColumn = byAction ? 'action' : 'NULL AS action';
  const end = readNewestFirst(wheres, range, budget, {
    window: (where, window) => {
      const { clause, params } = withinWindow(where, window);
      const sql =
        `SELECT ${actionColumn}, count(*) AS count, coalesce(sum(${COUNTED_FAILURE}), 0) AS failures FROM ${where.from} ${clause}` +
        (byAction ? ' GROUP BY action' : '');
      for (const group of db.prepare(sql).all(params) as { action: string | null; count: number; failures: number }[]) {
        add(group.action, group.count, group.failures);
      }
      return false;
    },
    stream: (where, range, outOfTime) => {
      const columns = `${byAction ? 'calls.action' : 'NULL'} AS action, ${COUNTED_FAILURE} AS failure`;
      type Hit = { id: number; action: string | null; failure: number };
      const end = streamIndexHits<Hit>(db, where, range, outOfTime, columns, (hit) => {
        add(hit.action, 1, hit.failure);
        return false;
      });
      return { ...end, enough: false };
    },
  });
  const byCount = [...perAction].map(([action, count]) => ({ action, count }));
  byCount.sort((a, b) => b.count - a.count || (a.action < b.action ? -1 : a.action > b.action ? 1 : 0));
  return { counts: { total, failures, perAction: byCount, nextBeforeId: end.stoppedBelow }, nextWindow: end.nextWindow };
}

/** The unfiltered counts, from the per-action totals. */
function totalCounts(db: Database): Counts {
  const rows = db.prepare('SELECT action, total, failures FROM call_counts ORDER BY total DESC, action').all() as {
    action: string;
    total: number;
    failures: number;
  }[];
  return {
    total: rows.reduce((sum, row) => sum + row.total, 0),
    failures: rows.reduce((sum, row) => sum + row.failures, 0),
    perAction: rows.filter((row) => row.action !== '').map((row) => ({ action: row.action, count: row.total })),
    nextBeforeId: null,
  };
}

/** One action's counts, from the same totals: one row, not a scan. */
function actionCounts(db: Database, action: string): Counts {
  const row = db.prepare('SELECT total, failures FROM call_counts WHERE action = ?').get(action) as
    { total: number; failures: number } | undefined;
  if (!row || action === '') return { total: 0, failures: 0, perAction: [], nextBeforeId: null };
  return { total: row.total, failures: row.failures, perAction: [{ action, count: row.total }], nextBeforeId: null };
}

function isEmptyFilter(filter: CallFilter): boolean {
  return Object.values(filter).every((value) => value === undefined || value === '');
}

function isActionOnly(filter: CallFilter): filter is CallFilter & { action: string } {
  const { action, ...rest } = filter;
  return typeof action === 'string' && isEmptyFilter(rest);
}
