import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAnswerFile } from '../../../main/core/project/answer-file';
import { ANSWER_FILE_SCHEMA } from '../../../main/core/project/project-schemas';

// The schema `init` writes for editors must refuse what serve refuses, or the editor shows a
// file as fine that serve reports as a mistake (and accept what serve accepts). Each file is
// judged by both.

const schema = new Ajv({ allErrors: true, strict: false }).compile(ANSWER_FILE_SCHEMA);
const judged = (text: string) => ({ editor: schema(parse(text)), serve: readAnswerFile('answers/x.yaml', text).ok });

describe("the answer files' schema agrees with how serve reads them", () => {
  it.each([
    ['a shorthand mock', 'version: 1\nstatus: 200\nbody: {result: ok, error: ""}\n'],
    ['forwarding', 'version: 1\nmode: forward\nforward: http://localhost:8000/actions/{action_name}\n'],
    [
      'a rule by operator name',
      'version: 1\nresponses:\n  - when: {path: parameters.city, equals: Paris}\n    body: {result: a, error: ""}\n',
    ],
    ['a rule as op and value', 'version: 1\nresponses:\n  - when: {path: parameters.city, op: contains, value: Par}\n    status: 200\n'],
  ])('accepts %s', (_name, text) => {
    expect(judged(text)).toEqual({ editor: true, serve: true });
  });

  it.each([
    ['a misspelt top field', 'version: 1\nmode: forward\nforwrd: http://localhost:8000/x\n'],
    ['a misspelt operator', 'version: 1\nresponses:\n  - when: {path: parameters.city, equal: 1}\n    status: 200\n'],
    ['two operators', 'version: 1\nresponses:\n  - when: {path: parameters.city, equals: 1, exists: true}\n    status: 200\n'],
    ['no operator', 'version: 1\nresponses:\n  - when: {path: parameters.city}\n    status: 200\n'],
    ['a misspelt answer field', 'version: 1\nresponses:\n  - stauts: 200\n'],
  ])('refuses %s', (_name, text) => {
    expect(judged(text)).toEqual({ editor: false, serve: false });
  });

  it('names the answer file’s own fields beside the mock’s when a field is unknown', () => {
    const read = readAnswerFile('answers/x.yaml', 'version: 1\nforwrd: http://localhost:8000/x\n');
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.problems[0]?.message).toMatch(
        /^unknown field "forwrd"; an answer file has version, mode, forward, and a mock's selection, /,
      );
  });
});
