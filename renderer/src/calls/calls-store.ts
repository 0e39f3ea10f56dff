import { create } from 'zustand';
import type { CallDetail, CallFilter, CallSummary } from '../../../main/contract/api';
import { onReset } from '../app/stores';
import { EMPTY_FILTER, type FilterState } from './filter-state';

/** The history list's slice: the loaded calls, the filter they were loaded with, the selection. */
export interface CallsState {
  /** Loaded calls, newest first. */
  calls: CallSummary[];
  nextBeforeId: number | null;
  loading: 'idle' | 'first' | 'more';
  /** True once the first page for the current filter has arrived. */
  loaded: boolean;
  /** Bumped whenever the list is reloaded, so late answers for an old query are dropped. */
  generation: number;
  filter: FilterState;
  /** The filter the loaded pages were fetched with (relative ranges resolved then). */
  activeQuery: CallFilter;
  /** The search box text, ahead of the debounced `filter.text`. */
  searchInput: string;
  /** Calls that arrived while a text search was active and were not prepended. */
  pendingNew: number;
  selectedId: number | null;
  detail: { id: number; call: CallDetail | null; loading: boolean } | null;
}

const initialCalls = (): CallsState => ({
  calls: [],
  nextBeforeId: null,
  loading: 'idle',
  loaded: false,
  generation: 0,
  filter: { ...EMPTY_FILTER },
  activeQuery: {},
  searchInput: '',
  pendingNew: 0,
  selectedId: null,
  detail: null,
});
export const useCallsStore = create<CallsState>()(initialCalls);

onReset(() => useCallsStore.setState(initialCalls(), true));
