import type { CallSummary } from '../../../main/contract/api';

/**
 * The list's order: by when each call arrived, newest first (the id breaks ties). The store
 * numbers calls when they are answered, so a replay that took 3 s gets a higher id than a
 * call that arrived after it and was answered at once: ordered by id, their times would read
 * out of order.
 */
export function newerFirst(a: CallSummary, b: CallSummary): number {
  return b.receivedAt - a.receivedAt || b.id - a.id;
}

/**
 * `incoming` merged into `existing` (already in arrival order) where each call belongs. Rows
 * already shown keep their order: new ones are only ever inserted between them.
 */
export function mergeByArrival(existing: CallSummary[], incoming: CallSummary[]): CallSummary[] {
  if (incoming.length === 0) return existing;
  const sorted = [...incoming].sort(newerFirst);
  const out: CallSummary[] = [];
  let i = 0;
  for (const call of sorted) {
    while (i < existing.length && newerFirst(existing[i]!, call) < 0) out.push(existing[i++]!);
    out.push(call);
  }
  while (i < existing.length) out.push(existing[i++]!);
  return out;
}

/**
 * Whether calls that arrived (ids above `arrivedAbove`, merged into `calls` by arrival) went
 * below a row that the list's first page, read now, would not hold: one past the `pageSize`
 * newest ids.
 *
 * Pages are read by id and shown by arrival. The two agree while calls arrive as they are
 * stored, but not for calls stored with older times: an import keeps the times of its file.
 * Merged one by one, 200 imported calls go below the call received a minute ago; a first page
 * read now shows them on top and leaves that call out (it is the 201st newest id). Whether
 * another process's import comes to the page one by one or as one count (which reads the first
 * page again) depends only on how many calls the core's look, four times a second, finds
 * committed (calls-from-other-processes.ts): on a busy machine every look finds 100 or fewer.
 * So the list reads its first page again here, and shows the same list either way.
 *
 * Calls answered out of order (a replay that took 3 s) go a few rows down, among the newest
 * ids: no reading again for them.
 */
export function arrivedUnderOlderPage(calls: CallSummary[], arrivedAbove: number, pageSize: number): boolean {
  if (calls.length <= pageSize) return false;
  // Calls that arrive as they are stored all go above the rows shown: no ids to sort.
  const firstShown = calls.findIndex((c) => c.id <= arrivedAbove);
  if (firstShown < 0 || !calls.slice(firstShown).some((c) => c.id > arrivedAbove)) return false;
  const lowestOnFirstPage = calls.map((c) => c.id).sort((a, b) => b - a)[pageSize - 1]!;
  let olderAbove = false;
  for (const call of calls) {
    if (call.id < lowestOnFirstPage) olderAbove = true;
    else if (olderAbove && call.id > arrivedAbove) return true;
  }
  return false;
}

/** The highest and lowest ids in a list, whatever its order (pages are asked for by id). */
export function idRange(calls: CallSummary[]): { newest: number; oldest: number } {
  let newest = -Infinity;
  let oldest = Infinity;
  for (const c of calls) {
    if (c.id > newest) newest = c.id;
    if (c.id < oldest) oldest = c.id;
  }
  return { newest, oldest };
}

/**
 * Rows the list keeps while calls arrive: a page that stays open for an hour at 100 calls/s
 * would otherwise hold 360,000. Older rows are read again from the core when scrolled to.
 */
export const MOST_ROWS_KEPT = 5_000;

/**
 * The list after live arrivals, cut to its newest calls by id (pages are cut by id): at least
 * MOST_ROWS_KEPT, and down to the rows the user has scrolled to (`keepDownTo`, an index) with
 * a margin, so nothing they are reading goes. The cursor moves up to the oldest kept, so
 * scrolling further down fetches the rows let go.
 */
export function keepNewest(
  calls: CallSummary[],
  keepDownTo: number,
): { calls: CallSummary[]; nextBeforeId?: number; searchedDownTo?: null } {
  const keep = Math.max(MOST_ROWS_KEPT, keepDownTo + KEPT_BELOW_VIEW);
  if (calls.length <= keep) return { calls };
  const lowestKept = calls.map((c) => c.id).sort((a, b) => b - a)[keep - 1]!;
  // A search that had stopped for time goes on from here too, as the user scrolls.
  return { calls: calls.filter((c) => c.id >= lowestKept), nextBeforeId: lowestKept, searchedDownTo: null };
}

/** Rows kept below the last one on screen: two pages, so scrolling on shows rows at once. */
const KEPT_BELOW_VIEW = 400;
