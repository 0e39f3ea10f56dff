import { useEffect } from 'react';
import { clearSearch, moveSelection } from '../calls/calls-actions';
import { closePanel, closeSettings, copyText, mayDiscardOnEscape, openPanel, reportError } from './ui-actions';
import { useMetaStore, useUiStore } from './stores';
import { SEARCH_INPUT_ID } from '../calls/FilterBar';
import { handleReplayKey } from '../replay/replay-keys';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The inspector's shortcuts: ↑/↓ select, / search, Esc clear/close, Ctrl/Cmd+Shift+C copy URL,
 * Ctrl/Cmd+M the Answers dialog, Ctrl/Cmd+Shift+F the Flowent account, ? the shortcut list (kept in step with HelpPopover).
 */
export function useKeyboard(): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (handleReplayKey(e)) return;
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'c') {
        e.preventDefault();
        const url = useMetaStore.getState().status?.webhookBaseUrl;
        if (url) void copyText(url, 'webhook URL');
        else reportError('There is no webhook URL to copy yet: the server is not listening');
        return;
      }
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'm') {
        e.preventDefault();
        if (useUiStore.getState().panel === 'answers') closePanel();
        else openPanel('answers');
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        if (useUiStore.getState().panel === 'account') closePanel();
        else openPanel('account');
        return;
      }
      if (e.key === 'Escape') {
        if (useUiStore.getState().settingsOpen) {
          closeSettings();
        } else if (useUiStore.getState().panel) {
          if (mayDiscardOnEscape()) closePanel();
        } else {
          clearSearch();
          const search = document.getElementById(SEARCH_INPUT_ID);
          if (search && document.activeElement === search) search.blur();
        }
        return;
      }
      const { settingsOpen, panel } = useUiStore.getState();
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === '?') {
        e.preventDefault();
        if (panel === 'help') closePanel();
        else if (!settingsOpen && !panel) openPanel('help');
        return;
      }
      if (settingsOpen || panel) return;
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
