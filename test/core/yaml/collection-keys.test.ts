import { describe, expect, it } from 'vitest';
import { parseMockText } from '../../../main/core/answers/mock-file';
import { readActionFile } from '../../../main/core/project/action-file';
import { readAnswerFile } from '../../../main/core/project/answer-file';

const problemsOf = (read: { ok: true } | { ok: false; problems: unknown[] }) => (read.ok ? [] : read.problems);

describe('a map or list where a key goes', () => {
  it('an unquoted template that starts a value is a mistake at the value, with the quoted spelling', () => {
    const text = 'version: 1\nstatus: 200\nbody:\n  result: {{parameters.name}}\n  error: ""\n';
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', text))).toEqual([
      {
        file: 'answers/send_email.yaml',
        line: 4,
        column: 11,
        message:
          '{{parameters.name}} is read as a map, not as a template: a template that starts a value goes in quotes, "{{parameters.name}}"',
      },
    ]);
  });

  it('the same in a mock read by `mocks set --file`, and the quoted template is fine', () => {
    const unquoted = parseMockText('status: 200\nbody: {result: {{uuid}}, error: ""}\n', 'yaml');
    expect(unquoted).toEqual({
      ok: false,
      errors: [expect.objectContaining({ line: 2, column: 16, message: expect.stringContaining('"{{uuid}}"') })],
    });
    expect(parseMockText('status: 200\nbody: {result: "{{uuid}}", error: ""}\n', 'yaml').ok).toBe(true);
  });

  it('any other collection key, in an action file too', () => {
    const action = 'version: 1\ndescription: Look\njson_schema: {type: object, properties: {[a, b]: {type: string}}}\n';
    expect(problemsOf(readActionFile('actions/lookup_order.yaml', action))).toEqual([
      expect.objectContaining({ line: 3, message: 'a map or list is written where a key goes: a key is text' }),
    ]);
  });
});
