/** Where the headless command reads the HMAC key (the desktop app keeps it in the keychain). */
export const HMAC_KEY_ENV = 'FLOWENT_HMAC_KEY';

/** Shows that a key is set without revealing it: the last four characters of long keys only. */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length >= 16 ? `••••••••${secret.slice(-4)}` : '••••••••';
}
