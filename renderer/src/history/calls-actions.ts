import { EMPTY_FILTER, filterToSearch, toCallFilter, type FilterState } from './filter-state';
import { currentBridge } from '../page/bridge-holder';
import { onReset } from '../page/stores';
import { useCallsStore, type CallsState } from './calls-store';
import type { CallPage } from '../../../main/contract/api';
import { arrivedUnderOlderPage, idRange, mergeByArrival } from './arrival-order';
import { forgetError, reportError } from '../page/ui-actions';
import { isUnreachable } from '../transport/connection';
import { countMatches } from './match-counts';
import { callNotLoadedWords, PAGE_FAILURE_WORDS } from '../../../main/contract/words';

export const PAGE_SIZE = 200;
const SEARCH_DEBOUNCE_MS = 300;
/**
 * Queries one press of "Search further" asks at most while it finds less than a page: each is
 * bounded by the core's time for one query (40 ms), so about a second in all.
 */
const SEARCH_FURTHER_QUERIES = 25;

let searchTimer: ReturnType<typeof setTimeout> | null = null;
onReset(() => {
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = null;
});

/** Reloads the list from the newest call for the current filter. */
export async function loadFirstPage(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  const { filter, generation } = useCallsStore.getState();
  const gen = generation + 1;
  const activeQuery = toCallFilter(filter, Date.now());
  useCallsStore.setState({
    generation: gen,
    activeQuery,
    loading: 'first',
    calls: [],
    nextBeforeId: null,
    searchedDownTo: null,
    pendingNew: 0,
    matchCount: null,
    actionCounts: null,
  });
  if (Object.keys(activeQuery).length > 0) void countMatches(b, gen, activeQuery);
  try {
    const page = await b.listCalls({ ...activeQuery, limit: PAGE_SIZE });
    let readAgain = false;
    useCallsStore.setState((s) => {
      if (s.generation !== gen) return s;
      // Calls that arrived as events while this page was on its way are kept.
      const { newest } = idRange(page.calls);
      const newer = s.calls.filter((c) => c.id > newest);
      const calls = mergeByArrival(newer, page.calls);
      // Calls told one by one meanwhile that went below a row a page read now would leave out (an
      // import's, older than the calls shown): this page is read again (arrival-order.ts).
      readAgain = arrivedUnderOlderPage(calls, newest, PAGE_SIZE);
      return { calls, nextBeforeId: page.nextBeforeId, searchedDownTo: page.searchedDownTo, loading: 'idle', loaded: true };
    });
    forgetError(PAGE_FAILURE_WORDS.loadCalls);
    if (readAgain) return loadFirstPage();
  } catch (error) {
    if (useCallsStore.getState().generation === gen) useCallsStore.setState({ loading: 'idle', loaded: true });
    reportError(PAGE_FAILURE_WORDS.loadCalls, error);
  }
}

/** The next older page, when there is one and nothing is loading. */
export function loadMore(): Promise<void> {
  return readOlder(() => true);
}

/**
 * "Search further". A page that stopped for time found few calls in the core's time for one
 * query: at 1,000,000 calls a rare search of 1-2 characters finds a handful in each. So one press
 * reads on, query after query, until it has found a page of calls, reached the oldest call, or
 * asked SEARCH_FURTHER_QUERIES; the list says how far down it has searched meanwhile.
 */
export function searchFurther(): Promise<void> {
  const had = useCallsStore.getState().calls.length;
  let queries = 0;
  return readOlder((s) => s.calls.length - had >= PAGE_SIZE || ++queries >= SEARCH_FURTHER_QUERIES);
}

/**
 * Reads older calls, when there are any and nothing is loading: one page query, then more while
 * the last one stopped for time, until `enough` says the list has what was asked for.
 */
async function readOlder(enough: (s: CallsState) => boolean): Promise<void> {
  const b = currentBridge();
  const { loading, nextBeforeId, generation: gen } = useCallsStore.getState();
  if (!b || loading !== 'idle' || nextBeforeId === null) return;
  useCallsStore.setState({ loading: 'more' });
  try {
    for (;;) {
      const { activeQuery, nextBeforeId: beforeId } = useCallsStore.getState();
      const page = await b.listCalls({ ...activeQuery, limit: PAGE_SIZE, beforeId: beforeId ?? undefined });
      if (useCallsStore.getState().generation !== gen) return;
      useCallsStore.setState((s) => withOlder(s, page));
      const s = useCallsStore.getState();
      if (s.searchedDownTo === null || s.nextBeforeId === null || enough(s)) break;
    }
    if (useCallsStore.getState().generation === gen) useCallsStore.setState({ loading: 'idle' });
  } catch (error) {
    if (useCallsStore.getState().generation === gen) useCallsStore.setState({ loading: 'idle' });
    reportError(PAGE_FAILURE_WORDS.loadOlderCalls, error);
  }
}

