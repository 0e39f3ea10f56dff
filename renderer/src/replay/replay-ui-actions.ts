import type { CallFilter } from '../../../main/contract/api';
import { currentBridge } from '../page/bridge-holder';
import { useReplayStore, type ReplayDialog } from './replay-store';
import { useUiStore } from '../page/stores';
import { useCallsStore } from '../history/calls-store';
import { reportError } from '../page/ui-actions';
import { PAGE_FAILURE_WORDS } from '../../../main/contract/words';

/** Opens a replay dialog; like the other dialogs, one at a time. */
export function openReplayDialog(dialog: ReplayDialog): void {
  useUiStore.setState({ panel: null, settingsOpen: false });
  useReplayStore.setState({ dialog });
}

export function closeReplayDialog(): void {
  useReplayStore.setState({ dialog: null });
}

/** The filter of the list as loaded (relative ranges resolved), what "these calls" means. */
export function currentSelectionFilter(): CallFilter {
  return { ...useCallsStore.getState().activeQuery };
}

/** Loads the learned signing style for display. */
export async function loadLearnedStyle(): Promise<void> {
  const b = currentBridge();
  if (!b) return;
  try {
    useReplayStore.setState({ learned: await b.getLearnedStyle() });
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.loadLearnedStyle, error);
  }
}
