import { sessionSecret, type SecretSource } from './secret-source';

export const HMAC_KEY_ENV = 'FLOWENT_HMAC_KEY';

/** Where the HMAC key comes from; the core never stores it, it asks this on every call. */
export type HmacKeySource = SecretSource;

/**
 * The headless command's key: FLOWENT_HMAC_KEY, replaceable from the inspector for this run
 * only (kept in memory, never written anywhere).
 */
export function sessionHmacKey(env: NodeJS.ProcessEnv): HmacKeySource {
  return sessionSecret(env, HMAC_KEY_ENV);
}

/** Shows that a key is set without revealing it: the last four characters of long keys only. */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length >= 16 ? `••••••••${secret.slice(-4)}` : '••••••••';
}
