// What the command prints of bytes from outside: control characters and the bidirectional
// controls escaped, right-to-left text as it is.
import { expect, it } from 'vitest';
import { printable } from '../../main/cli/printable';

it('escapes the controls that reorder what a terminal shows', () => {
  // Shown raw, this reads as `"admin" ` then a comment; it is one string with the order overridden.
  expect(printable('"user\u202e \u2066// admin\u2069\u2066"')).toBe(String.raw`"user\u202e \u2066// admin\u2069\u2066"`);
  for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
    expect(printable(String.fromCharCode(code))).toBe(`\\u${code.toString(16)}`);
  }
});

it('leaves right-to-left text and its marks as they are', () => {
  const hebrew = 'שלום\u200f, مرحبا\u200e';
  expect(printable(hebrew)).toBe(hebrew);
  expect(printable('\u001b[2J\u009b')).toBe(String.raw`\u001b[2J\u009b`);
});
