import { clearSearch, moveSelection } from '../history/calls-actions';
import { CALL_LIST_ID, SEARCH_INPUT_ID } from '../calls/search-input';
import { REPLAY_SHORTCUTS } from '../replay/replay-keys';
import { copyText, openPanel, openSettings, reportError } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { webhookBaseToRegister, webhookUrlWords } from '../tunnel/tunnel';
import { titleWithKey, type Shortcut, type ShortcutId } from '../shared/shortcut';

/**
 * Single keys, pressed outside text fields with no modifier held: browsers and operating
 * systems keep Ctrl, Cmd and Alt combinations for themselves (Ctrl+Shift+B the bookmarks
 * bar, Ctrl+Shift+C the element picker, Cmd+M minimise), and none of them uses these.
 */
export const SHORTCUTS: Shortcut[] = [
  { keys: '↑ / ↓ or k / j', what: 'Select the previous / next call', match: [] },
  { keys: '/', what: 'Search request bodies', match: ['/'], run: () => document.getElementById(SEARCH_INPUT_ID)?.focus() },
  { keys: 'Esc', what: 'Clear the search, or close a dialog', match: [] },
  {
    keys: 'c',
    what: "Copy the webhook base URL to give Flowent: the tunnel's public URL while it is online, else this computer's",
    match: ['c'],
    run: copyWebhookUrl,
  },
  { id: 'answers', keys: 'a', what: 'Answers (mocks and forwarding)', match: ['a'], run: () => openPanel('answers') },
  { keys: 'p', what: 'Public URL (tunnel and LAN addresses)', match: ['p'], run: () => openPanel('tunnel') },
  { id: 'account', keys: 'f', what: 'Flowent account (actions, API token)', match: ['f'], run: () => openPanel('account') },
  { id: 'settings', keys: ',', what: 'Settings (HMAC key, ngrok authtoken, history)', match: [','], run: openSettings },
  ...REPLAY_SHORTCUTS,
  { keys: 'Ctrl/Cmd+Enter', what: 'In a parameters editor: send', match: [] },
  { id: 'help', keys: '?', what: 'Show these shortcuts', match: ['?'], run: () => openPanel('help') },
];

/** A button's title with its key, from the list the `?` help shows. */
export function withKey(title: string, id: ShortcutId): string {
  return titleWithKey(SHORTCUTS, title, id);
}

/**
 * Copies what the header shows, the URL Flowent is to be given: the public URL while the tunnel
 * is online (Flowent in the cloud cannot reach 127.0.0.1).
 */
function copyWebhookUrl(): void {
  const status = useMetaStore.getState().status;
  const toRegister = status ? webhookBaseToRegister(status) : null;
  if (toRegister) void copyText(toRegister.base, webhookUrlWords(toRegister.reach).what);
  else reportError('There is no webhook URL to copy yet: the server is not listening');
}

/** A preference, not a secret: whether single keys act as shortcuts (people using speech input or key-by-key screen readers turn them off). */
export const SINGLE_KEYS_KEY = 'flowent-companion.single-key-shortcuts';

export function singleKeysOn(): boolean {
  try {
    return localStorage.getItem(SINGLE_KEYS_KEY) !== 'off';
  } catch {
    return true;
  }
}

export function setSingleKeys(on: boolean): void {
  try {
    localStorage.setItem(SINGLE_KEYS_KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: the choice lasts until the page reloads.
  }
  singleKeysOverride = on;
}

/** The choice made in this page, for when storage refuses to keep it. */
let singleKeysOverride: boolean | null = null;

export function singleKeysEnabled(): boolean {
  return singleKeysOverride ?? singleKeysOn();
}

/** The shortcut a plain key press (no modifier) means, if any. */
export function shortcutFor(key: string): Shortcut | null {
  return SHORTCUTS.find((s) => s.run && s.match.includes(key)) ?? null;
}

/** ↑/↓ and k/j move the selection; Esc clears the search. */
export function listKey(key: string): boolean {
  if (key === 'ArrowDown' || key === 'j') moveSelection(1);
  else if (key === 'ArrowUp' || key === 'k') moveSelection(-1);
  else if (key === 'Escape') {
    clearSearch();
    const search = document.getElementById(SEARCH_INPUT_ID);
    if (search && document.activeElement === search) leaveSearch(search);
  } else return false;
  return true;
}

/**
 * Esc in the search box hands the keyboard to the list, where ↑/↓ act and Tab goes on from; a
 * mere blur would drop it to the page's body, and Tab would start again at the page's top. With
 * no list to go to (nothing matched), the box is only left.
 */
function leaveSearch(search: HTMLElement): void {
  const list = document.getElementById(CALL_LIST_ID);
  if (list) list.focus({ preventScroll: true });
  else search.blur();
}