/** The list with an older page added below it. */
function withOlder(s: CallsState, page: CallPage): Partial<CallsState> {
  const { oldest } = idRange(s.calls);
  const older = page.calls.filter((c) => c.id < oldest);
  // A page with nothing older would be asked for again and again: treat it as the end,
  // unless it searched part of the history and stopped (it did move the cursor down).
  const next = older.length || page.searchedDownTo !== null ? page.nextBeforeId : null;
  return { calls: mergeByArrival(s.calls, older), nextBeforeId: next, searchedDownTo: page.searchedDownTo };
}

/** Changes filters, writes them to the URL and reloads the list. */
export function setFilter(patch: Partial<FilterState>): Promise<void> {
  const filter = { ...useCallsStore.getState().filter, ...patch };
  const extra = patch.text !== undefined ? { searchInput: patch.text } : {};
  useCallsStore.setState({ filter, ...extra });
  writeFilterToUrl(filter);
  return loadFirstPage();
}

export function clearFilters(): Promise<void> {
  if (searchTimer) clearTimeout(searchTimer);
  return setFilter({ ...EMPTY_FILTER });
}

/** Applies a filter read at start (from the URL) without reloading. */
export function initFilter(filter: FilterState): void {
  useCallsStore.setState({ filter, searchInput: filter.text });
}

/** The search box: shown at once, searched after a pause in typing. */
export function setSearchInput(text: string): void {
  useCallsStore.setState({ searchInput: text });
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    searchTimer = null;
    if (useCallsStore.getState().filter.text !== text) void setFilter({ text });
  }, SEARCH_DEBOUNCE_MS);
}

export function clearSearch(): void {
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = null;
  const { filter } = useCallsStore.getState();
  if (filter.text) void setFilter({ text: '' });
  else useCallsStore.setState({ searchInput: '' });
}

export function writeFilterToUrl(filter: FilterState): void {
  if (typeof history === 'undefined' || typeof location === 'undefined') return;
  const query = filterToSearch(filter);
  // The hash carries the token in browser mode: keep it exactly.
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** Selects a call and loads its details. */
export async function selectCall(id: number | null): Promise<void> {
  useCallsStore.setState({ selectedId: id, detail: id === null ? null : { id, call: null, loading: true, failure: null } });
  if (id !== null) await readDetail(id);
}

/**
 * Reads the selected call's details again (after a reconnection: the core may have restarted,
 * and what failed while it was away can be read now). What the pane shows stays meanwhile.
 */
export async function reloadSelectedCall(): Promise<void> {
  const { detail } = useCallsStore.getState();
  if (detail && !detail.loading) await readDetail(detail.id);
}

async function readDetail(id: number): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    const call = await b.getCall(id);
    useCallsStore.setState((s) => (s.selectedId === id ? { detail: { id, call, loading: false, failure: null } } : s));
  } catch (error) {
    const failure = isUnreachable(error) ? 'unreachable' : 'failed';
    // A call already shown stays shown: only one that never loaded says it could not be read.
    useCallsStore.setState((s) => (s.selectedId === id && !s.detail?.call ? { detail: { id, call: null, loading: false, failure } } : s));
    reportError(callNotLoadedWords(id), error);
  }
}

/** Moves the selection up (-1) or down (+1) the list; loads more near the end. */
export function moveSelection(delta: number): void {
  const { calls, selectedId, nextBeforeId } = useCallsStore.getState();
  if (calls.length === 0) return;
  const index = selectedId === null ? -1 : calls.findIndex((c) => c.id === selectedId);
  const nextIndex = index < 0 ? 0 : Math.max(0, Math.min(calls.length - 1, index + delta));
  const next = calls[nextIndex];
  if (!next || next.id === selectedId) return;
  if (nextIndex >= calls.length - 5 && nextBeforeId !== null) void loadMore();
  void selectCall(next.id);
}
