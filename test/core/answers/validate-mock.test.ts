import { describe, expect, it } from 'vitest';
import { checkAnswer } from '../../../main/core/protocol/answer-check';
import { parsePath, valueAt } from '../../../main/core/answers/json-path';
import { parseMockText } from '../../../main/core/answers/mock-file';
import { validateMockDefinition } from '../../../main/core/answers/validate-mock';

const errorsOf = (input: unknown) => {
  const outcome = validateMockDefinition(input);
  return outcome.ok ? [] : outcome.errors.map((e) => `${e.path}: ${e.message}`);
};

const warningsOf = (input: unknown) => {
  const outcome = validateMockDefinition(input);
  if (!outcome.ok) throw new Error(`not valid: ${JSON.stringify(outcome.errors)}`);
  return outcome.warnings.map((w) => `${w.path}: ${w.message}`);
};

describe("a mock's answers against Flowent's contract (warnings: the mock is valid all the same)", () => {
  it("says each violation in the call details' words, at the field at fault", () => {
    expect(warningsOf({ status: 200, body: { result: 5, error: '' } })).toEqual([
      'body.result: the mock answered 200 but `result` is a number; Flowent expects a string (use JSON.stringify for structured data).',
    ]);
    expect(warningsOf({ status: 200, body: { error: '' } })).toEqual([
      'body: the mock answered 200 but the body has no `result`; Flowent requires it, as a string.',
    ]);
    expect(warningsOf({ body: 'plain words' })).toEqual([
      'body: the mock answered 200 but the body is not JSON (it starts with "plain words"); answer {"result":"...","error":""}.',
    ]);
    expect(
      warningsOf({
        responses: [{ when: { path: 'parameters.x', exists: true }, status: 503, body: { result: '', error: 'down' } }],
        fallback: { body: { result: 'ok', error: false } },
      }),
    ).toEqual([
      'responses[0].status: the mock answered 503; Flowent treats anything but 2xx as a failed action (the flow takes its "on action failure" branch).',
      'fallback.body.error: the mock answered 200 but `error` is a boolean; Flowent expects a string, "" on success.',
    ]);
    expect(warningsOf({ status: 200, body: ['ok'] })).toEqual([
      'body: the mock answered 200 but the body is an array, not an object; answer {"result":"...","error":""}.',
    ]);
    expect(warningsOf({ delayMs: 31_000 })[0]).toMatch(/^delayMs: the mock took 31\.0 s; Flowent gives up after 30 s/);
  });

  it('checks what templates leave knowable, and nothing of a fault', () => {
    // A template inside a JSON value renders to a string: result's type is known, an error's emptiness is not.
    expect(warningsOf({ body: { result: '{{parameters.a}}', error: '{{parameters.reason}}' } })).toEqual([]);
    expect(warningsOf({ body: { result: 7, error: '{{parameters.reason}}' } })).toEqual([
      'body.result: the mock answered 200 but `result` is a number; Flowent expects a string (use JSON.stringify for structured data).',
    ]);
    // A body that is one text template may render to anything: only the status is known.
    expect(warningsOf({ status: 500, body: '{{json parameters}}' })).toEqual([
      'status: the mock answered 500; Flowent treats anything but 2xx as a failed action (the flow takes its "on action failure" branch).',
    ]);
    expect(warningsOf({ fault: 'non-json' })).toEqual([]);
    expect(warningsOf({ status: 200, body: { result: 'ok', error: '' } })).toEqual([]);
  });

  it('places a warning on its line in YAML, as an error is', () => {
    const parsed = parseMockText('status: 200\nbody:\n  result: 5\n  error: ""\n', 'yaml');
    expect(parsed.ok && parsed.warnings).toMatchObject([{ path: 'body.result', line: 3 }]);
  });

  it('places a warning in YAML at the value at fault, where it is retyped, as a wrong value is', () => {
    const parsed = parseMockText('status:  500\nbody:\n  result: 5\n  error: ""\n', 'yaml');
    expect(parsed.ok && parsed.warnings).toEqual([
      { path: 'status', line: 1, column: 10, message: expect.stringContaining('the mock answered 500') },
      { path: 'body.result', line: 3, column: 11, message: expect.stringContaining('`result` is a number') },
    ]);
  });
});

