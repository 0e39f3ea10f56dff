import type { JsonMember, JsonNode, JsonString } from '../json/json-node';
import { ByteWriter } from './byte-writer';
import { compareCodePoints, quoteAscii, quoteGo, quoteUtf8 } from './escape';
import { goNumber, jsNumber, pythonNumber } from './numbers';
import type { Escaping } from './styles';

/** One serializer's choices: string quoting, number spelling, key order for sorting. */
export interface Family {
  quote(s: string): string;
  num(literal: string): string;
  compare(a: string, b: string): number;
  /**
   * Writes a string node by transcoding its raw bytes; returns false when the raw form has
   * escapes (the caller then quotes the decoded value instead).
   */
  copyString(w: ByteWriter, raw: Uint8Array, from: number, to: number): boolean;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function goCompare(a: string, b: string): number {
  // Go sorts map keys by their UTF-8 bytes, after its decoder turned lone surrogates into
  // U+FFFD. Only a difference at a surrogate needs that repair; everything else is a plain
  // code point comparison, done inline because sorting calls this a lot.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x - y;
    return compareCodePoints(a.replace(LONE_SURROGATE, '\ufffd'), b.replace(LONE_SURROGATE, '\ufffd'));
  }
  return a.length - b.length;
}

// In the raw bytes of an unescaped JSON string there is no quote, backslash or control
// character, and no lone surrogate (only a \u escape can make one), so each serializer only
// has to handle the few characters it escapes beyond those.

function copyUtf8(w: ByteWriter, raw: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (raw[i] === 0x5c) return false;
  w.byte(0x22);
  w.copy(raw, from, to);
  w.byte(0x22);
  return true;
}

function copyGo(w: ByteWriter, raw: Uint8Array, from: number, to: number): boolean {
  const mark = w.len;
  w.byte(0x22);
  let run = from;
  for (let i = from; i < to; i++) {
    const b = raw[i]!;
    if (b === 0x5c) {
      w.len = mark;
      return false;
    }
    if (b === 0x3c || b === 0x3e || b === 0x26) {
      w.copy(raw, run, i);
      w.u4(b);
      run = i + 1;
    } else if (b === 0xe2 && raw[i + 1] === 0x80 && (raw[i + 2] === 0xa8 || raw[i + 2] === 0xa9)) {
      w.copy(raw, run, i);
      w.u4(raw[i + 2] === 0xa8 ? 0x2028 : 0x2029);
      i += 2;
      run = i + 1;
    }
  }
  w.copy(raw, run, to);
  w.byte(0x22);
  return true;
}

function copyAscii(w: ByteWriter, raw: Uint8Array, from: number, to: number): boolean {
  const mark = w.len;
  w.byte(0x22);
  let run = from;
  for (let i = from; i < to; i++) {
    const b = raw[i]!;
    if (b < 0x7f) {
      if (b !== 0x5c) continue;
      w.len = mark;
      return false;
    }
    w.copy(raw, run, i);
    if (b === 0x7f) {
      w.u4(0x7f);
    } else if (b < 0xe0) {
      w.u4(((b & 0x1f) << 6) | (raw[i + 1]! & 0x3f));
      i += 1;
    } else if (b < 0xf0) {
      w.u4(((b & 0x0f) << 12) | ((raw[i + 1]! & 0x3f) << 6) | (raw[i + 2]! & 0x3f));
      i += 2;
    } else {
      const cp = ((b & 0x07) << 18) | ((raw[i + 1]! & 0x3f) << 12) | ((raw[i + 2]! & 0x3f) << 6) | (raw[i + 3]! & 0x3f);
      w.u4(0xd800 + ((cp - 0x10000) >> 10));
      w.u4(0xdc00 + ((cp - 0x10000) & 0x3ff));
      i += 3;
    }
    run = i + 1;
  }
  w.copy(raw, run, to);
  w.byte(0x22);
  return true;
}

// Python's sort_keys compares code points; Go compares UTF-8 bytes; for well-formed strings
// both are the same order. JavaScript has no sorting serializer, so it follows Python.
export const FAMILIES: Record<Escaping, Family> = {
  ascii: { quote: quoteAscii, num: pythonNumber, compare: compareCodePoints, copyString: copyAscii },
  go: { quote: quoteGo, num: goNumber, compare: goCompare, copyString: copyGo },
  utf8: { quote: quoteUtf8, num: jsNumber, compare: compareCodePoints, copyString: copyUtf8 },
};

