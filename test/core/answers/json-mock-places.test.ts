import { describe, expect, it } from 'vitest';
import { parseMockText } from '../../../main/core/answers/mock-file';
import type { DefinitionError } from '../../../main/contract/api';

/** Each problem as a file says it: its path and its line and column (none when it has no place). */
const placesOf = (problems: DefinitionError[]) => problems.map(({ path, line, column }) => ({ path, line, column }));

function problemsOf(text: string, format: 'json' | 'yaml'): DefinitionError[] {
  const checked = parseMockText(text, format);
  return checked.ok ? checked.warnings : checked.errors;
}

// JSON is YAML: each text below reads alike in both formats, so a mistake is said at the same place in both.
const MISTAKEN: [string, string][] = [
  ['an unknown field, at its key; a wrong value, at the value', '{"status": "200", "body": {"result": "x", "error": ""}, "bodyy": 1}'],
  [
    'mistakes deep in rules, on several lines',
    '{\n  "responses": [\n    {"status": 7000, "when": {"path": "x", "equalz": 1}},\n    {"when": [{"path": "$.[", "equals": 1}]}\n  ],\n' +
      '  "fallback": {"fault": "boom", "when": []}\n}\n',
  ],
  ['a missing operator, at the condition that lacks it', '{"responses": [{"when": {"path": "parameters.x"}}]}'],
  ['a mock with no answer, at the top', '{\n  "selection": "rules"\n}'],
  ['columns counted in characters after text that is not ASCII', '{"body": {"result": "Grüße 👋", "error": ""}, "delayMs": -1}'],
  ['a contract warning, at the value at fault', '{\n  "status": 200,\n  "body": {\n    "result": 5,\n    "error": ""\n  }\n}\n'],
  ['a template, at its place in the text', '{"body": {"result": "Hi {{#if parameters.x}}", "error": ""}}'],
];

describe('a mock written as JSON says where each of its mistakes is, as the same mock in YAML does', () => {
  for (const [what, text] of MISTAKEN) {
    it(what, () => {
      const json = problemsOf(text, 'json');
      expect(json.length).toBeGreaterThan(0);
      expect(json.every((problem) => problem.line !== undefined)).toBe(true);
      expect(placesOf(json)).toEqual(placesOf(problemsOf(text, 'yaml')));
    });
  }

  it('the places are those a person finds in the file', () => {
    const text = '{"status": "200", "body": {"result": "x", "error": ""}, "bodyy": 1}';
    expect(problemsOf(text, 'json')).toEqual([
      expect.objectContaining({ path: 'bodyy', line: 1, column: text.indexOf('"bodyy"') + 1 }),
      expect.objectContaining({ path: 'status', line: 1, column: text.indexOf('"200"') + 1 }),
    ]);
    const warned = '{\n  "status": 200,\n  "body": {"result": 5, "error": ""}\n}\n';
    expect(problemsOf(warned, 'json')).toEqual([
      expect.objectContaining({ path: 'body.result', line: 3, column: '  "body": {"result": '.length + 1 }),
    ]);
    // A wrong value on the line after its key is said where the page's editor marks it: at the value.
    expect(problemsOf('{\n  "selection":\n    "often",\n  "responses": [{"body": "x"}]\n}', 'json')).toEqual([
      expect.objectContaining({ path: 'selection', line: 3, column: 5 }),
    ]);
  });

  it("keeps JSON's own words and places for what only JSON refuses", () => {
    expect(problemsOf('{\n  "status": 200,\n}', 'json')).toEqual([
      { path: '', message: 'Not valid JSON: a comma must not come before “}” (line 3, column 1).', line: 3, column: 1 },
    ]);
    expect(problemsOf('{"status": 200,\n "status": 201}', 'json')).toEqual([
      {
        path: '',
        message: 'Not valid JSON: the key "status" appears twice in one object (line 2, column 2): keep only one of them.',
        line: 2,
        column: 2,
      },
    ]);
  });
});
