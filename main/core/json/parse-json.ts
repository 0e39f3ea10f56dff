import {
  MAX_JSON_DEPTH,
  type JsonArray,
  type JsonMember,
  type JsonNode,
  type JsonObject,
  type JsonParseErrorCode,
  type JsonParseResult,
} from './json-node';
import { findInvalidUtf8 } from './utf8';
import { BODY_WORDS, type JsonWords } from './json-words';

export { BODY_WORDS, PARAMETERS_WORDS, type JsonWords } from './json-words';
export { findDuplicateKey, locateDuplicateKey, toPlainValue, type DuplicateKey, type PlainJson } from './json-values';

// ignoreBOM keeps a U+FEFF in the text, so byte offsets and text indexes stay in step.
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

type Fail = { ok: false; code: JsonParseErrorCode; message: string; offset: number };

function fail(code: JsonParseErrorCode, offset: number, message: string): Fail {
  return { ok: false, code, message, offset };
}

function isWs(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function isDigit(b: number | undefined): b is number {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

/**
 * Parses a raw request body into a {@link JsonNode} tree, keeping key order, duplicate keys,
 * number spellings and byte offsets. Never throws: every failure is a value with a code, the
 * byte offset and a message saying what to fix. Iterative, so deep nesting cannot overflow
 * the call stack. `words` say the failures of another text than a call's body.
 */
export function parseJson(raw: Uint8Array, words: JsonWords = BODY_WORDS): JsonParseResult {
  const bytes = raw;
  const n = bytes.length;

  let firstNonWs = 0;
  while (firstNonWs < n && isWs(bytes[firstNonWs]!)) firstNonWs++;
  if (firstNonWs === n) return fail('empty', 0, words.empty(n > 0));
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return fail('bom', 0, words.bom);
  let text: string;
  try {
    // Decoding once and slicing the text is far cheaper than decoding each string.
    text = strictDecoder.decode(bytes);
  } catch {
    const bad = Math.max(0, findInvalidUtf8(bytes));
    return fail('invalid-utf8', bad, words.invalidUtf8(bad, `0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}`));
  }

  return new Parser(bytes, text, firstNonWs, words).run();
}

type Frame = { obj: JsonObject; key: string; keyStart: number } | { arr: JsonArray };

// A class rather than closures inside parseJson: closures are new functions on every call,
// which made V8 throw away the optimized parser on each parse.
class Parser {
  pos: number;
  /** How far the UTF-16 index into `text` lags behind the byte offset `pos`. */
  lag = 0;
  key = '';
  keyStart = 0;
  readonly n: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly text: string,
    start: number,
    private readonly words: JsonWords,
  ) {
    this.pos = start;
    this.n = bytes.length;
  }

  found(at: number): string {
    const bytes = this.bytes;
    const b = bytes[at];
    if (b === undefined) return this.words.end;
    if (b >= 0x21 && b <= 0x7e) return `'${String.fromCharCode(b)}'`;
    return `byte 0x${b.toString(16).padStart(2, '0')}`;
  }

  syntax(at: number, what: string): Fail {
    return fail('invalid-json', at, this.words.syntax(at, what));
  }

  expected(at: number, what: string): Fail {
    const bytes = this.bytes;
    const b = bytes[at];
    if (b === 0x2f) return this.syntax(at, 'comments are not allowed in JSON');
    if (b === 0x27) return this.syntax(at, 'strings must use double quotes, not single quotes');
    return this.syntax(at, `expected ${what}, found ${this.found(at)}`);
  }

  skipWs(): void {
    const bytes = this.bytes;
    const n = this.n;
    while (this.pos < n && isWs(bytes[this.pos]!)) this.pos++;
  }

  /** The text between two byte offsets, given how far char indexes lag behind each. */
  slice(a: number, lagA: number, b: number, lagB: number): string {
    return this.text.slice(a - lagA, b - lagB);
  }

  /** Parses the string whose opening quote is at `this.pos`; leaves `this.pos` after the closing quote. */
  parseString(): string | Fail {
    const bytes = this.bytes;
    const n = this.n;
    const open = this.pos;
    let i = this.pos + 1;
    const lag0 = this.lag;
    // Byte offsets run ahead of UTF-16 indexes by one per 2-byte and two per 3- or 4-byte
    // sequence; non-ASCII can only occur inside strings, so the lag only changes here.
    let lag = lag0;
    while (i < n) {
      const b = bytes[i]!;
      if (b === QUOTE) {
        this.pos = i + 1;
        this.lag = lag;
        return this.slice(open + 1, lag0, i, lag);
      }
      if (b === BACKSLASH) break;
      if (b < 0x20)
        return this.syntax(i, `control character 0x${b.toString(16).padStart(2, '0')} inside a string must be escaped (e.g. \\n)`);
      if (b >= 0xc0) lag += b >= 0xe0 ? 2 : 1;
      i++;
    }
    // Slow path: escapes present. Plain runs are sliced between escapes.
    let out = this.slice(open + 1, lag0, i, lag);
    let runStart = i;
    let runLag = lag;
    while (i < n) {
      const b = bytes[i]!;
      if (b === QUOTE) {
        out += this.slice(runStart, runLag, i, lag);
        this.pos = i + 1;
        this.lag = lag;
        return out;
      }
      if (b < 0x20)
        return this.syntax(i, `control character 0x${b.toString(16).padStart(2, '0')} inside a string must be escaped (e.g. \\n)`);
      if (b !== BACKSLASH) {
        if (b >= 0xc0) lag += b >= 0xe0 ? 2 : 1;
        i++;
        continue;
      }
      out += this.slice(runStart, runLag, i, lag);
      const e = bytes[i + 1];
      switch (e) {
        case 0x22:
          out += '"';
          break;
        case 0x5c:
          out += '\\';
          break;
        case 0x2f:
          out += '/';
          break;
        case 0x62:
          out += '\b';
          break;
        case 0x66:
          out += '\f';
          break;
        case 0x6e:
          out += '\n';
          break;
        case 0x72:
          out += '\r';
          break;
        case 0x74:
          out += '\t';
          break;
        case 0x75: {
          let code = 0;
          for (let k = 2; k < 6; k++) {
            const h = hexValue(bytes[i + k]);
            if (h < 0) return this.syntax(i, 'a \\u escape needs exactly four hex digits');
            code = code * 16 + h;
          }
          // Lone surrogates are legal JSON; keep the code unit as is.
          out += String.fromCharCode(code);
          i += 4;
          break;
        }
        case undefined:
          return this.syntax(open, 'the string is not terminated');
        default:
          return this.syntax(i, `invalid escape sequence '\\${String.fromCharCode(e)}'`);
      }
      i += 2;
      runStart = i;
      runLag = lag;
    }
    return this.syntax(open, 'the string is not terminated');
  }

  parseNumber(): string | Fail {
    const bytes = this.bytes;
    const start = this.pos;
    let i = this.pos;
    if (bytes[i] === 0x2d) i++;
    const first = bytes[i];
    if (first === 0x49) return this.syntax(start, 'Infinity is not a JSON number');
    if (!isDigit(first)) return this.syntax(i, `expected a digit, found ${this.found(i)}`);
    if (first === 0x30) {
      i++;
      if (isDigit(bytes[i])) return this.syntax(start, 'numbers must not have leading zeros');
    } else {
      while (isDigit(bytes[i])) i++;
    }
    if (bytes[i] === 0x2e) {
      i++;
      if (!isDigit(bytes[i])) return this.syntax(i, `expected a digit after the decimal point, found ${this.found(i)}`);
      while (isDigit(bytes[i])) i++;
    }
    if (bytes[i] === 0x65 || bytes[i] === 0x45) {
      i++;
      if (bytes[i] === 0x2b || bytes[i] === 0x2d) i++;
      if (!isDigit(bytes[i])) return this.syntax(i, `expected a digit in the exponent, found ${this.found(i)}`);
      while (isDigit(bytes[i])) i++;
    }
    this.pos = i;
    return this.slice(start, this.lag, i, this.lag);
  }

  matchWord(word: string): boolean {
    const bytes = this.bytes;
    for (let k = 0; k < word.length; k++) {
      if (bytes[this.pos + k] !== word.charCodeAt(k)) return false;
    }
    return true;
  }

  /** Parses `"key"` and `:`, leaving them in `key`/`keyStart` (no object per member). */
  parseKey(): Fail | null {
    const bytes = this.bytes;
    this.skipWs();
    const start = this.pos;
    if (bytes[this.pos] !== QUOTE) return this.expected(this.pos, 'a double-quoted object key');
    const key = this.parseString();
    if (typeof key !== 'string') return key;
    this.skipWs();
    if (bytes[this.pos] !== 0x3a) return this.expected(this.pos, "':' after the object key");
    this.pos++;
    this.key = key;
    this.keyStart = start;
    return null;
  }

  run(): JsonParseResult {
    const bytes = this.bytes;
    const n = this.n;
    const stack: Frame[] = [];

    for (;;) {
      // Expecting a value at this.pos.
      this.skipWs();
      const start = this.pos;
      const b = bytes[this.pos];
      let value: JsonNode;
      if (b === 0x7b || b === 0x5b) {
        if (stack.length >= MAX_JSON_DEPTH) {
          return fail('too-deep', start, this.words.tooDeep(start));
        }
        this.pos++;
        this.skipWs();
        if (b === 0x7b) {
          const obj: JsonObject = { kind: 'object', members: [], start, end: start };
          if (bytes[this.pos] === 0x7d) {
            this.pos++;
            obj.end = this.pos;
            value = obj;
          } else {
            const k = this.parseKey();
            if (k !== null) return k;
            stack.push({ obj, key: this.key, keyStart: this.keyStart });
            continue;
          }
        } else {
          const arr: JsonArray = { kind: 'array', items: [], start, end: start };
          if (bytes[this.pos] === 0x5d) {
            this.pos++;
            arr.end = this.pos;
            value = arr;
          } else {
            stack.push({ arr });
            continue;
          }
        }
      } else if (b === QUOTE) {
        const s = this.parseString();
        if (typeof s !== 'string') return s;
        value = { kind: 'string', value: s, start, end: this.pos };
      } else if (b === 0x2d || isDigit(b)) {
        const lit = this.parseNumber();
        if (typeof lit !== 'string') return lit;
        value = { kind: 'number', literal: lit, start, end: this.pos };
      } else if (b === 0x74 && this.matchWord('true')) {
        this.pos += 4;
        value = { kind: 'boolean', value: true, start, end: this.pos };
      } else if (b === 0x66 && this.matchWord('false')) {
        this.pos += 5;
        value = { kind: 'boolean', value: false, start, end: this.pos };
      } else if (b === 0x6e && this.matchWord('null')) {
        this.pos += 4;
        value = { kind: 'null', start, end: this.pos };
      } else if (b === 0x4e || b === 0x49) {
        return this.syntax(start, 'NaN and Infinity are not JSON values');
      } else if ((b === 0x7d || b === 0x5d) && stack.length > 0 && bytes[this.lastNonWs(start)] === 0x2c) {
        return this.syntax(this.lastNonWs(start), `trailing comma before ${this.found(start)} is not allowed in JSON`);
      } else {
        return this.expected(start, 'a JSON value');
      }

      // A value is complete: attach it to its parent, closing parents as far as possible.
      for (;;) {
        const top = stack[stack.length - 1];
        if (top === undefined) {
          this.skipWs();
          if (this.pos < n) {
            return bytes[this.pos] === 0x2f
              ? this.syntax(this.pos, 'comments are not allowed in JSON')
              : this.syntax(this.pos, `unexpected ${this.found(this.pos)} after the end of the JSON value`);
          }
          return { ok: true, root: value };
        }
        this.skipWs();
        const c = bytes[this.pos];
        if ('obj' in top) {
          const member: JsonMember = { key: top.key, value, start: top.keyStart, end: value.end };
          top.obj.members.push(member);
          if (c === 0x2c) {
            const comma = this.pos;
            this.pos++;
            this.skipWs();
            if (bytes[this.pos] === 0x7d) return this.syntax(comma, "trailing comma before '}' is not allowed in JSON");
            const k = this.parseKey();
            if (k !== null) return k;
            top.key = this.key;
            top.keyStart = this.keyStart;
            break;
          }
          if (c !== 0x7d) return this.expected(this.pos, "',' or '}' after an object member");
          this.pos++;
          top.obj.end = this.pos;
          value = top.obj;
        } else {
          top.arr.items.push(value);
          if (c === 0x2c) {
            this.pos++;
            break;
          }
          if (c !== 0x5d) return this.expected(this.pos, "',' or ']' after an array item");
          this.pos++;
          top.arr.end = this.pos;
          value = top.arr;
        }
        stack.pop();
      }
    }
  }

  lastNonWs(before: number): number {
    const bytes = this.bytes;
    let i = before - 1;
    while (i > 0 && isWs(bytes[i]!)) i--;
    return i;
  }
}
