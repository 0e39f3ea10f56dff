import { describe, expect, it } from 'vitest';
import { addOutcome, diagnoseHandler, emptyKnowledge, type HandlerKnowledge, type HandlerOutcome } from '../../../main/core/handler-check';
import { STYLES } from '../../../main/core/signature';
import type { StyleName } from '../../../main/contract/names-and-limits';

// The core says which disagreement it is and with what styles; the sentences are the contract's
// words (test/renderer/handler/handler-diagnosis-words.test.ts).
const ALL: StyleName[] = STYLES.map((s) => s.name);
const accepted = { verdict: 'accepted' as const, evidence: '200' };
const refused = { verdict: 'refused' as const, evidence: '401 "Invalid signature"' };
const unknown = { verdict: 'unknown' as const, evidence: '500 "too many values to unpack"' };

const knowing = (...outcomes: HandlerOutcome[]): HandlerKnowledge => outcomes.reduce(addOutcome, emptyKnowledge());
/** A python-signed call with non-ASCII text: valid in python and raw. */
const PYTHON_CALL: StyleName[] = ['python', 'raw'];
/** A go-signed call with non-ASCII text and no <>&: Go's escaping and raw UTF-8 give the same bytes. */
const GO_CALL: StyleName[] = ['go', 'go-struct', 'raw', 'sorted+utf8', 'struct+utf8'];

describe('diagnoseHandler', () => {
  it('a valid signature refused by a handler seen verifying in another style: the style this call was signed in', () => {
    const known = knowing({ handler: 'accepted', validIn: PYTHON_CALL }, { handler: 'refused', validIn: GO_CALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known)).toEqual({
      code: 'handler-signature-style-mismatch',
      signedIn: 'go',
      mostCallsIn: null,
    });
  });

  it("names the style most calls are signed in beside this call's when this call is not valid in it, and only then", () => {
    const known = knowing({ handler: 'accepted', validIn: PYTHON_CALL }, { handler: 'refused', validIn: GO_CALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known, 'python')).toEqual({
      code: 'handler-signature-style-mismatch',
      signedIn: 'go',
      mostCallsIn: 'python',
    });
    // Valid in the learned style too (raw): nothing to set apart.
    expect(diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known, 'raw')).toEqual(
      diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known),
    );
  });

  // No style was learned: a script reading "style mismatch" would be told more than is known (a wrong key, or a check refusing everything, is as likely).
  it('a handler that never accepted a signed call: a refused valid signature, not a style mismatch', () => {
    const known = knowing({ handler: 'refused', validIn: GO_CALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known, 'python')).toEqual({
      code: 'handler-refused-valid-signature',
      cause: 'none-accepted',
      signedIn: 'go',
      mostCallsIn: 'python',
    });
  });

  it('a call every style signs the same way, refused: the key, not the serialization', () => {
    const known = knowing({ handler: 'refused', validIn: ALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: ALL }, refused, known)).toEqual({
      code: 'handler-refused-valid-signature',
      cause: 'styles-alike',
    });
  });

  it('answers that fit no single style: the key may have changed', () => {
    const known = knowing({ handler: 'accepted', validIn: PYTHON_CALL }, { handler: 'refused', validIn: PYTHON_CALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: PYTHON_CALL }, refused, known)).toEqual({
      code: 'handler-refused-valid-signature',
      cause: 'no-style-fits',
    });
  });

  it('a call refused in a style the handler has accepted since (its record started again when it was fixed): said so', () => {
    const known = knowing({ handler: 'accepted', validIn: PYTHON_CALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: PYTHON_CALL, named: 'python' }, refused, known, 'python')).toEqual({
      code: 'handler-refused-valid-signature',
      cause: 'accepted-since',
      signedIn: 'python',
    });
    // Named by a style the record rules out, it names the one it accepted since.
    const narrowed = knowing({ handler: 'accepted', validIn: ['raw'] });
    expect(diagnoseHandler({ verdict: 'valid', validIn: PYTHON_CALL, named: 'python' }, refused, narrowed)).toMatchObject({
      cause: 'accepted-since',
      signedIn: 'raw',
    });
  });

  it('a handler that never accepted a signed call and refused calls in every style: not another style, its key or its text', () => {
    const refusedApart = knowing({ handler: 'refused', validIn: ALL.slice(0, 6) }, { handler: 'refused', validIn: ALL.slice(6) });
    expect(diagnoseHandler({ verdict: 'valid', validIn: PYTHON_CALL }, refused, refusedApart)).toEqual({
      code: 'handler-refused-valid-signature',
      cause: 'every-style-refused',
    });
    // A call every style signs alike refused before rules out every style as well.
    const alikeBefore = knowing({ handler: 'refused', validIn: ALL }, { handler: 'refused', validIn: GO_CALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, alikeBefore)).toEqual({
      code: 'handler-refused-valid-signature',
      cause: 'every-style-refused',
    });
  });

  it.each([
    ['an invalid signature accepted', 'invalid', accepted, 'handler-accepted-invalid-signature'],
    ['a malformed signature accepted (no key gives it)', 'malformed', accepted, 'handler-accepted-malformed-signature'],
    ['a call without a signature accepted', 'missing', accepted, 'handler-accepted-unsigned'],
    ["Flowent's unsigned registration check refused", 'unsigned-test', refused, 'handler-refused-registration-check'],
  ] as const)('%s: %s', (_name, verdict, handler, code) => {
    expect(diagnoseHandler({ verdict, validIn: [] }, handler, knowing({ handler: handler.verdict, validIn: [] }))).toEqual({ code });
  });

  it.each([['key-whitespace'], ['hex-case']] as const)(
    'an invalid signature valid once corrected (%s), accepted: the handler is right, not told to reject it',
    (cause) => {
      const call = { verdict: 'invalid' as const, validIn: [], validOnceCorrected: cause };
      expect(diagnoseHandler(call, accepted, knowing({ handler: 'accepted', validIn: [] }))).toEqual({
        code: 'handler-accepted-valid-once-corrected',
        cause,
      });
    },
  );

  it.each([
    ['a valid signature accepted', { verdict: 'valid' as const, validIn: PYTHON_CALL }, accepted],
    ['an invalid signature refused (the usual diagnosis stands)', { verdict: 'invalid' as const, validIn: [] }, refused],
    ['a missing signature refused', { verdict: 'missing' as const, validIn: [] }, refused],
    ['an answer about something else', { verdict: 'valid' as const, validIn: GO_CALL }, unknown],
    ['no key to judge the signature by', { verdict: 'no-key' as const, validIn: [] }, refused],
    ['an unsigned registration check accepted', { verdict: 'unsigned-test' as const, validIn: [] }, accepted],
  ])('nothing to add: %s', (_name, call, handler) => {
    expect(diagnoseHandler(call, handler, emptyKnowledge())).toBeNull();
  });
});
