import { describe, expect, it } from 'vitest';
import { readAnswerFile } from '../../../main/core/project/answer-file';

const FILE = 'answers/send_email.yaml';

/** The one mistake of an answer file whose fallback's result is written as `result`, on line 5. */
function resultMistake(result: string): unknown {
  const read = readAnswerFile(FILE, `version: 1\nstatus: 200\nbody:\n  error: ""\n  result: ${result}\n`);
  if (read.ok) throw new Error('expected a mistake');
  expect(read.problems).toHaveLength(1);
  return read.problems[0];
}

/** The 1-based column of `part` on the line it is first found on in `result: <written>`. */
const columnOf = (written: string, part: string) => `  result: ${written}`.indexOf(part) + 1;

const UNKNOWN_HELPER = expect.stringMatching(/^unknown helper "shout" \(available: [^)]*\)$/);

describe("a mistake inside an answer file's template: at the character it is at", () => {
  it('in a plain string', () => {
    expect(resultMistake('Ticket {{shout x}}')).toEqual({
      file: FILE,
      line: 5,
      column: columnOf('Ticket {{shout x}}', '{{shout'),
      message: UNKNOWN_HELPER,
    });
  });

  it("in a single-quoted string, counting '' as the one quote it stands for", () => {
    const written = "'it''s {{shout x}}'";
    expect(resultMistake(written)).toEqual({ file: FILE, line: 5, column: columnOf(written, '{{shout'), message: UNKNOWN_HELPER });
  });

  it('in a double-quoted string, counting each escape as the character it stands for', () => {
    const written = '"say \\"hi\\" \\u00e9 {{shout x}}"';
    expect(resultMistake(written)).toEqual({ file: FILE, line: 5, column: columnOf(written, '{{shout'), message: UNKNOWN_HELPER });
  });

  it('in a literal block, on the line of the file the template line is on', () => {
    const read = readAnswerFile(FILE, 'version: 1\nbody:\n  error: ""\n  result: |\n    first line\n    second {{shout x}}\nstatus: 200\n');
    expect(read.ok ? [] : read.problems).toEqual([{ file: FILE, line: 6, column: 12, message: UNKNOWN_HELPER }]);
  });

  it('in a literal block whose header sets its indentation, counted from the mapping, not from the key', () => {
    // The mapping is indented 2, so `|2` takes 4 spaces: the first line keeps 2 of its own, the second 1.
    for (const header of ['|2', '|-2', '|2+']) {
      const read = readAnswerFile(
        FILE,
        `version: 1\nbody:\n  error: ""\n  result: ${header}\n      first\n     {{shout x}}\nstatus: 200\n`,
      );
      expect(read.ok ? [] : read.problems).toEqual([{ file: FILE, line: 6, column: 6, message: UNKNOWN_HELPER }]);
    }
    const item = readAnswerFile(FILE, 'version: 1\nresponses:\n  - body: |1\n       {{shout x}}\n');
    expect(item.ok ? [] : item.problems).toEqual([{ file: FILE, line: 4, column: 8, message: UNKNOWN_HELPER }]);
  });

  it('in a folded block, through the line breaks it turns into spaces and those it keeps', () => {
    const folded = (header: string, lines: string[]) => {
      const read = readAnswerFile(FILE, `version: 1\nbody:\n  error: ""\n  result: ${header}\n${lines.join('\n')}\nstatus: 200\n`);
      return read.ok ? [] : read.problems;
    };
    // One template line, "first line second {{shout x}}", written over two lines of the file.
    expect(folded('>', ['    first line', '    second {{shout x}}'])).toEqual([
      { file: FILE, line: 6, column: 12, message: UNKNOWN_HELPER },
    ]);
    // A blank line, and a more indented line, keep their line breaks.
    expect(folded('>-', ['    first', '', '      kept as written', '    last {{shout x}}'])).toEqual([
      { file: FILE, line: 8, column: 10, message: UNKNOWN_HELPER },
    ]);
    expect(folded('>2', ['     one', '    two {{shout x}}'])).toEqual([{ file: FILE, line: 6, column: 9, message: UNKNOWN_HELPER }]);
  });

  it('an unclosed placeholder, where the template checker stops reading it', () => {
    const written = 'Dear {{parameters.name';
    expect(resultMistake(written)).toMatchObject({ line: 5, column: columnOf(written, 'name') });
  });

  it('in a list item of a response, under its own path', () => {
    const file = 'version: 1\nresponses:\n  - status: 200\n    body:\n      result: "{{random 2 1}}"\n      error: ""\n';
    const read = readAnswerFile(FILE, file);
    expect(read.ok ? [] : read.problems).toEqual([
      { file: FILE, line: 5, column: 16, message: expect.stringMatching(/^random needs two whole numbers.*not 2 1$/) },
    ]);
  });
});

