import { exportFilteredCalls } from './har-work';
import { useReplayStore } from './replay-store';
import { closeReplayDialog, openReplayDialog } from './replay-ui-actions';
import { mayDiscardOnEscape } from '../page/ui-actions';
import { titleWithKey, type Shortcut, type ShortcutId } from '../shared/shortcut';
import { SHORTCUT_WORDS } from '../../../main/contract/words';

/** Replay's single-key shortcuts, listed with the inspector's others. */
export const REPLAY_SHORTCUTS: Shortcut[] = [
  {
    id: 'bulk-replay',
    keys: 'r',
    what: SHORTCUT_WORDS.bulkReplay,
    match: ['r'],
    run: () => openReplayDialog('bulk'),
  },
  { id: 'simulate', keys: 's', what: SHORTCUT_WORDS.simulate, match: ['s'], run: () => openReplayDialog('simulator') },
  { id: 'export', keys: 'e', what: SHORTCUT_WORDS.exportHar, match: ['e'], run: () => void exportFilteredCalls() },
];

/** Esc over replay's dialog closes it (warning once first over the simulator's unsaved parameters). True when it was open. */
export function handleReplayEscape(): boolean {
  if (!useReplayStore.getState().dialog) return false;
  if (mayDiscardOnEscape()) closeReplayDialog();
  return true;
}

/** A replay button's title with its key, from the list the `?` help shows. */
export function withReplayKey(title: string, id: ShortcutId): string {
  return titleWithKey(REPLAY_SHORTCUTS, title, id);
}
