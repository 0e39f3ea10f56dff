import { useEffect } from 'react';
import { clearSearch, moveSelection } from '../store/calls-actions';
import { closeSettings, copyText, reportError } from '../store/ui-actions';
import { useMetaStore, useUiStore } from '../store/stores';
import { SEARCH_INPUT_ID } from './FilterBar';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The inspector's shortcuts: ↑/↓ select, / search, Esc clear/close, Ctrl/Cmd+Shift+C copy URL. */
export function useKeyboard(): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'c') {
        e.preventDefault();
        const url = useMetaStore.getState().status?.webhookBaseUrl;
        if (url) void copyText(url, 'webhook URL');
        else reportError('There is no webhook URL to copy yet: the server is not listening');
        return;
      }
      if (e.key === 'Escape') {
        if (useUiStore.getState().settingsOpen) {
          closeSettings();
        } else {
          clearSearch();
          const search = document.getElementById(SEARCH_INPUT_ID);
          if (search && document.activeElement === search) search.blur();
        }
        return;
      }
      if (useUiStore.getState().settingsOpen || isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById(SEARCH_INPUT_ID)?.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        moveSelection(e.key === 'ArrowDown' ? 1 : -1);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
