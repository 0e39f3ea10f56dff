/**
 * What the page says of a secret (the HMAC key, the ngrok authtoken, the API token): whether it is
 * set and where from, why the desktop app cannot save it, and the toasts of saving and clearing it.
 */
import type { KeychainUnavailable, SecretState } from '../api';

const SECRET_SOURCE_LABEL = {
  keychain: 'saved in the system keychain',
  session: 'for this session only',
} as const;

/** "(saved in the system keychain)", "(from NAME)"... for a secret's source. */
export function sourceLabel(source: SecretState['source'], envVar: string): string {
  if (!source) return '';
  return source === 'environment' ? `from ${envVar}` : SECRET_SOURCE_LABEL[source];
}

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
 * What a secret's section says it is now: set and where from (`envVar` when from the
 * environment), `notSet`, or saved but unreadable, with what to do (`what`: "key", "ngrok authtoken").
 */
export function secretNow(state: SecretState | undefined, canSet: boolean, envVar: string, notSet: string, what: string): string {
  if (state?.set) {
    const from = sourceLabel(state.source, envVar);
    const now = `Set${from ? ` (${from})` : ''}.`;
    return state.unreadable ? `${now} ${unreadableNote(what, canSet)}` : now;
  }
  return state?.unreadable ? unreadableNote(what, canSet) : notSet;
}

/** A secret saved (`what`: "HMAC key", "ngrok authtoken"). */
export function secretSavedWords(what: string): string {
  return `${what} saved`;
}

/** What clearing a secret left: none, or the one from the environment, which a cleared session's or keychain's value gives way to. */
export function secretClearedWords(what: string, state: SecretState, envVar: string): string {
  return state.set && state.source === 'environment' ? `${what} cleared: the one from ${envVar} is in use again` : `${what} cleared`;
}

/** The HMAC key's section with no key set. */
export const NO_HMAC_KEY_SET = 'No key set: signatures cannot be checked.';

/** The ngrok authtoken's section with none set. */
export const NO_NGROK_AUTHTOKEN_SET = 'Not set: the public URL (tunnel) cannot open.';
