import { create } from 'zustand';
import type { CallDetail, CallFilter, CallStats, CallSummary, CoreStatus, AnswerSettings, SampleRequest } from '../../../main/contract/api';
import { EMPTY_FILTER, type FilterState } from '../calls/filter-state';

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

export interface MetaState {
  status: CoreStatus | null;
  stats: CallStats | null;
  sample: SampleRequest | null;
  /** Mocks and forwarding; loaded when the Answers dialog first opens. */
  answers: AnswerSettings | null;
}

export interface Notice {
  id: number;
  message: string;
}

export interface Toast extends Notice {
  kind: 'info' | 'error';
}

export interface UiState {
  errors: Notice[];
  toasts: Toast[];
  /** 'denied': the companion refused the page's access token; the page says so instead of everything else. */
  connection: 'open' | 'reconnecting' | 'closed' | 'denied';
  settingsOpen: boolean;
  /** The dialog or popover shown besides Settings (one at a time). */
  panel: 'tunnel' | 'answers' | 'help' | 'account' | null;
  /** The last public URL change, until dismissed. */
  urlChange: { previous: string; current: string } | null;
  /** What an open form would lose if its dialog closed now (e.g. "the action send_email"); null when nothing. */
  unsavedWork: string | null;
  /** Esc was pressed once over unsaved work: the next Esc discards it. */
  discardWarned: boolean;
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
const initialMeta = (): MetaState => ({ status: null, stats: null, sample: null, answers: null });
const initialUi = (): UiState => ({
  errors: [],
  toasts: [],
  connection: 'open',
  settingsOpen: false,
  panel: null,
  urlChange: null,
  unsavedWork: null,
  discardWarned: false,
});

export const useCallsStore = create<CallsState>()(initialCalls);
export const useMetaStore = create<MetaState>()(initialMeta);
export const useUiStore = create<UiState>()(initialUi);

/**
 * Arrival times of calls seen as events, for the header sparkline. Kept outside React
 * state: it changes with every call and only the sparkline reads it, on its own clock.
 */
export const arrivals = { times: [] as { id: number; at: number }[] };

const resetHooks = new Set<() => void>();

/** Lets modules with their own state (timers, the bridge) join `resetStores`. */
export function onReset(hook: () => void): void {
  resetHooks.add(hook);
}

/** Back to a blank app: for tests, between renders. */
export function resetStores(): void {
  for (const hook of resetHooks) hook();
  useCallsStore.setState(initialCalls(), true);
  useMetaStore.setState(initialMeta(), true);
  useUiStore.setState(initialUi(), true);
  arrivals.times = [];
}
