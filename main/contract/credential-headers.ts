/**
 * Headers that carry credentials: their values are never written to a HAR export nor put in
 * a copied cURL command. Names are matched case-insensitively; besides the standard ones, any
 * name ending in -token, -secret, -api-key, -apikey or -password counts (X-Auth-Token,
 * X-Client-Secret, X-Goog-Api-Key...), as does X-Api-Key itself.
 */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|api-?key|x-api-?key)$|-(token|secret|api-?key|password)$/i;

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}

/** What an export writes in place of a credential's value. */
export const REDACTED = '[redacted]';
