import { describe, expect, it } from 'vitest';
import { parseMockText } from '../../../main/core/answers/mock-file';
import { readActionFile } from '../../../main/core/project/action-file';
import { readAnswerFile } from '../../../main/core/project/answer-file';
import { parseYamlText, yamlPosition } from '../../../main/core/yaml/yaml-text';

const problemsOf = (read: { ok: true } | { ok: false; problems: unknown[] }) => (read.ok ? [] : read.problems);

describe('where a mistake in a YAML file is said to be', () => {
  it('a wrong value: at the key of its entry, even when the value is on the next line', () => {
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', 'version: 1\nmode:\n  forwards\n'))).toEqual([
      { file: 'answers/send_email.yaml', line: 2, column: 1, message: 'mode must be "mock" or "forward", not "forwards"' },
    ]);
    const action = 'version: 1\ndescription: Look an order up\njson_schema:\n  type:\n    objekt\nwebhook_url: here\n';
    expect(problemsOf(readActionFile('actions/lookup_order.yaml', action))).toEqual([
      { file: 'actions/lookup_order.yaml', line: 4, column: 3, message: expect.stringContaining('json_schema.type must be one of') },
    ]);
  });

  it("a wrong value on its key's line: at the value, where it is retyped", () => {
    expect(problemsOf(readAnswerFile('answers/modebad.yaml', 'version: 1\nmode: forwrd\n'))).toEqual([
      { file: 'answers/modebad.yaml', line: 2, column: 7, message: 'mode must be "mock" or "forward", not "forwrd"' },
    ]);
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', 'version: 2\nforward:    localhost:8000\n'))).toEqual([
      { file: 'answers/send_email.yaml', line: 1, column: 10, message: expect.stringContaining('version') },
      { file: 'answers/send_email.yaml', line: 2, column: 13, message: expect.stringContaining('forward must be') },
    ]);
    const action =
      'version: 1\ndescription: Look an order up\njson_schema: {type: object, properties: {a: {type: strng}}}\nwebhook_url: notaurl\n';
    expect(problemsOf(readActionFile('actions/lookup_order.yaml', action))).toEqual([
      {
        file: 'actions/lookup_order.yaml',
        line: 3,
        column: 52,
        message: expect.stringContaining('json_schema.properties.a.type must be one of'),
      },
      { file: 'actions/lookup_order.yaml', line: 4, column: 14, message: expect.stringContaining('webhook_url must be') },
    ]);
  });

  it('a wrong value in a mock: at the value on its line, at the key when on the next, in a list item, in a flow map', () => {
    const mock = parseMockText(
      'selection: rules\nresponses:\n  - status:\n      700\n    when: {path: parameters.a,   regex: "("}\n',
      'yaml',
    );
    expect(mock).toMatchObject({
      ok: false,
      errors: [
        { path: 'responses[0].status', line: 3, column: 5 },
        { path: 'responses[0].when.regex', line: 5, column: 41 },
      ],
    });
    // A list item has no key: the item itself.
    expect(parseMockText('responses:\n  - 5\n', 'yaml')).toMatchObject({
      ok: false,
      errors: [{ path: 'responses[0]', line: 2, column: 5 }],
    });
  });

  it("a wrong value in an answer file's mock: at the value, as a wrong mode is", () => {
    const file = [
      'version: 1',
      'selection: rules',
      'responses:',
      '  - status: 700',
      '    when: {path: parameters.a, regex: "("}',
      '    delayMs: soon',
      '    headers:',
      '      X-Trace: [a, b]',
      '    body:',
      '      result: "{{#if parameters.a}}open"',
      '      error: ""',
      '  - when:',
      '      path: parameters.b',
      '      exists: "yes"',
      'fallback:',
      '  fault: explode',
    ].join('\n');
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', `${file}\n`))).toEqual([
      { file: 'answers/send_email.yaml', line: 4, column: 13, message: expect.stringContaining('status must be an HTTP status') },
      // A list on its key's line: at its opening bracket, where the value that is at fault starts.
      { file: 'answers/send_email.yaml', line: 8, column: 16, message: 'a header value must be text, not a list' },
      // Its place is the file's, on the template's line: the message does not say it again inside the template.
      { file: 'answers/send_email.yaml', line: 10, column: 15, message: expect.stringMatching(/not closed.*open"$/) },
      { file: 'answers/send_email.yaml', line: 6, column: 14, message: expect.stringContaining('delayMs must be whole milliseconds') },
      { file: 'answers/send_email.yaml', line: 5, column: 39, message: expect.stringContaining('not a valid regular expression') },
      { file: 'answers/send_email.yaml', line: 14, column: 15, message: 'exists must be true or false, not the text "yes"' },
      { file: 'answers/send_email.yaml', line: 16, column: 10, message: expect.stringContaining('fault must be one of') },
    ]);
  });

  it("a mistake about a field of an answer file's mock, not its value: at the key", () => {
    const file = [
      'version: 1',
      'responses:',
      '  - stauts: 200',
      '    headers:',
      '      Content-Length: "5"',
      '    when:',
      '      equals: 1',
      '  - when: {path: parameters.a}',
      'fallback:',
      '  when: {path: parameters.a, exists: true}',
    ].join('\n');
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', `${file}\n`))).toEqual([
      { file: 'answers/send_email.yaml', line: 3, column: 5, message: expect.stringContaining('unknown field "stauts"') },
      { file: 'answers/send_email.yaml', line: 5, column: 7, message: expect.stringContaining('set by the server') },
      // The condition lacks a path: said at the key of the condition that lacks it.
      { file: 'answers/send_email.yaml', line: 6, column: 5, message: expect.stringContaining('a condition needs "path"') },
      { file: 'answers/send_email.yaml', line: 8, column: 5, message: expect.stringContaining('a condition needs one operator') },
      { file: 'answers/send_email.yaml', line: 10, column: 3, message: expect.stringContaining('it cannot have conditions') },
    ]);
  });

  it('an unknown field: at its own key', () => {
    expect(problemsOf(readActionFile('actions/send_email.yaml', 'version: 1\ndescription: Send\ndescripton:\n  typo\n'))).toContainEqual({
      file: 'actions/send_email.yaml',
      line: 3,
      column: 1,
      message: expect.stringContaining('unknown field "descripton"'),
    });
  });

  it('a missing key: at the mapping that lacks it (the top of the file, after its comments)', () => {
    const action = '# yaml-language-server: $schema=x\nversion: 1\njson_schema:\n  type: object\nwebhook_url: here\n';
    expect(problemsOf(readActionFile('actions/send_email.yaml', action))).toEqual([
      { file: 'actions/send_email.yaml', line: 2, column: 1, message: 'description is required' },
    ]);
    expect(parseMockText('# a mock\nselection: rules\n', 'yaml')).toMatchObject({
      ok: false,
      errors: [{ path: 'responses', message: expect.stringContaining('the mock has no answer'), line: 2, column: 1 }],
    });
  });

  it('a syntax error: where the parser found it; what is missing at the end, after the last thing written', () => {
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', 'version: 1\nbody: {result: "unclosed", error: ""\n'))).toEqual([
      { file: 'answers/send_email.yaml', line: 2, column: 37, message: expect.stringContaining('not valid YAML') },
    ]);
    // Not on line 5, which the file does not have, however many line breaks end it.
    const unclosed = 'version: 1\nmode: mock\nstatus: 200\nbody: {result: "ok"\n\n  \n';
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', unclosed))).toEqual([
      expect.objectContaining({ line: 4, column: 20, message: expect.stringContaining('not valid YAML') }),
    ]);
    expect(problemsOf(readAnswerFile('answers/send_email.yaml', 'version: 1\nbody: [1, {a: 2}, 3\n'))).toEqual([
      expect.objectContaining({ line: 2, column: 20 }),
    ]);
  });

  it('a path past the file stops at the key naming the mapping that lacks it; an empty file has no place', () => {
    const file = parseYamlText('webhook_url:\n  staging: here\nresponses:\n  "200":\n    body: x\n');
    expect(yamlPosition(file, '/webhook_url/default')).toEqual({ line: 1, column: 1 });
    expect(yamlPosition(file, 'responses.200.status')).toEqual({ line: 4, column: 3 });
    expect(yamlPosition(parseYamlText('# only a comment\n'), '')).toBeNull();
  });
});
