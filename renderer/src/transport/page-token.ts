// The browser inspector's access token arrives in the address's hash (`#token=...`), which the
// browser never sends to a server. Left there, it would stay in every address the page writes
// after it (filters) and in every link copied from the address bar to share a view; so the page
// takes it out once read and keeps it for its own tab only, where a reload finds it again.

/** Where the tab keeps the token: sessionStorage, gone with the tab, never sent anywhere. */
export const TAB_TOKEN_KEY = 'flowent-companion.inspector-token';

/** Reads `#token=<t>` (other hash parameters are allowed beside it). */
export function readToken(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token ? token : null;
}

/** The hash without its token: '' when nothing else was in it. */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

export interface PageAddress {
  /** The hash as it is now (read again at every change). */
  readonly hash: string;
  /** Writes the address with this hash, without a new history entry. */
  replaceHash(hash: string): void;
}

type TabStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The token this tab opened the inspector with: from the address (then taken out of it and kept
 * for the tab), else the one the tab kept (a reload). Where the tab cannot keep it (storage
 * refused), it stays in the address, so a reload still works.
 */
export function takeToken(address: PageAddress, tab: TabStorage | null): string | null {
  return takeGivenToken(address, tab) ?? keptToken(tab);
}

/** The token in the address, if any, kept for the tab and taken out of the address. */
function takeGivenToken(address: PageAddress, tab: TabStorage | null): string | null {
  const given = readToken(address.hash);
  if (given !== null && keepToken(given, tab)) address.replaceHash(hashWithoutToken(address.hash));
  return given;
}

/** The page's token as it changes: the one in force now, and a way to hear of the next. */
export interface PageToken {
  current(): string | null;
  /** Calls `onChange` when another token is in force; returns the function that stops it. */
  subscribe(onChange: () => void): () => void;
}

/**
 * The token this tab opened with (takeToken), then every one that arrives in the address later.
 * An address that differs from the tab's only in its hash (the new address after a change of
 * token, pasted into the same tab; the same address opened again) does not load the page again:
 * the browser only changes the hash. Each such token is taken out of the address as the first
 * one was, and a different one is the page's token from then on.
 */
export function followPageToken(address: PageAddress, tab: TabStorage | null, page: Pick<Window, 'addEventListener'>): PageToken {
  let token = takeToken(address, tab);
  const listeners = new Set<() => void>();
  page.addEventListener('hashchange', () => {
    const given = takeGivenToken(address, tab);
    if (given === null || given === token) return;
    token = given;
    for (const listener of listeners) listener();
  });
  return {
    current: () => token,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

/** Keeps `token` for this tab (e.g. the new one after a change); false when the tab refuses. */
export function keepToken(token: string, tab: Pick<Storage, 'setItem'> | null): boolean {
  try {
    tab?.setItem(TAB_TOKEN_KEY, token);
    return tab !== null;
  } catch {
    return false;
  }
}

function keptToken(tab: Pick<Storage, 'getItem'> | null): string | null {
  try {
    return tab?.getItem(TAB_TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

/** The tab's sessionStorage, or null where the browser refuses even to hand it out. */
export function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
