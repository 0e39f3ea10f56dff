import { describe, expect, it } from 'vitest';
import { wrongSignatureFinding, wrongSignatureRefused, wrongSignatureWords } from '../../../main/contract/words';
import type { AnsweredBy } from '../../../main/contract/names-and-limits';

const answer = (status: number, answeredBy: AnsweredBy = 'forward') => ({ status, answeredBy });

describe('what a call sent with a wrong signature showed', () => {
  it("passes on the handler's 4xx alone", () => {
    expect([401, 403, 400].map((status) => wrongSignatureFinding(answer(status)))).toEqual(['refused', 'refused', 'refused']);
    expect(wrongSignatureRefused(answer(401))).toBe(true);
    expect([200, 500, 302, 0].map((status) => wrongSignatureRefused(answer(status)))).toEqual([false, false, false, false]);
  });

  it('says a 2xx means the handler does not check signatures', () => {
    expect(wrongSignatureWords(answer(204))).toMatch(
      /^your handler accepted a call with a wrong signature \(204\): it does not check signatures/,
    );
  });

  it('judges nothing when the handler gave no answer, answered neither way, or a companion answered in its place', () => {
    expect(wrongSignatureFinding(answer(500))).toBe('unclear');
    expect(wrongSignatureWords(answer(500))).toMatch(/^your handler answered 500, neither accepting nor refusing the call/);
    expect(wrongSignatureFinding(answer(0, 'forward-error'))).toBe('not-reached');
    expect(wrongSignatureFinding(answer(502, 'forward-error'))).toBe('not-reached');
    // A mock's 200, or a serve's own 401, is not the handler's verdict.
    expect(wrongSignatureFinding(answer(200, 'mock'))).toBe('answered-elsewhere');
    expect(wrongSignatureFinding(answer(401, 'signature-check'))).toBe('answered-elsewhere');
    expect(wrongSignatureRefused(answer(401, 'signature-check'))).toBe(false);
  });
});
