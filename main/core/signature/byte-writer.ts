const encoder = new TextEncoder();
const HEX = '0123456789abcdef';

/**
 * A growable byte buffer. Serializing straight to UTF-8 bytes, copying string bytes from the
 * raw body where possible, avoids creating hundreds of thousands of small strings per pass.
 */
export class ByteWriter {
  buf: Uint8Array;
  len = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  /** Writes a string known to be ASCII only. */
  ascii(s: string): void {
    this.ensure(s.length);
    const buf = this.buf;
    let len = this.len;
    for (let i = 0; i < s.length; i++) buf[len++] = s.charCodeAt(i);
    this.len = len;
  }

  /** Writes any string as UTF-8 (lone surrogates become U+FFFD; callers escape them first). */
  text(s: string): void {
    this.ensure(s.length * 3);
    this.len += encoder.encodeInto(s, this.buf.subarray(this.len)).written;
  }

  copy(src: Uint8Array, from: number, to: number): void {
    const n = to - from;
    this.ensure(n);
    if (n > 32) {
      this.buf.set(src.subarray(from, to), this.len);
      this.len += n;
      return;
    }
    const buf = this.buf;
    let len = this.len;
    for (let i = from; i < to; i++) buf[len++] = src[i]!;
    this.len = len;
  }

  /** Writes `\uXXXX` with lowercase hex. */
  u4(code: number): void {
    this.ensure(6);
    const buf = this.buf;
    let len = this.len;
    buf[len++] = 0x5c;
    buf[len++] = 0x75;
    buf[len++] = HEX.charCodeAt((code >> 12) & 15);
    buf[len++] = HEX.charCodeAt((code >> 8) & 15);
    buf[len++] = HEX.charCodeAt((code >> 4) & 15);
    buf[len++] = HEX.charCodeAt(code & 15);
    this.len = len;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}
