import { describe, expect, it } from 'vitest';
import { styleDescription, styleInWords, styleTraits } from '../../../main/core/handler-check';
import { STYLES } from '../../../main/core/signature';

describe('the styles in words', () => {
  it.each([
    ['python', 'Python\'s compact `json.dumps` (separators "," and ":"), keys as sent, ASCII escapes'],
    ['go', "Go's `json.Marshal` of a map (sorted keys, raw UTF-8 with <, > and & escaped)"],
    [
      'go-struct',
      "Go's `json.Marshal` of a struct (top-level keys in Go struct order and nested keys sorted, raw UTF-8 with <, > and & escaped)",
    ],
    ['raw', 'the body bytes as received, with the signature member cut out'],
    ['sorted+ascii', 'Python\'s compact `json.dumps(sort_keys=True)` (separators "," and ":"), sorted keys, ASCII escapes'],
    ['as-sent+utf8', "JavaScript's `JSON.stringify` (keys as sent, raw UTF-8)"],
    ['nested-sorted+go', 'top-level keys as sent and nested keys sorted, raw UTF-8 with <, > and & escaped'],
  ] as const)('%s: %s', (style, words) => {
    expect(styleInWords(style)).toBe(words);
  });

  it('every style has its own words and a description that says how numbers are printed', () => {
    const words = STYLES.map((s) => styleInWords(s.name));
    expect(new Set(words).size).toBe(STYLES.length);
    for (const { name, order } of STYLES) {
      expect(styleDescription(name)).toMatch(/^[A-Z].*\.$/);
      if (order !== null) expect(styleDescription(name)).toMatch(/numbers as/);
    }
    expect(styleTraits('python')).toBe('keys as sent, ASCII escapes');
    expect(styleDescription('struct+utf8')).toContain(
      'Go struct order: action_name, parameters, timestamp, test, then any other key sorted.',
    );
  });
});
