import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of `message` (text is taken as UTF-8), keyed with the key's UTF-8 bytes. */
export function hmacHex(key: string, message: string | Uint8Array): string {
  const mac = createHmac('sha256', Buffer.from(key, 'utf8'));
  return (typeof message === 'string' ? mac.update(message, 'utf8') : mac.update(message)).digest('hex');
}

/**
 * Constant-time equality of two signatures, so a forger cannot learn a matching prefix from
 * response times. Different lengths are unequal (timingSafeEqual would throw).
 */
export function signaturesEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
