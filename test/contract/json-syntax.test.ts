import { describe, expect, it } from 'vitest';
import { jsonSyntaxProblem, readJson } from '../../main/contract/json-syntax';

const said = (text: string) => jsonSyntaxProblem(text)?.message ?? null;

describe('a JSON text’s mistake in plain words', () => {
  it('says nothing of good JSON, as JSON.parse reads it', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\n\\u00e9"], "b": {"c": {}}} ', '"s"', '0', '[[[[]]]]']) {
      expect(JSON.parse(text)).toBeDefined();
      expect(said(text), text).toBeNull();
    }
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(said(deep)).toBeNull();
  });

  it('names the mistake and its line and column', () => {
    expect(said('{"title": "x", b: 1}')).toBe('Not valid JSON: a property name must be in double quotes (line 1, column 16).');
    expect(said('{"title": }')).toBe('Not valid JSON: a value is missing before “}” (line 1, column 11).');
    expect(said('{\n  "a": 1,\n}')).toBe('Not valid JSON: a comma must not come before “}” (line 3, column 1).');
    expect(said('[1, 2,]')).toBe('Not valid JSON: a comma must not come before “]” (line 1, column 7).');
    expect(said('{"a": 1 "b": 2}')).toBe('Not valid JSON: a comma (or “}”) is missing before “"” (line 1, column 9).');
    expect(said("{'a': 1}")).toBe('Not valid JSON: a property name must be in double quotes (line 1, column 2).');
    expect(said('{"a": \'x\'}')).toBe('Not valid JSON: strings must be in double quotes, not single quotes (line 1, column 7).');
    expect(said('{"a" 1}')).toBe('Not valid JSON: a colon (:) must follow the property name, not “1” (line 1, column 6).');
    expect(said('{"a": "b')).toBe('Not valid JSON: the string is not closed (a " is missing) (line 1, column 7).');
    expect(said('{"a": [1, 2')).toBe('Not valid JSON: the text ends before the JSON does (“]}” missing) (line 1, column 12).');
    expect(said('{"a": 01}')).toBe('Not valid JSON: a number must not start with a 0 (leading zeros) (line 1, column 7).');
    expect(said('{"a": NaN}')).toBe('Not valid JSON: NaN is not a JSON value (line 1, column 7).');
    expect(said('{"a": yes}')).toBe('Not valid JSON: a text value must be in double quotes (found “yes”) (line 1, column 7).');
    expect(said('{"a": 1} // note')).toBe('Not valid JSON: comments are not allowed in JSON (line 1, column 10).');
    expect(said('{"a": 1}}')).toBe('Not valid JSON: the JSON value ends before “}”, which must go (line 1, column 9).');
    expect(said('{"a": [1}')).toBe('Not valid JSON: “}” does not close the “[” open here (“]” does) (line 1, column 9).');
    expect(said('{"a": "\\x"}')).toBe('Not valid JSON: “\\x” is not an escape JSON knows (line 1, column 8).');
    expect(said('')).toBe('Not valid JSON: the text is empty: type a JSON value (line 1, column 1).');
  });

  it("reads JSON, or says why not in these words, never the engine's", () => {
    expect(readJson(' {"a": [1]} ')).toEqual({ ok: true, value: { a: [1] } });
    const refused = readJson('{"title": "x", b: 1}');
    if (refused.ok) throw new Error('read');
    expect(refused.problem).toMatchObject({
      reason: 'a property name must be in double quotes (line 1, column 16)',
      message: 'Not valid JSON: a property name must be in double quotes (line 1, column 16).',
    });
  });
});
