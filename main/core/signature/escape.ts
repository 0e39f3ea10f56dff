/** String quoting of the three serializers. Each returns the quoted JSON string. */

const HEX = '0123456789abcdef';

function u4(code: number): string {
  return `\\u${HEX[(code >> 12) & 15]}${HEX[(code >> 8) & 15]}${HEX[(code >> 4) & 15]}${HEX[code & 15]}`;
}

function shortEscape(code: number): string | undefined {
  switch (code) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    default:
      return undefined;
  }
}

// Most strings need no escaping at all; one regex test is far cheaper than a char loop.
const ASCII_PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Python `json.dumps(ensure_ascii=True)`: everything outside 0x20..0x7e becomes a lowercase
 * `\uXXXX`, astral characters as their two UTF-16 surrogates (which is what iterating JS code
 * units gives), lone surrogates as themselves.
 */
export function quoteAscii(s: string): string {
  if (ASCII_PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(run, i) + (shortEscape(c) ?? u4(c));
    run = i + 1;
  }
  return `${out}${s.slice(run)}"`;
}

// No quote, backslash, control character, HTML character, line/paragraph separator or surrogate.
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const GO_PLAIN = /^[^"\\<>&\u0000-\u001f\u2028\u2029\ud800-\udfff]*$/;

/**
 * Go `encoding/json` (HTML escaping on, the default for json.Marshal): raw UTF-8 except
 * `<>&` and U+2028/U+2029 as `\u` escapes, short escapes for `\b\f\n\r\t` (Go 1.22+), other
 * control characters as `\u00xx`. A lone surrogate escape in the input was already turned
 * into U+FFFD by Go's decoder, so it is written as a raw U+FFFD.
 */
export function quoteGo(s: string): string {
  if (GO_PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c) rep = shortEscape(c) ?? u4(c);
    else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) rep = u4(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      rep = '\ufffd';
    } else continue;
    out += s.slice(run, i) + rep;
    run = i + 1;
  }
  return `${out}${s.slice(run)}"`;
}

/**
 * JavaScript `JSON.stringify`: raw UTF-8, only quote, backslash and control characters
 * escaped, lone surrogates as `\udxxx` (well-formed JSON.stringify, ES2019).
 */
export function quoteUtf8(s: string): string {
  return JSON.stringify(s);
}

/**
 * Compares strings by Unicode code point, which is also the byte order of their UTF-8
 * encodings. Plain `<` compares UTF-16 code units and puts U+E000..U+FFFF after astral
 * characters; shifting code units as below restores code point order without decoding.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
