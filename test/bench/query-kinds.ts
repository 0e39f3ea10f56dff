import type { CallPage } from '../../main/contract/api';

/** The inspector's page size (renderer/src/calls/calls-actions.ts). */
export const PAGE = 200;
/** The deep page timed: the 5th, reached by following the cursor. */
export const DEEP = 5;

/** What the query matrix times for each filter. */
export type QueryKind = 'first page' | `page ${number}` | 'counts' | 'exact count';

/** A page as the matrix reports it: its rows, and where it stopped for time. */
export const pageResult = (page: CallPage) =>
  `${page.calls.length}${page.searchedDownTo !== null ? ` (searched to #${page.searchedDownTo})` : ''}`;