describe('validateMockDefinition', () => {
  it('normalizes the one-answer shorthand to a fallback', () => {
    expect(validateMockDefinition({ status: 201, body: 'hi' })).toEqual({
      ok: true,
      value: {
        selection: 'rules',
        responses: [],
        fallback: { when: [], status: 201, headers: {}, body: 'hi', delayMs: 0, fault: null },
        answerRegistrationCheck: false,
      },
      warnings: [
        {
          path: 'body',
          message: 'the mock answered 201 but the body is not JSON (it starts with "hi"); answer {"result":"...","error":""}.',
        },
      ],
    });
    expect(validateMockDefinition({ fault: 'timeout' })).toMatchObject({
      ok: true,
      value: { fallback: { fault: { type: 'timeout', holdMs: 35_000 } } },
    });
  });

  it('names the path and the problem of every mistake', () => {
    expect(
      errorsOf({
        selection: 'first',
        responses: [
          { status: 99, when: { path: 'parameters..x', equals: 1 } },
          { when: { path: 'parameters.x', regex: '(' }, delayMs: -1, headers: { 'Content-Length': '5' } },
          { when: { path: 'parameters.x', equals: 1, exists: true }, fault: 'explode' },
          { stauts: 200 },
        ],
        fallback: { when: { path: 'x', exists: 'yes' } },
      }),
    ).toEqual([
      'selection: selection must be one of rules, sequence, random, not the text "first"',
      'responses[0].status: status must be an HTTP status from 100 to 599, not the number 99',
      expect.stringMatching(/^responses\[0\]\.when\.path: cannot read the path at "\.\.x"/),
      'responses[1].headers.Content-Length: Content-Length is set by the server; leave it out',
      expect.stringMatching(/^responses\[1\]\.delayMs: delayMs must be whole milliseconds from 0 to 120000, not the number -1/),
      expect.stringMatching(/^responses\[1\]\.when\.regex: not a valid regular expression/),
      expect.stringMatching(/^responses\[2\]\.fault: fault must be one of timeout, drop, non-json, error/),
      'responses[2].when: a condition takes one operator, not equals and exists',
      expect.stringMatching(/^responses\[3\]\.stauts: unknown field "stauts"/),
      'fallback.when: the fallback answers when nothing else matched; it cannot have conditions',
    ]);
  });

  it('refuses an empty mock and mixing the two forms', () => {
    expect(errorsOf({})).toEqual([expect.stringMatching(/^responses: the mock has no answer/)]);
    expect(errorsOf({ status: 200, responses: [] })).toEqual([expect.stringMatching(/give either one answer/)]);
    expect(errorsOf([1])).toEqual([expect.stringMatching(/a mock must be an object/)]);
  });

  it('reports JSON and YAML syntax errors with line and column', () => {
    expect(parseMockText('{\n  "status": 200,\n  "body": }', 'json')).toMatchObject({ ok: false, errors: [{ line: 3, column: 11 }] });
    expect(parseMockText('status: 200\nbody: [unclosed\n', 'yaml')).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ message: expect.stringMatching(/^not valid YAML/), line: expect.any(Number) })],
    });
    expect(parseMockText('status: 200\nstatus: 201\n', 'yaml')).toMatchObject({ ok: false });
    expect(parseMockText('status: 202\nbody:\n  result: "{{uuid}}"\n  error: ""\n', 'yaml')).toMatchObject({
      ok: true,
      value: { fallback: { status: 202 } },
    });
  });

  it("says JSON mistakes of the mock someone wrote, not of a webhook call's body", () => {
    const message = (text: string, format: 'json' | 'yaml' = 'json') => {
      const parsed = parseMockText(text, format);
      return parsed.ok ? '' : parsed.errors.map((error) => error.message).join(' | ');
    };
    const empty = /^the mock is empty: write it as JSON or YAML, such as \{"status": 200, "body": \{"result": "ok", "error": ""\}\}$/;
    expect(message('')).toMatch(empty);
    expect(message('  \n')).toMatch(empty);
    expect(message('# to do\n', 'yaml')).toMatch(empty);
    // Said as every editor of the app says a JSON mistake (main/contract/json-syntax.ts).
    expect(message('{"status": 2')).toBe('Not valid JSON: the text ends before the JSON does (“}” missing) (line 1, column 13).');
    expect(message('{\n  "status": 200,\n}')).toBe('Not valid JSON: a comma must not come before “}” (line 3, column 1).');
    // YAML typed with the format left at JSON is said to read as YAML; a JSON typo YAML accepts is not.
    expect(parseMockText('status: 200\nbody:\n  result: ok\n', 'json')).toMatchObject({
      ok: false,
      errors: [{ line: 1, readsAsYaml: true }],
    });
    expect(parseMockText('{"status": 200,}', 'json')).toMatchObject({ ok: false, errors: [{ line: 1, column: 16 }] });
    expect(parseMockText('{"status": 200,}', 'json')).not.toMatchObject({ errors: [{ readsAsYaml: true }] });
    expect(parseMockText('hello', 'json')).not.toMatchObject({ errors: [{ readsAsYaml: true }] });
    // A byte order mark is passed over, as the YAML one is.
    expect(message('\ufeff{"status": 200}')).toBe('');
    expect(message('\ufeffstatus: 200', 'yaml')).toBe('');
    expect(message('{"status": 200,}')).not.toMatch(/The body|Flowent sends|RFC 8259|at byte/);
  });

  it('says where a key written twice is, as a syntax mistake is said: the second one, by line and column', () => {
    const text = '{\n  "status": 200,\n  "body": {"result": "ok", "error": ""},\n  "status": 201\n}';
    expect(parseMockText(text, 'json')).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message: 'Not valid JSON: the key "status" appears twice in one object (line 4, column 3): keep only one of them.',
          line: 4,
          column: 3,
        },
      ],
    });
  });
});

