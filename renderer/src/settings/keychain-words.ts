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
    `A ${what} is saved here but cannot be read: the system keychain is locked, was reset, or belongs to another computer. ` +
    (canSet
      ? `Unlock the keychain and restart the companion, or save the ${what} again.`
      : 'Unlock the keychain and restart the companion.')
  );
}

/** What the HMAC key's section says it is now: set and where from, not set, or saved but unreadable. */
export function hmacKeyNow(hmac: SecretState | undefined, canSet: boolean, sourceLabel: string): string {
  const now = hmac?.set
    ? `Set${sourceLabel ? ` (${sourceLabel})` : ''}.`
    : hmac?.unreadable
      ? ''
      : 'No key set: signatures cannot be checked.';
  return hmac?.unreadable ? `${now} ${unreadableNote('key', canSet)}`.trim() : now;
}
