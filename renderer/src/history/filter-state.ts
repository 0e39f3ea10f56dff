import {
  CALL_SOURCES,
  countsAsFailure,
  MAX_SEARCH_LENGTH,
  VERDICTS,
  type CallFilter,
  type CallSource,
  type CallSummary,
  type StatusClass,
  type Verdict,
} from '../../../main/contract/api';

export type TestChoice = 'all' | 'only' | 'none';
export type RangeChoice = 'all' | '5m' | '1h' | '1d' | 'custom';

/** The filter bar's state: what the user chose, before it is turned into a CallFilter. */
export interface FilterState {
  action: string | null;
  verdict: Verdict | null;
  statusClass: StatusClass | null;
  test: TestChoice;
  range: RangeChoice;
  /** Bounds for `range: 'custom'`, milliseconds since the epoch. */
  since: number | null;
  until: number | null;
  text: string;
  source: CallSource | null;
  /** Only the calls the header counts as failures. */
  failures: boolean;
}

export const EMPTY_FILTER: FilterState = {
  action: null,
  verdict: null,
  statusClass: null,
  test: 'all',
  range: 'all',
  since: null,
  until: null,
  text: '',
  source: null,
  failures: false,
};

const STATUS_CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];
const RANGE_MS: Record<'5m' | '1h' | '1d', number> = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 };

export function isFiltered(state: FilterState): boolean {
  return Object.keys(toCallFilter(state, Date.now())).length > 0;
}

/** The query for the core; relative ranges are resolved against `now`. */
export function toCallFilter(state: FilterState, now: number, withText = true): CallFilter {
  const filter: CallFilter = {};
  if (state.action) filter.action = state.action;
  if (state.verdict) filter.verdict = state.verdict;
  if (state.statusClass) filter.statusClass = state.statusClass;
  if (state.test !== 'all') filter.test = state.test === 'only';
  if (state.range === 'custom') {
    if (state.since !== null) filter.since = state.since;
    if (state.until !== null) filter.until = state.until;
  } else if (state.range !== 'all') {
    filter.since = now - RANGE_MS[state.range];
  }
  if (state.source) filter.source = state.source;
  if (state.failures) filter.failures = true;
  const text = state.text.trim();
  if (withText && text) filter.text = text;
  return filter;
}

export function statusClassOf(status: number): StatusClass | null {
  const cls = `${Math.floor(status / 100)}xx`;
  return (STATUS_CLASSES as readonly string[]).includes(cls) ? (cls as StatusClass) : null;
}

/**
 * Whether a newly stored call belongs in the list under this filter. Text is not checked:
 * summaries carry no body, so the caller handles a text filter separately.
 */
export function matchesFilter(call: CallSummary, filter: CallFilter): boolean {
  if (filter.action !== undefined && call.action !== filter.action) return false;
  if (filter.verdict !== undefined && call.verdict !== filter.verdict) return false;
  if (filter.statusClass !== undefined && statusClassOf(call.status) !== filter.statusClass) return false;
  if (filter.test !== undefined && call.test !== filter.test) return false;
  if (filter.since !== undefined && call.receivedAt < filter.since) return false;
  if (filter.until !== undefined && call.receivedAt > filter.until) return false;
  if (filter.source !== undefined && call.source !== filter.source) return false;
  if (filter.failures && !countsAsFailure(call)) return false;
  return true;
}

/** The filter's other conditions than its action: what the filter bar's counts per action count. */
export function withoutAction(filter: CallFilter): CallFilter {
  const others = { ...filter };
  delete others.action;
  return others;
}

/** Reads the filter from a query string such as `?action=send_email&verdict=invalid`. */
export function filterFromSearch(search: string): FilterState {
  const params = new URLSearchParams(search);
  const state: FilterState = { ...EMPTY_FILTER };
  const action = params.get('action');
  if (action) state.action = action;
  const verdict = params.get('verdict');
  if (verdict && (VERDICTS as readonly string[]).includes(verdict)) state.verdict = verdict as Verdict;
  const status = params.get('status');
  if (status && (STATUS_CLASSES as readonly string[]).includes(status)) state.statusClass = status as StatusClass;
  const test = params.get('test');
  if (test === 'only' || test === 'none') state.test = test;
  const range = params.get('range');
  if (range === '5m' || range === '1h' || range === '1d') state.range = range;
  const since = parseTime(params.get('since'));
  const until = parseTime(params.get('until'));
  if (since !== null || until !== null) {
    state.range = 'custom';
    // A link whose end is before its start (edited by hand) means the range between the two:
    // the bar shows it as chosen, and none of its calls is left out.
    const inverted = since !== null && until !== null && since > until;
    state.since = inverted ? until : since;
    state.until = inverted ? since : until;
  }
  // A link's search is cut where the search box cuts one (the box then says so): the core takes
  // no longer one, and refused, every read of the list failed with its argument's words.
  state.text = (params.get('text') ?? '').slice(0, MAX_SEARCH_LENGTH);
  const source = params.get('source');
  if (source && (CALL_SOURCES as readonly string[]).includes(source)) state.source = source as CallSource;
  state.failures = params.get('failures') === 'only';
  return state;
}

/** The query string for a filter (without `?`); empty when nothing is filtered. */
export function filterToSearch(state: FilterState): string {
  const params = new URLSearchParams();
  if (state.action) params.set('action', state.action);
  if (state.verdict) params.set('verdict', state.verdict);
  if (state.statusClass) params.set('status', state.statusClass);
  if (state.test !== 'all') params.set('test', state.test);
  if (state.range === 'custom') {
    if (state.since !== null) params.set('since', new Date(state.since).toISOString());
    if (state.until !== null) params.set('until', new Date(state.until).toISOString());
  } else if (state.range !== 'all') {
    params.set('range', state.range);
  }
  if (state.text.trim()) params.set('text', state.text.trim());
  if (state.source) params.set('source', state.source);
  if (state.failures) params.set('failures', 'only');
  return params.toString();
}

function parseTime(value: string | null): number | null {
  if (!value) return null;
  const n = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(n) ? n : null;
}
