/** Decodes base64 to bytes (atob is available in every renderer this runs in). */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A classic 16-bytes-per-line hex dump: offset, hex, printable ASCII. */
export function hexDump(bytes: Uint8Array, maxBytes = 65_536): { text: string; truncated: boolean } {
  const n = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];
  for (let off = 0; off < n; off += 16) {
    const slice = bytes.subarray(off, Math.min(off + 16, n));
    const hex: string[] = [];
    let ascii = '';
    for (const b of slice) {
      hex.push(b.toString(16).padStart(2, '0'));
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    const hexText = hex.join(' ').padEnd(47, ' ');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hexText}  ${ascii}`);
  }
  return { text: lines.join('\n'), truncated: bytes.length > maxBytes };
}

/**
 * Where two texts differ: the first differing index, and where the difference ends in each
 * (after it, the texts share their tail). Null when they are equal.
 */
export function differingSpan(a: string, b: string): { start: number; endA: number; endB: number } | null {
  const start = firstDifference(a, b);
  if (start < 0) return null;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  return { start, endA, endB };
}

/** Index of the first character where two strings differ; -1 when they are equal. */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Whether the bytes are UTF-8 text: a body that is not shows � where bytes could not be read. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
