import { create } from 'zustand';
import type { CallStats, CoreStatus, AnswerSettings, SampleRequest } from '../../../main/contract/api';
import { SAVE_FIRST } from '../../../main/contract/words';

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

/**
 * A failure the error banners show. `unreachable`: the request never reached the companion;
 * such failures share one banner that says what to do, and go when the connection is back.
 */
export interface ErrorNotice extends Notice {
  unreachable: boolean;
  /** What failed, without why ("Could not load calls"): the next success of the same read takes it away. */
  what: string;
}

export interface Toast extends Notice {
  kind: 'info' | 'error';
}

export interface UiState {
  errors: ErrorNotice[];
  toasts: Toast[];
  /** 'denied': the companion refused the page's access token; the page says so instead of everything else. */
  connection: 'open' | 'reconnecting' | 'denied' | 'rotated';
  settingsOpen: boolean;
  /** The dialog or popover shown besides Settings (one at a time). */
  panel: 'tunnel' | 'answers' | 'help' | 'account' | 'project' | null;
  /** The last public URL change, until dismissed. */
  urlChange: { previous: string; current: string } | null;
  /** What an open form would lose if its dialog closed now (e.g. "the action send_email"); null when nothing. */
  unsavedWork: string | null;
  /** How that form keeps it, in its own button's words ("save first"), for the Esc warning. */
  unsavedKeep: string;
  /** Esc was pressed once over unsaved work: the next Esc discards it. */
  discardWarned: boolean;
}

/** How most forms keep unsaved work: their Save button. */
const initialMeta = (): MetaState => ({ status: null, stats: null, sample: null, answers: null });
const initialUi = (): UiState => ({
  errors: [],
  toasts: [],
  connection: 'open',
  settingsOpen: false,
  panel: null,
  urlChange: null,
  unsavedWork: null,
  unsavedKeep: SAVE_FIRST,
  discardWarned: false,
});

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
  useMetaStore.setState(initialMeta(), true);
  useUiStore.setState(initialUi(), true);
  arrivals.times = [];
}