describe('a template mistake whose place in the file cannot be told exactly: at the start of the value', () => {
  it('after a plain or quoted string is folded onto a next line', () => {
    const plain = readAnswerFile(FILE, 'version: 1\nbody:\n  error: ""\n  result: first\n    second {{shout x}}\n');
    expect(plain.ok ? [] : plain.problems).toMatchObject([{ line: 4, column: 11 }]);
    const quoted = readAnswerFile(FILE, 'version: 1\nbody:\n  error: ""\n  result: "first\n    second {{shout x}}"\n');
    expect(quoted.ok ? [] : quoted.problems).toMatchObject([{ line: 4, column: 11 }]);
  });

  it('after an escape whose line break Handlebars counts and the file does not (\\r)', () => {
    expect(resultMistake('"a\\rb {{shout x}}"')).toMatchObject({
      line: 5,
      column: 11,
      message: expect.stringMatching(/\(template line 2, column 3\)$/),
    });
  });

  it('past the last line of a literal block (a block not closed), rather than on the next key', () => {
    const read = readAnswerFile(
      FILE,
      'version: 1\nbody:\n  error: ""\n  result: |\n    first\n    {{#if parameters.a}}\n    x\nstatus: 200\n',
    );
    expect(read.ok ? [] : read.problems).toEqual([
      { file: FILE, line: 4, column: 11, message: expect.stringMatching(/a block is not closed.*\(template line 4\)$/) },
    ]);
  });

  it('with no column from the template checker: the start of the value when that is its line', () => {
    expect(resultMistake('"{{#if parameters.a}}open"')).toMatchObject({
      line: 5,
      column: 11,
      message: expect.stringMatching(/not closed/),
    });
  });
});

describe("a contract warning of an answer file's mock: at the value, as a wrong value is", () => {
  it('a status other than 2xx, a result that is not text, a slow answer', () => {
    const file = [
      'version: 1',
      'responses:',
      '  - status:   500',
      '    body: {result: "down", error: "it is down"}',
      'fallback:',
      '  delayMs: 31000',
      '  body:',
      '    result: 5',
      '    error: ""',
    ].join('\n');
    const read = readAnswerFile(FILE, `${file}\n`);
    if (!read.ok) throw new Error(`not read: ${JSON.stringify(read.problems)}`);
    expect(read.value.warnings).toEqual([
      { path: 'responses[0].status', line: 3, column: 15, message: expect.stringContaining('the mock answered 500') },
      { path: 'fallback.delayMs', line: 6, column: 12, message: expect.stringContaining('31.0 s') },
      { path: 'fallback.body.result', line: 8, column: 13, message: expect.stringContaining('`result` is a number') },
    ]);
  });

  it("a map or list written in flow style on its key's line: at its opening bracket", () => {
    const file = [
      'version: 1',
      'responses:',
      '  - body: [1]',
      '  - body: {result: {a: 5}, error: ""}',
      'fallback:',
      '  status: {code: 500}',
    ];
    const read = readAnswerFile(FILE, `${file.join('\n')}\n`);
    expect(read.ok ? [] : read.problems).toEqual([
      { file: FILE, line: 6, column: 11, message: 'status must be an HTTP status from 100 to 599, not an object' },
    ]);
    const warned = readAnswerFile(FILE, `${file.slice(0, 4).join('\n')}\n`);
    if (!warned.ok) throw new Error(`not read: ${JSON.stringify(warned.problems)}`);
    expect(warned.value.warnings).toMatchObject([
      { path: 'responses[0].body', line: 3, column: 11 },
      { path: 'responses[1].body.result', line: 4, column: 20 },
    ]);
  });

  it('a template written unquoted, which YAML reads as a flow map: a mistake at its first brace, in a block or a flow map', () => {
    const read = readAnswerFile(FILE, 'version: 1\nresponses:\n  - body:\n      result: {{parameters.name}}\n  - body: {result: {{x}}}\n');
    expect(read.ok ? [] : read.problems).toMatchObject([
      { line: 4, column: 15, message: expect.stringContaining('goes in quotes, "{{parameters.name}}"') },
      { line: 5, column: 20, message: expect.stringContaining('goes in quotes, "{{x}}"') },
    ]);
  });

  it('a value on a line of its own, or a map, is still found at its key', () => {
    const read = readAnswerFile(FILE, 'version: 1\nstatus:\n  503\nbody:\n  error: ""\n');
    if (!read.ok) throw new Error(`not read: ${JSON.stringify(read.problems)}`);
    expect(read.value.warnings).toMatchObject([
      { path: 'status', line: 2, column: 1 },
      { path: 'body', line: 4, column: 1, message: expect.stringContaining('no `result`') },
    ]);
  });
});
