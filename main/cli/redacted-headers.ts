/** Credentials in headers as the terminal shows them, [redacted]: `calls <id>` and `calls <id> --json` both hide them. */
import { isCredentialHeader, REDACTED } from '../contract/credential-headers';
import type { CallDetail, HeaderPair } from '../contract/api';

/**
 * Headers as `calls <id>` shows them: a credential's value (Authorization, Cookie, X-Api-Key...)
 * as [redacted], as the HAR export writes it, since what the terminal shows ends up in scrollback,
 * screenshots and pasted bug reports; the inspector shows the values to whoever holds its token.
 */
export function withCredentialsRedacted(headers: HeaderPair[]): HeaderPair[] {
  return headers.map(([name, value]) => [name, isCredentialHeader(name) ? REDACTED : value]);
}

/** Whether any of the call's headers, asked or answered, is shown as [redacted]. */
export function hasCredentialHeaders(call: CallDetail): boolean {
  return [...call.requestHeaders, ...call.response.headers].some(([name]) => isCredentialHeader(name));
}

/** The note under `calls <id>`'s headers when some of them are shown as [redacted]. */
export const REDACTED_HEADERS_NOTE = `Credentials (Authorization, Cookie, API keys...) are shown as ${REDACTED}; the inspector shows their values.`;
