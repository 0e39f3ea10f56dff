/**
 * What people read in a body, as opposed to its bytes: the same text with its `\uXXXX` escapes
 * shown as the characters they stand for. Flowent's Python-style signer sends "S\u00e3o Paulo"
 * for "São Paulo"; the Pretty view shows the decoded text and the search looks for it, so both
 * use this one rule (the Raw view and the signature keep the bytes).
 */

/** An escape pair: a surrogate pair as two `\u` escapes, one `\u` escape, or any other escaped character. */
const ESCAPE = /\\(?:u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|u([0-9a-f]{4})|[\s\S])/gi;

/**
 * `text` (a JSON string literal, or a whole JSON body) with its `\uXXXX` escapes decoded.
 * Escapes that would read as something else stay escaped: quotes, backslashes, control
 * characters, and halves of a surrogate pair without their other half. An escaped backslash
 * followed by `u0041` is a backslash and text, not an escape.
 */
export function decodeUnicodeEscapes(text: string): string {
  if (!text.includes('\\u')) return text;
  return text.replace(ESCAPE, (whole: string, high?: string, low?: string, unit?: string) => {
    if (high !== undefined && low !== undefined) return String.fromCharCode(parseInt(high, 16), parseInt(low, 16));
    if (unit === undefined) return whole;
    const code = parseInt(unit, 16);
    if ((code >= 0xd800 && code <= 0xdfff) || code < 0x20 || code === 0x22 || code === 0x5c || code === 0x7f) return whole;
    return String.fromCharCode(code);
  });
}
