import { MAX_PAGE_SIZE, type CallFilter, type CallSummary } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { reportError } from '../page/ui-actions';
import { useCallsStore } from './calls-store';
import { withSearchArrivals } from './match-counts';
import { matchesFilter, withoutAction } from './filter-state';
import { noteSearchMatches } from '../page/reads-in-flight';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

/**
 * Calls told of while a text search is active: the list does not take them in (it offers "N new
 * calls: show", which reads the first page again), and a summary carries no body to test the
 * text against. So the core is asked which of them match, by their ids (a few just stored, read
 * by their bodies), and the pill counts those only: clicking it shows as many more rows as it said.
 * They are checked against the search without the action chosen, which the Action list counts;
 * the pill and the header's count take those of the chosen action (withSearchArrivals), and the
 * counts being read take them all as their reads come back (reads-in-flight.ts).
 */
export async function countSearchArrivals(generation: number, query: CallFilter, stored: CallSummary[]): Promise<void> {
  const b = currentBridge();
  const wide = withoutAction(query);
  const candidates = stored.filter((call) => matchesFilter(call, wide));
  if (!b || candidates.length === 0) return;
  const ids = new Set(candidates.map((call) => call.id));
  const low = Math.min(...ids);
  const high = Math.max(...ids);
  const matching = new Set<number>();
  try {
    for (let beforeId = high + 1; ;) {
      const page = await b.listCalls({ ...wide, ...(low > 1 ? { afterId: low - 1 } : {}), beforeId, limit: MAX_PAGE_SIZE });
      if (useCallsStore.getState().generation !== generation) return;
      for (const call of page.calls) if (ids.has(call.id)) matching.add(call.id);
      if (page.nextBeforeId === null) break;
      beforeId = page.nextBeforeId;
    }
  } catch (error) {
    if (useCallsStore.getState().generation === generation) reportError(PAGE_FAILURE_WORDS.checkSearchArrivals, error);
    return;
  }
  if (useCallsStore.getState().generation !== generation) return;
  const found = candidates.filter((call) => matching.has(call.id));
  // Counts whose first read is still on its way take these when it comes, the ones it did not cover.
  noteSearchMatches(found);
  useCallsStore.setState((s) => {
    // A first page read after these calls were stored shows them already: they are not new to it.
    const shown = new Set(s.calls.map((call) => call.id));
    const fresh = found.filter((call) => matchesFilter(call, query) && !shown.has(call.id)).length;
    // The counts take every match they did not cover, shown or not.
    const counts = withSearchArrivals(s, found);
    if (!fresh && counts.matchCount === s.matchCount && counts.actionCounts === s.actionCounts) return s;
    return { pendingNew: s.pendingNew + fresh, ...counts };
  });
}
