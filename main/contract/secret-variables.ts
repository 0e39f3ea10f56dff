/**
 * The environment variables that hold the companion's secrets, named once for the core (which
 * reads them), the command line (which advises them) and the page (which says where a secret
 * comes from and how to set it in headless mode). The API token's variable depends on the
 * profile, so it is built by the core's account profiles.
 */

/** Where the headless command reads the HMAC key (the desktop app keeps it in the keychain). */
export const HMAC_KEY_ENV = 'FLOWENT_HMAC_KEY';

/** Where the headless command reads the ngrok authtoken. */
export const NGROK_AUTHTOKEN_ENV = 'NGROK_AUTHTOKEN';

/**
 * The one rule of what holds a secret, for every place one is given (a variable, a field, the
 * API): a value that is empty or blank (only spaces and line breaks, such as `$(cat file)` of an
 * empty file gives) holds none, and counts as unset. Any other value is kept as it is.
 */
export function nonBlankSecret(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}
