import { create } from 'zustand';
import type { CallDetail, CallFilter, CallSummary, WaitingCall } from '../../../main/contract/api';
import { onReset } from '../page/stores';
import { EMPTY_FILTER, type FilterState } from './filter-state';

/** The history list's slice: the loaded calls, the filter they were loaded with, the selection. */
export interface CallsState {
  /** Loaded calls, newest first. */
  calls: CallSummary[];
  nextBeforeId: number | null;
  /**
   * Set when the last page came back short because the core's time for it ran out: calls
   * from this id up were searched, older ones not yet ("Search further" goes on).
   */
  searchedDownTo: number | null;
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
  /**
   * How many calls match the filter: counted in steps (each step as long as the core allows
   * one query), so `complete` is false while the count is a lower bound. Null before the
   * first step, and when nothing is filtered (the header has the total). `about`: the core's
   * estimate from a sample (null when it could not tell), read when the first step was not
   * the whole count, so a count of seconds shows its likely size at once.
   */
  matchCount: MatchCount | null;
  /**
   * How many calls of each action match the filter's other conditions: the filter bar's action
   * list (match-counts.ts). Null when nothing but an action is filtered: the history's own
   * counts per action are those.
   */
  actionCounts: ActionCounts | null;
  selectedId: number | null;
  detail: CallDetailState | null;
  /** Calls forwarded to the developer's handler and waiting for it, newest first: not stored yet, shown whatever the filter (waiting-calls.ts). */
  waiting: WaitingCall[];
}

/**
 * The selected call's details. `call` null and `failure` null: the companion has no such call
 * any more. `failure`: it could not be read, because the companion could not be reached
 * (`unreachable`: read again once the connection is back) or for another reason (`failed`, said
 * in a banner).
 */
export interface CallDetailState {
  id: number;
  call: CallDetail | null;
  loading: boolean;
  failure: 'unreachable' | 'failed' | null;
}

/** How many calls match the filter, so far (`CallsState.matchCount`). */
export interface MatchCount {
  total: number;
  complete: boolean;
  countedUpTo: number;
  about: number | null;
}

/** Counts per action, in steps as `matchCount` is. */
export interface ActionCounts {
  /** Counted so far, per action (an action with none counted yet is not in it). */
  counted: Record<string, number>;
  complete: boolean;
  countedUpTo: number;
  /** The core's estimates per action, while the count goes on: null where it could not tell; an action it did not find is not in it. */
  about: Record<string, number | null>;
}

const initialCalls = (): CallsState => ({
  calls: [],
  nextBeforeId: null,
  searchedDownTo: null,
  loading: 'idle',
  loaded: false,
  generation: 0,
  filter: { ...EMPTY_FILTER },
  activeQuery: {},
  searchInput: '',
  pendingNew: 0,
  matchCount: null,
  actionCounts: null,
  selectedId: null,
  detail: null,
  waiting: [],
});
export const useCallsStore = create<CallsState>()(initialCalls);

/**
 * Where the list is scrolled to: the index of its last row on screen. Read when live calls
 * arrive (the rows kept reach down to it), written as the list scrolls; not state, so
 * scrolling re-renders nothing.
 */
export const listView = { lastVisibleIndex: 0 };

onReset(() => {
  useCallsStore.setState(initialCalls(), true);
  listView.lastVisibleIndex = 0;
});
