import { describe, expect, it } from 'vitest';
import { spoiledOnPurposeWords, wrongSignatureFinding, wrongSignatureRefused, wrongSignatureWords } from '../../../main/contract/words';
import type { AnsweredBy } from '../../../main/contract/names-and-limits';
import type { HandlerSignature } from '../../../main/contract/api';

/** An answer to a spoiled call, from a handler seen accepting a valid signature, judged by its status alone (as stored before the verdict was). */
const answer = (
  status: number,
  answeredBy: AnsweredBy = 'forward',
  body = '',
  handlerSignature: HandlerSignature | null = null,
  validAccepted: number | null = 1,
) => ({ status, answeredBy, answer: body, handlerSignature, validAccepted });

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
    // The error as the problem box quotes it: on one line, and a cut never splits a character.
    expect(wrongSignatureWords(answer(400, 'forward', '{"error":"Invalid\\n   payload"}'))).toMatch(/with "Invalid payload"\. Check/);
    expect(wrongSignatureWords(answer(400, 'forward', '😀'.repeat(200)))).toMatch(/with "(😀){120}…"\. Check/u);
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

  it("judges as the handler's verdict does: a 200 whose error complains about the signature is a refusal, said with the status to answer", () => {
    const soft = answer(200, 'forward', '{"result":"","error":"Invalid signature"}', 'refused');
    expect(wrongSignatureFinding(soft)).toBe('refused');
    expect(wrongSignatureRefused(soft)).toBe(true);
    expect(wrongSignatureWords(soft)).toBe(
      'your handler refused the call with a wrong signature, as it should: it checks signatures. But it answered 200 with "Invalid signature", ' +
        'and Flowent counts a 2xx as the action done: answer a wrong signature with 401 {"error":"Invalid signature"}, as Flowent\'s docs do',
    );
    // A 401 naming another cause (a replay guard) is not clearly for the signature.
    expect(wrongSignatureFinding(answer(401, 'forward', '{"error":"Request timestamp too old"}', 'unknown'))).toBe('refused-otherwise');
  });

  it('a refusal by a handler that has not accepted a valid signature yet proves nothing, and fails', () => {
    const csrf = answer(403, 'forward', 'CSRF verification failed', 'refused', 0);
    expect(wrongSignatureFinding(csrf)).toBe('refused-unproven');
    expect(wrongSignatureRefused(csrf)).toBe(false);
    expect(wrongSignatureWords(csrf)).toBe(
      'your handler refused the call with a wrong signature (403), but it has not accepted a call with a valid signature yet: ' +
        'this proves nothing, as it may refuse every call (a check in front of it, such as CSRF, or another key). ' +
        'Send it a call with a valid signature and see that it accepts it, then spoil the signature again',
    );
    // What it accepted not known: the refusal is taken as it is.
    expect(wrongSignatureFinding(answer(401, 'forward', '', 'refused', null))).toBe('refused');
  });

  it('says who spoiled a stored call on purpose', () => {
    expect(spoiledOnPurposeWords('simulator')).toBe('signature spoiled on purpose by send --wrong-signature / Simulate');
    expect(spoiledOnPurposeWords('replay')).toBe("signature spoiled on purpose by replay --probe-styles / Check my handler's verifier");
  });
});

describe("a stored spoiled call's verdict, as the details of every front end say it", () => {
  it('says it is judged with what the handler accepted until now only where that decides it: a refusal', () => {
    const judgedNow = (status: number, validAccepted: number) =>
      wrongSignatureWords({ ...answer(status, 'forward', '', null, validAccepted), judgedNow: true });
    expect(judgedNow(401, 0)).toMatch(
      /this proves nothing.*; judged with what your handler has accepted until now, not when this call was sent$/,
    );
    expect(judgedNow(401, 2)).toMatch(/as it should: it checks signatures; judged with what your handler has accepted until now/);
    expect(judgedNow(200, 2)).not.toContain('judged with');
    expect(wrongSignatureWords(answer(401))).not.toContain('judged with');
  });
});
