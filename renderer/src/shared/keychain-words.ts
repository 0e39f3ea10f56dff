import type { KeychainUnavailable, SecretState } from '../../../main/contract/api';

/** Why the desktop app cannot save secrets on this system, after "as". */
export const KEYCHAIN_UNAVAILABLE: Record<KeychainUnavailable, string> = {
  'no-encryption': 'this system offers the companion no keychain to save it in',
  'no-keyring-service':
    'no keyring service (such as GNOME Keyring or KWallet) runs in this session to save it in, and the companion saves no secret without one',
};

/** A secret saved in the keychain that cannot be read back, and what to do about it. */
export function unreadableNote(what: string, canSet: boolean): string {
  return (
    `A saved ${what} cannot be read: the system keychain is locked, was reset, or belongs to another computer. ` +
    (canSet
      ? `Unlock the keychain and restart the companion, or save the ${what} again.`
      : 'Unlock the keychain and restart the companion.')
  );
}

/**
 * What a secret's section says it is now: set and where from (`sourceLabel`), `notSet`, or saved
 * but unreadable, with what to do (`what`: "key", "ngrok authtoken").
 */
export function secretNow(state: SecretState | undefined, canSet: boolean, sourceLabel: string, notSet: string, what: string): string {
  if (state?.set) {
    const now = `Set${sourceLabel ? ` (${sourceLabel})` : ''}.`;
    return state.unreadable ? `${now} ${unreadableNote(what, canSet)}` : now;
  }
  return state?.unreadable ? unreadableNote(what, canSet) : notSet;
}
