import { selectCall } from '../history/calls-actions';
import { useCallsStore } from '../history/calls-store';

// The selected call is in the page's address (`#call=12`), so that a reload or coming back to
// the page keeps it, and an address names what it shows. The hash, not the query: the filters
// own the query (writeFilterToUrl writes it whole), and a browser never sends the hash anywhere.
// The browser inspector's token arrives in the hash too (`#token=...`, page-token.ts): a write
// here changes the call and keeps every other parameter as it is, so a token still in the
// address stays there for page-token to take, and none is ever added.

const CALL_PARAM = 'call';

/** The call id in a hash (`#call=12`, other parameters beside it allowed); null when there is none or it is not an id. */
export function callInHash(hash: string): number | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(CALL_PARAM);
  if (value === null || !/^[1-9]\d{0,15}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/** The hash with `id` as its call (none for null), its other parameters kept. */
export function hashWithCall(hash: string, id: number | null): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (id === null) params.delete(CALL_PARAM);
  else params.set(CALL_PARAM, String(id));
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

/**
 * Selects the call the address names, writes the selection into the address as it changes
 * (replacing the entry: moving through the list with j/k would otherwise fill the history with
 * one entry a call), and follows an address with another call opened in the same tab (only its
 * hash changes, so the page is not loaded again). Returns the function that stops.
 */
export function followCallInAddress(): () => void {
  const selectFromAddress = () => {
    const id = callInHash(location.hash);
    if (id !== null && id !== useCallsStore.getState().selectedId) void selectCall(id);
  };
  selectFromAddress();
  const stopWriting = useCallsStore.subscribe((state, previous) => {
    if (state.selectedId === previous.selectedId) return;
    const hash = hashWithCall(location.hash, state.selectedId);
    if (hash !== location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
  });
  window.addEventListener('hashchange', selectFromAddress);
  return () => {
    stopWriting();
    window.removeEventListener('hashchange', selectFromAddress);
  };
}
