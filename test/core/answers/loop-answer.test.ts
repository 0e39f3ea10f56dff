import { describe, expect, it } from 'vitest';
import { LOOP_ANSWER_HEADER, loopAnswerHeader, takeLoopAnswer, type LoopAnswer } from '../../../main/core/answers/loop-answer';
import { verify } from '../../../main/core/signature';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';

// The serve's word on how it answered a call marked as the companion's own: what goes over the
// wire, and what the sender accepts back from it.
const body = Buffer.from(signedBody(flowentPayload('send_email', { to: 'a@example.com' }), 'right-key'));

function answer(key: string): LoopAnswer {
  return {
    signature: verify(body, key, { receivedAt: Date.now() }),
    answeredBy: 'signature-check',
    mockChoice: null,
    problem: null,
    problemMessage: null,
    forwardError: null,
    handlerSignature: null,
    handlerTarget: null,
  };
}

describe('the loop answer header', () => {
  it('comes back as sent, without the header in the answer, and without any expected signature', () => {
    const sent = answer('wrong-key');
    expect(sent.signature.styles.some((style) => style.expected !== null)).toBe(true);
    const { headers, loopAnswer } = takeLoopAnswer([['Content-Type', 'application/json'], loopAnswerHeader(sent)]);
    expect(headers).toEqual([['Content-Type', 'application/json']]);
    expect(loopAnswer).toMatchObject({
      answeredBy: 'signature-check',
      signature: { verdict: 'invalid', diagnosis: sent.signature.diagnosis },
    });
    expect(loopAnswer!.signature.styles).toHaveLength(sent.signature.styles.length);
    // A command holding the mark must not get the serve's key's signature of a body it chose.
    expect(loopAnswer!.signature.styles.every((style) => style.expected === null)).toBe(true);
    expect(JSON.stringify(loopAnswer)).not.toContain(sent.signature.styles[0]!.expected!);
  });

  it("carries which of its mock's answers the serve gave, a mock of one answer among them", () => {
    for (const response of [
      { kind: 'only', name: null },
      { kind: 'fallback', name: 'otherwise' },
    ] as const) {
      const mocked: LoopAnswer = { ...answer('right-key'), answeredBy: 'mock', mockChoice: { mock: 'action', response } };
      expect(takeLoopAnswer([loopAnswerHeader(mocked)]).loopAnswer?.mockChoice).toEqual({ mock: 'action', response });
    }
  });

  it('says which key the serve checked a call its handler answered with, and reads without it from an older serve', () => {
    const forwarded: LoopAnswer = {
      ...answer('right-key'),
      handlerSignature: 'refused',
      handlerTarget: 'http://localhost:9/x',
      keyFingerprint: '0123456789abcdef',
    };
    expect(takeLoopAnswer([loopAnswerHeader(forwarded)]).loopAnswer).toMatchObject({ keyFingerprint: '0123456789abcdef' });
    const { keyFingerprint: _absent, ...older } = forwarded;
    expect(takeLoopAnswer([loopAnswerHeader(older)]).loopAnswer?.keyFingerprint).toBeUndefined();
  });

  it('says which handler the serve forwarded to even when it gave no answer, never its password, and reads without it from an older serve', () => {
    const refused: LoopAnswer = {
      ...answer('right-key'),
      answeredBy: 'forward-error',
      forwardError: 'Your handler at 127.0.0.1:9 refused the connection',
      forwardTarget: 'http://deploy:S3CRET@127.0.0.1:9/actions/send_email',
    };
    const [, value] = loopAnswerHeader(refused);
    expect(Buffer.from(value, 'base64url').toString()).not.toContain('S3CRET');
    expect(takeLoopAnswer([[LOOP_ANSWER_HEADER, value]]).loopAnswer).toMatchObject({
      handlerTarget: null,
      forwardTarget: 'http://deploy:***@127.0.0.1:9/actions/send_email',
    });
    // Cut past 8 KB, it still says where, still without the password.
    const [, cut] = loopAnswerHeader({ ...refused, problemMessage: 'y'.repeat(20_000) });
    expect(Buffer.from(cut, 'base64url').toString()).not.toContain('S3CRET');
    expect(takeLoopAnswer([[LOOP_ANSWER_HEADER, cut]]).loopAnswer?.forwardTarget).toBe('http://deploy:***@127.0.0.1:9/actions/send_email');
    const { forwardTarget: _absent, ...older } = refused;
    expect(takeLoopAnswer([loopAnswerHeader(older)]).loopAnswer?.forwardTarget).toBeUndefined();
    expect(takeLoopAnswer([loopAnswerHeader({ ...older, forwardTarget: null })]).loopAnswer?.forwardTarget).toBeNull();
  });

  it('is dropped, and not believed, when it is not well-formed or not alone', () => {
    const valid = loopAnswerHeader(answer('right-key'));
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const wrong = [
      'not base64 json',
      encode({ ...answer('right-key'), answeredBy: 'somebody' }),
      encode({ answeredBy: 'mock', signature: { verdict: 'invalid' } }),
      // A digest in the report: never what a serve sends.
      encode(answer('right-key')),
      encode({ ...JSON.parse(Buffer.from(valid[1], 'base64url').toString()), keyFingerprint: 7 }),
      encode({ ...JSON.parse(Buffer.from(valid[1], 'base64url').toString()), forwardTarget: ['http://127.0.0.1:9/'] }),
    ];
    for (const value of wrong) {
      expect(takeLoopAnswer([[LOOP_ANSWER_HEADER, value]])).toEqual({ headers: [], loopAnswer: null });
    }
    expect(takeLoopAnswer([valid, valid])).toEqual({ headers: [], loopAnswer: null });
  });

  it("carries the serve's check of its answer (a cause kept, a refusal's null), and not one of another shape", () => {
    const refused = { code: 'no-answer', message: 'Your handler at http://127.0.0.1:9/ refused the connection', cause: 'refused' } as const;
    const carried = (violations: LoopAnswer['violations']) =>
      takeLoopAnswer([loopAnswerHeader({ ...answer('right-key'), violations })]).loopAnswer?.violations;
    expect(carried([refused])).toEqual([refused]);
    expect(carried(null)).toBeNull();
    // From a serve that does not say: the sender checks the answer itself.
    expect(carried(undefined)).toBeUndefined();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signature = { ...answer('right-key').signature, styles: [] };
    for (const violations of [[{ code: 'no-answer' }], [{ ...refused, cause: 'bored' }], 'none']) {
      expect(takeLoopAnswer([[LOOP_ANSWER_HEADER, encode({ ...answer('right-key'), signature, violations })]]).loopAnswer).toBeNull();
    }
  });

  it('past 8 KB keeps what the record cannot do without', () => {
    const long = { ...answer('wrong-key'), problem: 'x', problemMessage: 'y'.repeat(20_000) };
    const [, value] = loopAnswerHeader(long);
    expect(value.length).toBeLessThan(8 * 1024);
    expect(takeLoopAnswer([[LOOP_ANSWER_HEADER, value]]).loopAnswer).toMatchObject({
      answeredBy: 'signature-check',
      problem: 'x',
      problemMessage: null,
      signature: { verdict: 'invalid' },
    });
  });
});
