import { exportHar } from './replay-har-actions';
import { useReplayStore } from './replay-store';
import { closeReplayDialog, currentSelectionFilter, openReplayDialog } from './replay-ui-actions';
import { mayDiscardOnEscape, reportError, showToast } from '../page/ui-actions';
import type { Shortcut } from '../app/shortcuts';

/** Replay's single-key shortcuts, listed with the inspector's others. */
export const REPLAY_SHORTCUTS: Shortcut[] = [
  {
    id: 'bulk-replay',
    keys: 'r',
    what: 'Bulk replay: every call of the current filter',
    match: ['r'],
    run: () => openReplayDialog('bulk'),
  },
  { id: 'simulate', keys: 's', what: 'Simulate a Flowent call', match: ['s'], run: () => openReplayDialog('simulator') },
  { id: 'export', keys: 'e', what: 'Export the calls of the current filter as HAR', match: ['e'], run: exportFilteredCalls },
];

function exportFilteredCalls(): void {
  void exportHar({ filter: currentSelectionFilter() }).then((outcome) => {
    if (outcome?.ok) showToast(outcome.message, 4000);
    else if (outcome) reportError(`Could not export: ${outcome.message}`);
  });
}

/** Esc over replay's dialog closes it (warning once first over the simulator's unsaved parameters). True when it was open. */
export function handleReplayEscape(): boolean {
  if (!useReplayStore.getState().dialog) return false;
  if (mayDiscardOnEscape()) closeReplayDialog();
  return true;
}
