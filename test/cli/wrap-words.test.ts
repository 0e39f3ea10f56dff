import { describe, expect, it } from 'vitest';
import { LINE_WIDTH, wrapWords } from '../../main/cli/wrap-words';

describe('wrapWords', () => {
  it('keeps a line that fits as it is, spaces and all', () => {
    expect(wrapWords('  accepted  python    200', '    ', 30)).toEqual(['  accepted  python    200']);
    expect(wrapWords('x'.repeat(LINE_WIDTH))).toEqual(['x'.repeat(LINE_WIDTH)]);
  });

  it('breaks at the last space that fits, with a hanging indent on the lines after the first', () => {
    expect(wrapWords('one two three four five six', '  ', 10)).toEqual(['one two', '  three', '  four', '  five six']);
    expect(wrapWords('Your handler checks signatures: it refused the wrong signature.', '  ', 33)).toEqual([
      'Your handler checks signatures:',
      '  it refused the wrong signature.',
    ]);
  });

  it('drops the spaces at a break, so padding never starts or ends a line', () => {
    expect(wrapWords('  REFUSED   go          401 "Invalid signature"', '    ', 24)).toEqual([
      '  REFUSED   go',
      '    401 "Invalid',
      '    signature"',
    ]);
  });

  it('keeps a word longer than a line whole, and does not break in the leading indentation', () => {
    const url = `http://127.0.0.1:8000/${'a'.repeat(30)}`;
    expect(wrapWords(`at ${url} now`, '  ', 20)).toEqual(['at', `  ${url}`, '  now']);
    expect(wrapWords(`    ${url} x`, '  ', 20)).toEqual([`    ${url}`, '  x']);
  });
});
