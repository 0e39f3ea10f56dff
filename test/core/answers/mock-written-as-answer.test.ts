// A mock written as the answer Flowent gets (`result`, `error` where the mock's own fields go) is
// refused with where that answer goes: under body, beside its status.
import { describe, expect, it } from 'vitest';
import { parseMockText } from '../../../main/core/answers/mock-file';
import { validateMockDefinition } from '../../../main/core/answers/validate-mock';

const UNDER_BODY = 'the answer Flowent gets goes under body, as in status: 200, body: {result: "ok", error: ""}';

const errorsOf = (input: unknown) => {
  const outcome = validateMockDefinition(input);
  return outcome.ok ? [] : outcome.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('a mock written as the answer itself', () => {
  it('says to put result and error under body, at each of them', () => {
    expect(errorsOf({ result: 'ok', error: '' })).toEqual([
      `result: unknown field "result": ${UNDER_BODY}`,
      `error: unknown field "error": ${UNDER_BODY}`,
    ]);
    // Beside a status too, and in an answer of its own (the fallback, a response).
    expect(errorsOf({ status: 200, result: 'ok' })).toEqual([`result: unknown field "result": ${UNDER_BODY}`]);
    expect(errorsOf({ fallback: { result: 'ok', error: '' } })).toEqual([
      `fallback.result: unknown field "result": ${UNDER_BODY}`,
      `fallback.error: unknown field "error": ${UNDER_BODY}`,
    ]);
  });

  it('names the fields a mock has for any other unknown field beside them (a typo stays a typo)', () => {
    expect(errorsOf({ result: 'ok', eror: '' })).toEqual([
      `result: unknown field "result": ${UNDER_BODY}`,
      'eror: unknown field "eror"; a mock has selection, responses, fallback, answerRegistrationCheck, status, headers, body, delayMs, fault',
    ]);
  });

  it('is said at the line the field is on, in YAML as in JSON', () => {
    const parsed = parseMockText('result: ok\nerror: ""\n', 'yaml');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toMatchObject([
      { path: 'result', line: 1, message: `unknown field "result": ${UNDER_BODY}` },
      { path: 'error', line: 2, message: `unknown field "error": ${UNDER_BODY}` },
    ]);
  });
});
