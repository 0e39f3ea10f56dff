import { MAX_PAGE_SIZE, type CallFilter, type CallSummary } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { reportError } from '../page/ui-actions';
import { useCallsStore } from './calls-store';
import { withSearchArrivals } from './match-counts';

/**
 * Calls told of while a text search is active: the list does not take them in (it offers "N new
 * calls: show", which reads the first page again), and a summary carries no body to test the
 * text against. So the core is asked which of them match, by their ids (a few just stored, read
 * by their bodies), and the pill counts those only: clicking it shows as many more rows as it said.
 * The header's count of the search grows by the same calls (withSearchArrivals).
 * `candidates` already match the filter's other conditions (matchesFilter).
 */
export async function countSearchArrivals(generation: number, query: CallFilter, candidates: CallSummary[]): Promise<void> {
  const b = currentBridge();
  if (!b || candidates.length === 0) return;
  const ids = new Set(candidates.map((call) => call.id));
  const low = Math.min(...ids);
  const high = Math.max(...ids);
  const matching: number[] = [];
  try {
    for (let beforeId = high + 1; ;) {
      const page = await b.listCalls({ ...query, ...(low > 1 ? { afterId: low - 1 } : {}), beforeId, limit: MAX_PAGE_SIZE });
      if (useCallsStore.getState().generation !== generation) return;
      for (const call of page.calls) if (ids.has(call.id)) matching.push(call.id);
      if (page.nextBeforeId === null) break;
      beforeId = page.nextBeforeId;
    }
  } catch (error) {
    if (useCallsStore.getState().generation === generation) reportError('Could not check the new calls against the search', error);
    return;
  }
  useCallsStore.setState((s) => {
    if (s.generation !== generation) return s;
    // A first page read after these calls were stored shows them already: they are not new to it.
    const shown = new Set(s.calls.map((call) => call.id));
    const fresh = matching.filter((id) => !shown.has(id)).length;
    // The counts take every match they did not cover, shown or not.
    const found = new Set(matching);
    const counts = withSearchArrivals(
      s,
      candidates.filter((call) => found.has(call.id)),
    );
    if (!fresh && counts.matchCount === s.matchCount && counts.actionCounts === s.actionCounts) return s;
    return { pendingNew: s.pendingNew + fresh, ...counts };
  });
}