describe('json paths', () => {
  const call = { parameters: { user: { email: 'a@b' }, items: [{ id: 'A1' }], 'odd key': 1 } };
  it.each([
    ['parameters.user.email', 'a@b'],
    ['$.parameters.items[0].id', 'A1'],
    ['parameters["odd key"]', 1],
    ['parameters.items[3].id', undefined],
    ['parameters.user.email.length', undefined],
  ])('%s', (path, expected) => {
    const parsed = parsePath(path);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(valueAt(call, parsed.segments)).toEqual(expected);
  });
});

describe('checkAnswer', () => {
  const check = (status: number, body: string, durationMs = 5) =>
    checkAnswer({
      who: 'your handler',
      status,
      body: Buffer.from(body),
      fullSize: Buffer.byteLength(body),
      durationMs,
      registrationCheck: false,
    }).map((v) => v.code);
  it("passes Flowent's success shape and flags each departure", () => {
    expect(check(200, '{"result":"ok","error":""}')).toEqual([]);
    expect(check(200, '{"result":"ok"}')).toEqual([]);
    expect(check(500, '{"result":"","error":"x"}')).toEqual(['not-2xx']);
    expect(check(200, '[]')).toEqual(['not-object']);
    expect(check(200, '{"error":""}')).toEqual(['result-missing']);
    expect(check(200, '{"result":null,"error":3}')).toEqual(['result-not-string', 'error-not-string']);
    expect(check(201, '{"result":"ok","error":"but"}')).toEqual(['error-on-success']);
    expect(check(200, '{"result":"ok","error":""}', 30_000)).toEqual(['too-slow']);
    expect(check(0, '')).toEqual(['no-answer']);
  });
});

describe('normalized definitions', () => {
  it('validate again unchanged (what the CLI and the UI store round-trips)', () => {
    const first = validateMockDefinition({
      selection: 'rules',
      responses: [{ name: 'n', when: { path: 'parameters.a', equals: 1 }, fault: 'timeout', headers: { 'X-A': 'b' } }],
      fallback: { fault: { type: 'error', message: 'm' }, delayMs: 5 },
    });
    expect(first.ok).toBe(true);
    if (first.ok) expect(validateMockDefinition(JSON.parse(JSON.stringify(first.value)))).toEqual(first);
  });
});

