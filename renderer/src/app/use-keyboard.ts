import { useEffect } from 'react';
import { closePanel, closeSettings, mayDiscardOnEscape } from '../page/ui-actions';
import { useUiStore } from '../page/stores';
import { handleReplayEscape } from '../replay/replay-keys';
import { useReplayStore } from '../replay/replay-store';
import { isTyping } from '../shared/typing';
import { listKey, shortcutFor, singleKeysEnabled } from './shortcuts';

/** The inspector's keymap (the list is in shortcuts.ts, which the `?` help shows). */
export function useKeyboard(): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      const { settingsOpen, panel } = useUiStore.getState();
      if (e.key === 'Escape') {
        if (handleReplayEscape()) return;
        // A dialog's unsaved work is asked about first, the same for every dialog (useUnsavedWork).
        if (settingsOpen || panel) {
          if (!mayDiscardOnEscape()) return;
          if (settingsOpen) closeSettings();
          else closePanel();
        } else listKey('Escape');
        return;
      }
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      // Character keys act only while single-key shortcuts are on; arrows and Esc always do.
      if (e.key.length === 1 && !singleKeysEnabled()) return;
      // `?` toggles its own help; every other shortcut waits until dialogs are closed.
      if (e.key === '?' && panel === 'help') {
        e.preventDefault();
        closePanel();
        return;
      }
      if (settingsOpen || panel || useReplayStore.getState().dialog) return;
      const shortcut = shortcutFor(e.key);
      if (shortcut?.run) {
        e.preventDefault();
        shortcut.run();
      } else if (listKey(e.key)) e.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
