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
  hash: string;
  /** Writes the address with this hash, without a new history entry. */
  replaceHash(hash: string): void;
}

/**
 * The token this tab opened the inspector with: from the address (then taken out of it and kept
 * for the tab), else the one the tab kept (a reload). Where the tab cannot keep it (storage
 * refused), it stays in the address, so a reload still works.
 */
export function takeToken(address: PageAddress, tab: Pick<Storage, 'getItem' | 'setItem'> | null): string | null {
  const given = readToken(address.hash);
  if (given === null) return keptToken(tab);
  if (keepToken(given, tab)) address.replaceHash(hashWithoutToken(address.hash));
  return given;
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
