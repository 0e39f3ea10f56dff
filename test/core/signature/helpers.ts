import { createHmac } from 'node:crypto';

export const T = 1_700_000_000;
export const AT = T * 1000 + 500;
export const KEY = 'whsec-test-key';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** An independent HMAC (not the engine's helper) so tests do not trust the code under test. */
export function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}

/** Appends `"signature":"<sig>"` as the last member of a compact JSON object text. */
export function withSignature(body: string, sig: unknown): string {
  return `${body.slice(0, -1)},"signature":${JSON.stringify(sig)}}`;
}
