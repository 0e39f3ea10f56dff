import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../../main/core/answers/template';
import { validateMockDefinition } from '../../../main/core/answers/validate-mock';
import { readAnswerFile } from '../../../main/core/project/answer-file';

const FILE = 'answers/send_email.yaml';
const callWith = (parameters: unknown) => ({ plain: () => ({ parameters }) });

describe('a key with a dot in it, written [a.b] in a path as a Handlebars template writes it', () => {
  it("a template's mistake under such a key: said at that key's path, and at its character in the file", () => {
    // A key "a.b" beside a map a holding b: a path that wrote both as body.a.b would not tell them apart.
    const file = 'version: 1\nbody:\n  a:\n    b: "{{now}}"\n  a.b: "x {{shout x}}"\n  error: ""\n';
    const read = readAnswerFile(FILE, file);
    expect(read.ok ? [] : read.problems).toEqual([{ file: FILE, line: 5, column: 11, message: expect.stringContaining('unknown helper') }]);
    expect(validateMockDefinition({ body: { 'a.b': 'x {{shout x}}', a: { b: 'y' } } })).toMatchObject({
      ok: false,
      errors: [{ path: 'body.[a.b]' }],
    });
  });

  it('a header whose name has a dot, and an unknown field with one: at their own keys', () => {
    expect(validateMockDefinition({ headers: { 'X.Trace': ['a'] }, 'sta.tus': 200 })).toMatchObject({
      ok: false,
      errors: [{ path: '[sta.tus]' }, { path: 'headers.[X.Trace]' }],
    });
    const read = readAnswerFile(FILE, 'version: 1\nheaders:\n  X.Trace: [a]\n');
    expect(read.ok ? [] : read.problems).toEqual([{ file: FILE, line: 3, column: 12, message: 'a header value must be text, not a list' }]);
  });

  it("a call's parameter with a dot in its name is read with {{parameters.[a.b]}}, and named so when the call lacks it", () => {
    expect(renderTemplate('{{parameters.[a.b]}}', callWith({ 'a.b': 'x', a: { b: 'y' } }))).toEqual({ ok: true, text: 'x' });
    const missing = renderTemplate('Hi {{parameters.[odd key]}}', callWith({}));
    expect(missing).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^\{\{parameters\.\[odd key\]\}\}: this call has no parameters\.\[odd key\] \(template line 1, column 6\)/,
      ),
    });
  });
});
