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

/** Names that carry secrets besides the credential headers: query and JSON spellings of tokens and keys. */
const SECRET_FIELD = /(^|[-_])(token|authtoken|secret|password|api[-_]?key|apikey|hmac[-_]?key)$/i;

/** Whether a query parameter or JSON field of this name holds a secret (`?token=`, `api_key`, `client_secret`). */
export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** What an export writes in place of a credential's value. */
export const REDACTED = '[redacted]';
