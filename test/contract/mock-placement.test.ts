import { describe, expect, it } from 'vitest';
import { lintMarks, locateJsonPaths, pointAt } from '../../main/contract/mock-placement';
import { parseMockText } from '../../main/core/answers/mock-file';

const TEXT = '{\n  "status": 700,\n  "responses": [\n    { "when": [{ "path": "parameters.x", "regex": "(" }] }\n  ]\n}';

describe("placing a mock's problems", () => {
  it('places a syntax error at its 1-based line and column', () => {
    const text = '{\n  "status": 200,\n}';
    const { marks, unplaced } = lintMarks(text, [{ path: '', message: 'not valid JSON', line: 3, column: 1 }]);
    expect(unplaced).toEqual([]);
    expect(marks).toEqual([{ from: text.indexOf('}'), to: text.indexOf('}') + 1, severity: 'error', message: 'not valid JSON' }]);
  });

  it('clamps positions past the end of a line or the text', () => {
    expect(pointAt('ab\ncd', 1, 99)).toEqual({ from: 2, to: 3 });
    expect(pointAt('ab', 5, 1)).toEqual({ from: 0, to: 1 });
    expect(pointAt('ab', 1, 3)).toEqual({ from: 2, to: 2 });
  });

  it('places field errors by their path in the JSON text', () => {
    const { marks, unplaced } = lintMarks(TEXT, [
      { path: 'status', message: 'status must be an HTTP status' },
      { path: 'responses[0].when[0].regex', message: 'not a valid regular expression' },
    ]);
    expect(unplaced).toEqual([]);
    expect(marks.map((m) => TEXT.slice(m.from, m.to))).toEqual(['700', '"("']);
    expect(marks[1]!.message).toBe('responses[0].when[0].regex: not a valid regular expression');
  });

  it('a key with a dot is found by its path in brackets, not taken for a key inside another', () => {
    const text = '{"body": {"a": {"b": "{{now}}"}, "a.b": "{{shout x}}"}}';
    const { marks, unplaced } = lintMarks(text, [{ path: 'body.[a.b]', message: 'unknown helper' }]);
    expect(unplaced).toEqual([]);
    expect(marks.map((m) => text.slice(m.from, m.to))).toEqual(['"{{shout x}}"']);
  });

  it('a template error is placed on its string, not at the line inside the template', () => {
    const text = '{"body":{"result":"{{#if}}"}}';
    const { marks } = lintMarks(text, [{ path: 'body.result', message: 'bad template', line: 1, column: 3 }]);
    expect(text.slice(marks[0]!.from, marks[0]!.to)).toBe('"{{#if}}"');
  });

  it('leaves unplaceable problems for the list under the editor', () => {
    const { marks, unplaced } = lintMarks(TEXT, [
      { path: 'fallback', message: 'missing' },
      { path: '', message: 'the mock has no answer' },
    ]);
    expect(marks).toEqual([]);
    expect(unplaced.map((e) => e.path)).toEqual(['fallback', '']);
  });

  it("marks the second of a key written twice, where the core's check says it is", () => {
    const text = '{"status": 200,\n "body": {"result": "a", "result": "b", "error": ""}}';
    const checked = parseMockText(text, 'json');
    const { marks, unplaced } = lintMarks(text, checked.ok ? [] : checked.errors);
    expect(unplaced).toEqual([]);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.from).toBe(text.lastIndexOf('"result"'));
  });

  it('locates nothing in text that is not JSON', () => {
    expect(locateJsonPaths('{"a": }')).toBeNull();
    expect(locateJsonPaths('{"a": 1} x')).toBeNull();
    expect(locateJsonPaths('[1, {"b\\"c": true}]')?.get('[1].b"c')).toEqual({ from: 13, to: 17 });
  });
});
