import type { CallPage } from '../../main/contract/api';
import { filterMatrix, type MatrixCase } from '../helpers/filter-matrix';

/** The inspector's page size (renderer/src/history/calls-actions.ts). */
export const PAGE = 200;
/** The deep page timed: the 5th, reached by following the cursor. */
export const DEEP = 5;

/** What the query matrix times for each filter. */
export type QueryKind = 'first page' | `page ${number}` | 'counts' | 'exact count';

/** A page as the matrix reports it: its rows, and where it stopped for time. */
export const pageResult = (page: CallPage) =>
  `${page.calls.length}${page.searchedDownTo !== null ? ` (searched to #${page.searchedDownTo})` : ''}`;

/** The values of each filter: what the history holds, a little of, and none of. */
export function matrix(count: number, now: number): MatrixCase[] {
  const rare = `user${Math.floor(count * 0.4) - (Math.floor(count * 0.4) % 5)}@example.com`;
  const minutes = (n: number) => now - n * 60_000;
  const since = new Map([
    [minutes(5), 'last 5 minutes'],
    [minutes(60), 'last hour'],
    [minutes(24 * 60), 'last day'],
  ]);
  const weekAgo = minutes(7 * 24 * 60);
  return filterMatrix(
    {
      action: ['lookup_order', 'no_such_action'],
      verdict: ['invalid', 'missing', 'unsigned-test', 'not-flowent'],
      statusClass: ['5xx', '3xx'],
      test: [true, false],
      source: ['flowent', 'replay', 'import'],
      failures: [true],
      since: [...since.keys()],
      until: [weekAgo],
      text: ['a', 'zq', 'Pa', 'Par', 'Paris', 'Zürich', 'example.com', rare, 'no such words'],
    },
    { since: (at: number) => since.get(at) ?? String(at), until: () => 'until a week ago' },
  );
}
