import { clearSearch, moveSelection } from '../history/calls-actions';
import { CALL_LIST_ID, SEARCH_INPUT_ID } from '../calls/search-input';
import { REPLAY_SHORTCUTS } from '../replay/replay-keys';
import { copyText, openPanel, openSettings, reportError } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { webhookBaseToRegister } from '../tunnel/tunnel';
import { titleWithKey, type Shortcut, type ShortcutId } from '../shared/shortcut';
import { NO_WEBHOOK_URL_TO_COPY, SHORTCUT_WORDS, webhookUrlWords } from '../../../main/contract/words';

/**
 * Single keys, pressed outside text fields with no modifier held: browsers and operating
 * systems keep Ctrl, Cmd and Alt combinations for themselves (Ctrl+Shift+B the bookmarks
 * bar, Ctrl+Shift+C the element picker, Cmd+M minimise), and none of them uses these.
 */
export const SHORTCUTS: Shortcut[] = [
  { keys: '↑ / ↓ or k / j', what: SHORTCUT_WORDS.move, match: [] },
  { keys: '/', what: SHORTCUT_WORDS.search, match: ['/'], run: () => document.getElementById(SEARCH_INPUT_ID)?.focus() },
  { keys: 'Esc', what: SHORTCUT_WORDS.escape, match: [] },
  {
    keys: 'c',
    what: SHORTCUT_WORDS.copyWebhookUrl,
    match: ['c'],
    run: copyWebhookUrl,
  },
  { id: 'answers', keys: 'a', what: SHORTCUT_WORDS.answers, match: ['a'], run: () => openPanel('answers') },
  { keys: 'p', what: SHORTCUT_WORDS.publicUrl, match: ['p'], run: () => openPanel('tunnel') },
  { id: 'account', keys: 'f', what: SHORTCUT_WORDS.account, match: ['f'], run: () => openPanel('account') },
  { id: 'settings', keys: ',', what: SHORTCUT_WORDS.settings, match: [','], run: openSettings },
  ...REPLAY_SHORTCUTS,
  { keys: 'Ctrl/Cmd+Enter', what: SHORTCUT_WORDS.sendParameters, match: [] },
  { id: 'help', keys: '?', what: SHORTCUT_WORDS.help, match: ['?'], run: () => openPanel('help') },
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
  else reportError(NO_WEBHOOK_URL_TO_COPY);
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
