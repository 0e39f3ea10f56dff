/**
 * Number spellings of the three serializers. Every input is a JSON number literal exactly as
 * received, already validated by the parser.
 */

const INTEGER = /^-?\d+$/;

export function isIntegerLiteral(literal: string): boolean {
  return INTEGER.test(literal);
}

/** Shortest round-trip digits and decimal exponent of a finite, non-zero float. */
function shortestDigits(value: number): { digits: string; exponent: number } {
  // toExponential() without an argument yields the shortest digits that round-trip, the same
  // digits Python's repr and Go's strconv.FormatFloat(f, _, -1, 64) choose.
  const text = Math.abs(value).toExponential();
  const e = text.indexOf('e');
  return { digits: text.slice(0, e).replace('.', ''), exponent: Number(text.slice(e + 1)) };
}

/**
 * Python `json.dumps` after `json.loads`: integers are arbitrary precision and kept as written
 * (`-0` is the int 0), anything with `.`/`e` is a float printed with `repr`.
 */
export function pythonNumber(literal: string): string {
  if (isIntegerLiteral(literal)) return /^-0+$/.test(literal) ? '0' : literal;
  const value = Number(literal);
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const { digits, exponent } = shortestDigits(value);
  // float_repr_style 'short': positional for -4 <= exponent < 16, otherwise scientific.
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= digits.length - 1) return `${sign}${digits}${'0'.repeat(exponent - digits.length + 1)}.0`;
    if (exponent >= 0) return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exp = Math.abs(exponent).toString().padStart(2, '0');
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${exp}`;
}

/**
 * Go `encoding/json` after decoding into `interface{}`: every number is a float64. Go's
 * choice of 'e' format below 1e-6 and from 1e21 (with `e-07` trimmed to `e-7`) is exactly
 * ECMAScript's Number-to-String, except that Go keeps the sign of negative zero.
 * Go refuses to decode a number beyond float64 range; `null` (what JSON.stringify writes) is
 * a stand-in so the other styles can still be computed.
 */
export function goNumber(literal: string): string {
  const value = Number(literal);
  if (!Number.isFinite(value)) return 'null';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

/** JavaScript `JSON.stringify(JSON.parse(literal))`. */
export function jsNumber(literal: string): string {
  return JSON.stringify(Number(literal));
}
