/**
 * Offset of the first byte of the first invalid UTF-8 sequence in `bytes`, or -1 when the
 * whole buffer is valid. Strict (RFC 3629): overlong forms, UTF-16 surrogates (ED A0..BF)
 * and code points above U+10FFFF are invalid. TextDecoder's fatal mode would say *that* the
 * body is invalid but not *where*, and the user needs the offset to find the bad byte.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) {
      need = 2;
      lo = 0xa0;
    } else if (b === 0xed) {
      need = 2;
      hi = 0x9f;
    } else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) {
      need = 3;
      lo = 0x90;
    } else if (b === 0xf4) {
      need = 3;
      hi = 0x8f;
    } else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else return i;
    // A sequence cut short by the end of the body is invalid at its first byte.
    if (i + need >= n) return i;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

// ignoreBOM keeps a byte order mark in the text, which JSON.parse then refuses.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The bytes' text, or why they have none: bytes that are not UTF-8 are refused, naming the first
 * bad one, as the webhook refuses them, rather than read as U+FFFD (a key of "\uFFFD\uFFFD"
 * would be stored as set). `name` starts the sentence ("The API request body"), `advice` ends it.
 */
export function strictUtf8Text(
  raw: Uint8Array,
  name: string,
  advice: string,
): { ok: true; value: string } | { ok: false; message: string } {
  try {
    return { ok: true, value: strictUtf8.decode(raw) };
  } catch {
    const at = Math.max(0, findInvalidUtf8(raw));
    const byte = `0x${(raw[at] ?? 0).toString(16).padStart(2, '0')}`;
    return {
      ok: false,
      message: `${name} is not valid UTF-8: byte ${at} (${byte}) begins an invalid or incomplete UTF-8 sequence. ${advice}`,
    };
  }
}
