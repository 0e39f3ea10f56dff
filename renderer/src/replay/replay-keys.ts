import { exportHar } from './replay-har-actions';
import { useReplayStore } from './replay-store';
import { closeReplayDialog, currentSelectionFilter, toggleReplayDialog } from './replay-ui-actions';
import { useUiStore } from '../app/stores';
import { mayDiscardOnEscape, reportError, showToast } from '../app/ui-actions';

/**
 * Replay's shortcuts, called first by the inspector's keymap: Ctrl/Cmd+Shift+B bulk replay,
 * Ctrl/Cmd+Shift+S the simulator, Ctrl/Cmd+Shift+E export the list as HAR, Esc closes
 * replay's dialog (warning once first over the simulator's unsaved parameters). True when the key was handled.
 */
export function handleReplayKey(e: KeyboardEvent): boolean {
  if (e.key === 'Escape' && useReplayStore.getState().dialog) {
    if (mayDiscardOnEscape()) closeReplayDialog();
    return true;
  }
  if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey) return false;
  const key = e.key.toLowerCase();
  if (key !== 'b' && key !== 's' && key !== 'e') return false;
  e.preventDefault();
  if (key === 'e') {
    void exportHar({ filter: currentSelectionFilter() }).then((outcome) => {
      if (outcome?.ok) showToast(outcome.message, 4000);
      else if (outcome) reportError(`Could not export: ${outcome.message}`);
    });
  } else {
    useUiStore.setState({ panel: null, settingsOpen: false });
    toggleReplayDialog(key === 'b' ? 'bulk' : 'simulator');
  }
  return true;
}
