/**
 * Whether a handler's error text is about the signature. Handlers word it in many ways
 * ("Invalid signature", `{"detail": "bad signature"}`, "HMAC mismatch", "SignatureDoesNotMatch",
 * "could not verify the webhook signature"), and actions that deal with e-signatures use the
 * word for other things ("Failed to create signature request"), so a complaint is a subject
 * word (signature, HMAC) joined to a complaint in one of a few fixed shapes, never the word
 * alone. "Digest" counts only in "digest mismatch": a "daily digest" can fail for other reasons.
 */

const SUBJECT = String.raw`(?:signature|hmac)s?`;
/** Words of a document-signing action: "signature request", "signature field"... are not about the call's signature. */
const NOT_THE_CALLS = String.raw`(?!\s+(?:request|document|envelope|template|field|page|line|block|pad|image|provider)s?\b)`;
const QUALIFIERS = String.raw`(?:(?:hmac|sha256|sha 256|request|webhook|payload|body|flowent|x|header)\s+)*`;

const COMPLAINTS: readonly RegExp[] = [
  // "invalid signature", "missing HMAC", "bad webhook signature", "no signature".
  new RegExp(
    String.raw`\b(?:invalid|bad|wrong|incorrect|missing|unverified|forged|mismatched|malformed|no|unknown|unexpected|tampered|unsigned)\s+${QUALIFIERS}${SUBJECT}\b${NOT_THE_CALLS}`,
  ),
  // "signature mismatch", "HMAC verification failed", "signature is invalid", "signature required".
  new RegExp(
    String.raw`\b${SUBJECT}\b${NOT_THE_CALLS}(?:\s+(?:verification|validation|check|comparison|header|value|hash|is|was|has|been|did|does))*\s*:?\s*(?:mismatch(?:ed)?|invalid|fail(?:ed|s|ure)?|incorrect|missing|required|wrong|rejected|error|absent)\b`,
  ),
  // "signature does not match", "HMAC is not valid", "signature wasn't verified".
  new RegExp(
    String.raw`\b${SUBJECT}\b${NOT_THE_CALLS}(?:\s+(?:verification|check|value|is|was|does|did|do|has|could|be))*(?:\s+not|\s+never|\s+cannot|\s+can't|n't)\s+(?:be\s+)?(?:match(?:ed|es)?|valid(?:ated)?|verified|correct|present|provided|found)\b`,
  ),
  /\bdigests?\s+(?:mismatch|(?:does|did)\s*(?:not|n't)\s+match)/,
  // "could not verify the signature", "unable to validate HMAC", "failed to verify webhook signature".
  new RegExp(
    String.raw`\b(?:could\s*not|couldn't|cannot|can't|unable\s+to|failed\s+to|fail\s+to)\s+(?:verify|validate|check|authenticate|match)\s+(?:the\s+)?${QUALIFIERS}${SUBJECT}\b${NOT_THE_CALLS}`,
  ),
];

/**
 * A handler that has no key to check with: "FLOWENT_HMAC_KEY is not set" (the companion's own
 * verifiers say it so), "HMAC secret not configured", "missing webhook secret". It can verify no
 * signature, so every signed call is refused for its signature check.
 */
const KEY_UNSET = [
  /\b(?:hmac|signing|webhook|signature)\s+(?:key|secret)s?\s+(?:is\s+|was\s+)?(?:not\s+(?:set|configured|defined|provided|found)|unset|missing|empty)\b/,
  /\b(?:no|missing)\s+(?:hmac|signing|webhook|signature)\s+(?:key|secret)s?\b/,
];

/** Causes of a 401/403 that are not the signature: a replay guard, or some other credential. */
const OTHER_CAUSE =
  /\b(?:timestamp|too old|expired|replay(?:ed)?|stale|clock|token|api key|apikey|bearer|authorization header|credentials?|not authenticated|login|session|ip address|not allowed from)\b/;

/** Lowercased, with `snake_case`, `kebab-case` and `CamelCase` words split apart. */
function normalise(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/’/g, "'")
    .toLowerCase();
}

/** True when `text` complains about the signature (or the HMAC) of the call, or says the handler has no key to check it with. */
export function isSignatureComplaint(text: string): boolean {
  const words = normalise(text);
  return [...COMPLAINTS, ...KEY_UNSET].some((pattern) => pattern.test(words));
}

/** True when `text` says the handler has no HMAC key set to check signatures with. */
export function saysKeyUnset(text: string): boolean {
  const words = normalise(text);
  return KEY_UNSET.some((pattern) => pattern.test(words));
}

/** True when `text` names a reason for refusing that is not the signature (timestamp, token...). */
export function namesOtherCause(text: string): boolean {
  return OTHER_CAUSE.test(normalise(text));
}
