import type { Result } from '../contract/api';

export const HMAC_KEY_ENV = 'FLOWENT_HMAC_KEY';

/** Where the HMAC key comes from; the core never stores it, it asks this on every call. */
export interface HmacKeySource {
  /** The current key, or null when none is set. Read on every call so changes apply at once. */
  get(): string | null;
  /** Where the current key comes from (null when there is none). */
  readonly source: 'keychain' | 'environment' | 'session' | null;
  /** Absent when the key cannot be changed in this mode. */
  set?(key: string): Result<void>;
  clear?(): Result<void>;
}

/**
 * The headless command's key: FLOWENT_HMAC_KEY, replaceable from the inspector for this run
 * only (kept in memory, never written anywhere).
 */
export function sessionHmacKey(env: NodeJS.ProcessEnv): HmacKeySource {
  let key: string | null = env[HMAC_KEY_ENV] || null;
  let source: HmacKeySource['source'] = key ? 'environment' : null;
  return {
    get: () => key,
    get source() {
      return source;
    },
    set(next) {
      key = next;
      source = 'session';
      return { ok: true, value: undefined };
    },
    clear() {
      key = null;
      source = null;
      return { ok: true, value: undefined };
    },
  };
}

/** Shows that a key is set without revealing it: the last four characters of long keys only. */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length >= 16 ? `••••••••${secret.slice(-4)}` : '••••••••';
}
