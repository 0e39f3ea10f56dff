import { describe, expect, it } from 'vitest';
import { readActionFile } from '../../../main/core/project/action-file';

const problemsOf = (read: ReturnType<typeof readActionFile>) => (read.ok ? [] : read.problems);

describe('the mistakes of an action file', () => {
  it('are all said at once, the JSON Schema and the name with the other fields, in file order', () => {
    const text = [
      'version: 1',
      'name: look_up',
      'description: ""',
      'json_schema: {type: object, properties: {a: {type: strng}}}',
      'webhook_url: notaurl',
      '',
    ].join('\n');
    expect(problemsOf(readActionFile('actions/broken.yaml', text))).toEqual([
      {
        file: 'actions/broken.yaml',
        line: 2,
        column: 7,
        message: expect.stringContaining('the file is named broken.yaml but names the action "look_up"'),
      },
      { file: 'actions/broken.yaml', line: 3, column: 14, message: 'description must be 1-500 characters (it has 0)' },
      {
        file: 'actions/broken.yaml',
        line: 4,
        column: 52,
        message: expect.stringContaining('json_schema.properties.a.type must be one of'),
      },
      {
        file: 'actions/broken.yaml',
        line: 5,
        column: 14,
        message: expect.stringContaining('webhook_url must be "here" or an http(s) URL'),
      },
    ]);
  });

  it('a name that is no action name is said once, by the format check', () => {
    const text = 'version: 1\nname: Look-Up\ndescription: Look up\njson_schema: {type: object}\nwebhook_url: here\n';
    expect(problemsOf(readActionFile('actions/look_up.yaml', text))).toEqual([
      { file: 'actions/look_up.yaml', line: 2, column: 7, message: expect.stringContaining('name must match pattern') },
    ]);
  });
});