describe('YAML positions', () => {
  it('gives the line and column of the value of each invalid value', () => {
    const outcome = parseMockText(
      'selection: rules\nresponses:\n  - status: 700\n    when:\n      path: parameters.a\n      regex: "("\n',
      'yaml',
    );
    expect(outcome).toMatchObject({
      ok: false,
      errors: [
        { path: 'responses[0].status', line: 3, column: 13 },
        { path: 'responses[0].when.regex', line: 6, column: 14 },
      ],
    });
  });
});

describe('template problems: placed in the mock as written', () => {
  const first = (text: string, format: 'json' | 'yaml') => {
    const outcome = parseMockText(text, format);
    if (outcome.ok) throw new Error('expected a refusal');
    return outcome.errors[0];
  };

  it('says the line and column of an unknown helper in the JSON text, not inside the template', () => {
    const text = [
      '{',
      '  "status": 200,',
      '  "body": {',
      '    "error": "",',
      '    "result": "Ticket {{shout parameters.title}}"',
      '  }',
      '}',
    ].join('\n');
    const problem = first(text, 'json');
    const column = (text.split('\n')[4] ?? '').indexOf('{{shout') + 1;
    expect(problem).toMatchObject({ path: 'body.result', line: 5, column });
    expect(problem?.message).toMatch(new RegExp(`^unknown helper "shout" .*\\(line 5, column ${column}\\)$`));
  });

  it('counts escapes as written: \\" and \\n in JSON, and a later template line', () => {
    const text = '{\n  "body": {"error": "", "result": "say \\"hi\\"\\nthen {{random 1}}"}\n}';
    const line = text.split('\n')[1] ?? '';
    expect(first(text, 'json')).toMatchObject({ path: 'body.result', line: 2, column: line.indexOf('{{random') + 1 });
  });

  it('places it in YAML too: plain, quoted and literal strings', () => {
    expect(first('status: 200\nbody:\n  error: ""\n  result: Ticket {{shout x}}\n', 'yaml')).toMatchObject({
      path: 'body.result',
      line: 4,
      column: 18,
      message: expect.stringMatching(/\(line 4, column 18\)$/),
    });
    expect(first('body:\n  result: "a\\"b {{random 2 1}}"\n', 'yaml')).toMatchObject({ line: 2, column: 17 });
    expect(first('body:\n  result: |\n    first line\n    second {{random}}\n', 'yaml')).toMatchObject({ line: 4, column: 12 });
  });

  it('counts a YAML escape as the characters it stands for: one for a code point under U+10000', () => {
    const line = '  result: "\\U000000e9 {{shout x}}"';
    expect(first(`body:\n${line}\n`, 'yaml')).toMatchObject({ line: 2, column: line.indexOf('{{shout') + 1 });
  });

  it('where the written string does not map onto the template, says the place inside the template, at the value', () => {
    // A plain string folded onto its next line: its line break is a space in the template.
    expect(first('body:\n  result: a\n    b {{shout x}}\n', 'yaml')).toMatchObject({
      path: 'body.result',
      line: 2,
      column: 11,
      message: expect.stringMatching(/\(template line 1, column 5\)$/),
    });
    // Handlebars says a block left open ends after the last line: not on the key that follows the block.
    expect(first('body:\n  result: |\n    first\n    {{#if parameters.a}}\n    x\nstatus: 200\n', 'yaml')).toMatchObject({
      line: 2,
      column: 11,
      message: expect.stringMatching(/\(template line 4\)$/),
    });
    expect(first('{"body": {"result": "a\\rb {{shout x}}"}}', 'json')).toMatchObject({
      path: 'body.result',
      message: expect.stringMatching(/\(template line 2, column 3\)$/),
    });
  });

  it('without the text (a definition already parsed), says the place is inside the template', () => {
    const outcome = validateMockDefinition({ body: { result: 'x {{random 1}}' } });
    expect(outcome).toMatchObject({
      ok: false,
      errors: [{ path: 'body.result', message: expect.stringMatching(/\(template line 1, column 3\)$/) }],
    });
    if (!outcome.ok) expect(outcome.errors[0]?.line).toBeUndefined();
  });
});
