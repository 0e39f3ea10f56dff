import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';

/** Lowercase hex HMAC-SHA256 of `message` (text is taken as UTF-8), keyed with the key's UTF-8 bytes. */
export function hmacHex(key: string, message: string | Uint8Array): string {
  const mac = createHmac('sha256', Buffer.from(key, 'utf8'));
  return (typeof message === 'string' ? mac.update(message, 'utf8') : mac.update(message)).digest('hex');
}

/** Bodies up to this size are remembered by content, so styles that serialize alike are hashed once. */
const MEMO_BY_CONTENT_LIMIT = 64 * 1024;

// The key rarely changes between calls; importing it is a measurable part of a small call.
let lastKey: { key: string; object: KeyObject } | null = null;

function secretKey(key: string): KeyObject {
  if (lastKey === null || lastKey.key !== key) lastKey = { key, object: createSecretKey(Buffer.from(key, 'utf8')) };
  return lastKey.object;
}

/**
 * An HMAC function for one key and one verification: the key is imported once, and equal
 * canonical bytes (most styles agree on a plain ASCII body) are hashed once.
 */
export function memoizedHmac(key: string): (message: Uint8Array) => string {
  const keyObject = secretKey(key);
  const byIdentity = new Map<Uint8Array, string>();
  const byContent = new Map<string, string>();
  return (message) => {
    const known = byIdentity.get(message);
    if (known !== undefined) return known;
    const contentKey =
      message.length <= MEMO_BY_CONTENT_LIMIT
        ? Buffer.from(message.buffer, message.byteOffset, message.byteLength).toString('latin1')
        : null;
    let digest = contentKey === null ? undefined : byContent.get(contentKey);
    if (digest === undefined) {
      digest = createHmac('sha256', keyObject).update(message).digest('hex');
      if (contentKey !== null) byContent.set(contentKey, digest);
    }
    byIdentity.set(message, digest);
    return digest;
  };
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