/** `0` or an integer of at most 15 digits without leading zero: exact as a float64 too. */
export function isPlainSafeInteger(literal: string): boolean {
  const n = literal.length;
  let i = literal.charCodeAt(0) === 0x2d ? 1 : 0;
  if (n - i > 15 || n === i) return false;
  if (literal.charCodeAt(i) === 0x30) return n === 1;
  for (; i < n; i++) {
    const c = literal.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Serializes one body's nodes in one family, compactly, sorting objects when asked. */
/**
 * Encoded `"key":` per family, shared by every serializer: each call used to encode the same
 * few keys again. Bounded, since keys come from untrusted bodies; the bytes are only read.
 */
const KEY_CACHE = new WeakMap<Family, Map<string, Uint8Array>>();
const KEY_CACHE_LIMIT = 4096;

export class Serializer {
  readonly w: ByteWriter;
  private readonly keys: Map<string, Uint8Array>;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly fam: Family,
    private readonly raw: Uint8Array,
    private readonly sort: boolean,
    /** Formatted numbers by literal; share it between serializers of the same family. */
    private readonly numbers = new Map<string, string>(),
  ) {
    // Sized to the body (escapes can grow it; the writer doubles when they do): a fixed
    // 64 KB per serializer cost a small call several zeroed 64 KB buffers in every verify.
    this.w = new ByteWriter(Math.min(1 << 16, Math.max(256, raw.length + (raw.length >> 1))));
    let keys = KEY_CACHE.get(fam);
    if (keys === undefined) {
      keys = new Map();
      KEY_CACHE.set(fam, keys);
    }
    this.keys = keys;
  }

  /** `"key":` in this family, cached: bodies repeat the same few keys many times, and calls repeat them too. */
  key(key: string): void {
    let bytes = this.keys.get(key);
    if (bytes === undefined) {
      bytes = this.encoder.encode(`${this.fam.quote(key)}:`);
      if (this.keys.size >= KEY_CACHE_LIMIT) this.keys.clear();
      this.keys.set(key, bytes);
    }
    this.w.copy(bytes, 0, bytes.length);
  }

  string(node: JsonString): void {
    // Nodes made up by the engine (no raw source) are quoted from their value.
    const fromRaw = node.end - node.start >= 2 && this.raw[node.start] === 0x22;
    if (!fromRaw || !this.fam.copyString(this.w, this.raw, node.start + 1, node.end - 1)) {
      this.w.text(this.fam.quote(node.value));
    }
  }

  number(literal: string): void {
    // Safe integers print as written in every family; everything else goes through the family.
    if (isPlainSafeInteger(literal)) {
      this.w.ascii(literal);
      return;
    }
    let text = this.numbers.get(literal);
    if (text === undefined) {
      text = this.fam.num(literal);
      this.numbers.set(literal, text);
    }
    this.w.ascii(text);
  }

  private isSorted(members: readonly JsonMember[]): boolean {
    for (let i = 1; i < members.length; i++) {
      if (this.fam.compare(members[i - 1]!.key, members[i]!.key) > 0) return false;
    }
    return true;
  }

  value(node: JsonNode): void {
    const w = this.w;
    switch (node.kind) {
      case 'string':
        this.string(node);
        return;
      case 'number':
        this.number(node.literal);
        return;
      case 'boolean':
        w.ascii(node.value ? 'true' : 'false');
        return;
      case 'null':
        w.ascii('null');
        return;
      case 'array': {
        w.byte(0x5b);
        const items = node.items;
        for (let i = 0; i < items.length; i++) {
          if (i > 0) w.byte(0x2c);
          this.value(items[i]!);
        }
        w.byte(0x5d);
        return;
      }
      case 'object': {
        // Recursion depth is bounded by MAX_JSON_DEPTH, enforced by the parser.
        let members = node.members;
        if (this.sort && members.length > 1 && !this.isSorted(members)) {
          // Array sort is stable: duplicate keys stay in the order they were sent.
          members = [...members].sort((a, b) => this.fam.compare(a.key, b.key));
        }
        w.byte(0x7b);
        for (let i = 0; i < members.length; i++) {
          if (i > 0) w.byte(0x2c);
          this.key(members[i]!.key);
          this.value(members[i]!.value);
        }
        w.byte(0x7d);
        return;
      }
      default: {
        const never: never = node;
        throw new Error(`unknown node ${String(never)}`);
      }
    }
  }
}
