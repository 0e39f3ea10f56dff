import { describe, expect, it } from 'vitest';
import { spoiledOnPurposeWords, wrongSignatureFinding, wrongSignatureRefused, wrongSignatureWords } from '../../../main/contract/words';
import type { AnsweredBy } from '../../../main/contract/names-and-limits';

const answer = (status: number, answeredBy: AnsweredBy = 'forward', body = '') => ({ status, answeredBy, answer: body });

describe('what a call sent with a wrong signature showed', () => {
  it("passes on the handler's 401 or 403 alone", () => {
    expect([401, 403].map((status) => wrongSignatureFinding(answer(status)))).toEqual(['refused', 'refused']);
    expect(wrongSignatureRefused(answer(401))).toBe(true);
    expect(wrongSignatureRefused(answer(403))).toBe(true);
    expect([200, 500, 302, 0, 400, 404, 422].map((status) => wrongSignatureRefused(answer(status)))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('says another 4xx refused the call but not clearly for its signature, with what it answered and what to check', () => {
    expect([400, 404, 422].map((status) => wrongSignatureFinding(answer(status)))).toEqual([
      'refused-otherwise',
      'refused-otherwise',
      'refused-otherwise',
    ]);
    expect(wrongSignatureWords(answer(400, 'forward', '{"error":"Invalid JSON payload"}'))).toBe(
      'your handler refused the call, but not clearly for its signature: it answered 400 with "Invalid JSON payload". ' +
        'Check that it verifies the signature before anything else (its JSON, its parameters, its path) and answers a wrong one with 401 {"error":"Invalid signature"}, as Flowent\'s docs do',
    );
    // Not JSON, or JSON without an error: the body itself, cut short; nothing at all said as such.
    expect(wrongSignatureWords(answer(404, 'forward', 'Not Found\n'))).toMatch(/it answered 404 with "Not Found"\. Check/);
    expect(wrongSignatureWords(answer(400, 'forward', '{"result":"","error":""}'))).toMatch(
      /it answered 400 with "\{"result":"","error":""\}"/,
    );
    expect(wrongSignatureWords(answer(400))).toMatch(/it answered 400 with an empty body\. Check/);
    expect(wrongSignatureWords(answer(400, 'forward', 'x'.repeat(500)))).toMatch(/with "x{120}…"\. Check/);
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

  it('says who spoiled a stored call on purpose', () => {
    expect(spoiledOnPurposeWords('simulator')).toBe('signature spoiled on purpose by send --wrong-signature / Simulate');
    expect(spoiledOnPurposeWords('replay')).toBe("signature spoiled on purpose by replay --probe-styles / Check my handler's verifier");
  });
});
