import { describe, expect, it } from 'vitest';
import { addOutcome, diagnoseHandler, emptyKnowledge, type HandlerKnowledge, type HandlerOutcome } from '../../../main/core/handler-check';
import { STYLES } from '../../../main/core/signature';
import type { StyleName } from '../../../main/contract/names-and-limits';

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
  it('a valid signature refused by a handler seen verifying in another style: both styles in words, and the fix', () => {
    const known = knowing({ handler: 'accepted', validIn: PYTHON_CALL }, { handler: 'refused', validIn: GO_CALL });
    expect(diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known)).toEqual({
      code: 'handler-signature-style-mismatch',
      message:
        'Your handler refused a valid signature (it answered 401 "Invalid signature"). ' +
        "Your handler verifies with Python's `json.dumps` defaults (keys as sent, ASCII escapes); " +
        "this call was signed with Go's `json.Marshal` of a map (sorted keys, raw UTF-8 with <, > and & escaped). " +
        'So far it accepted 1 call with a valid signature and refused 1.',
      hint: 'flowent-companion verifier <python|node|go> --style go prints a verifier that accepts how this call was signed.',
    });
  });

  it("names the style most calls are signed in beside this call's when this call is not valid in it, and only then", () => {
    const known = knowing({ handler: 'accepted', validIn: PYTHON_CALL }, { handler: 'refused', validIn: GO_CALL });
    const other = diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known, 'python');
    expect(other?.message).toContain(
      "this call was signed with Go's `json.Marshal` of a map (sorted keys, raw UTF-8 with <, > and & escaped), " +
        "though most of this Flowent's calls are signed in the python style.",
    );
    expect(other?.hint).toBe(
      'flowent-companion verifier <python|node|go> --style go prints a verifier that accepts how this call was signed; ' +
        "flowent-companion verifier <python|node|go> --style python one for most of this Flowent's calls.",
    );
    // Valid in the learned style too (raw): nothing to set apart.
    const same = diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known, 'raw');
    expect(same?.message).not.toContain('most of this Flowent');
    expect(same).toEqual(diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known));
  });

  it('candidates the calls have not told apart are described by what they share', () => {
    const known = knowing(
      { handler: 'accepted', validIn: ['python', 'nested-sorted+ascii', 'raw'] },
      { handler: 'refused', validIn: GO_CALL },
    );
    const message = diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known)?.message;
    expect(message).toContain(
      'Your handler verifies with ASCII escapes (one of python, nested-sorted+ascii: the calls so far do not tell them apart)',
    );
  });

  it('a handler that never accepted a signed call may have another serialization or another key', () => {
    const known = knowing({ handler: 'refused', validIn: GO_CALL });
    const diagnosis = diagnoseHandler({ verdict: 'valid', validIn: GO_CALL }, refused, known);
    expect(diagnosis?.code).toBe('handler-signature-style-mismatch');
    expect(diagnosis?.message).toContain("This call was signed with Go's `json.Marshal` of a map");
    expect(diagnosis?.message).toContain(
      'your handler has not accepted a signed call yet: it verifies with another serialization, or with another key.',
    );
    expect(diagnosis?.message).toContain('So far it accepted 0 calls with a valid signature and refused 1.');
  });

  it('a call every style signs the same way, refused: the key, not the serialization', () => {
    const known = knowing({ handler: 'refused', validIn: ALL });
    const diagnosis = diagnoseHandler({ verdict: 'valid', validIn: ALL }, refused, known);
    expect(diagnosis?.code).toBe('handler-refused-valid-signature');
    expect(diagnosis?.message).toContain(
      'every known style gives the same signed text for this call: the way it serializes the body is not the cause',
    );
    expect(diagnosis?.hint).toContain("Check that your handler's FLOWENT_HMAC_KEY equals the key set here");
  });

  it('answers that fit no single style: the key may have changed', () => {
    const known = knowing({ handler: 'accepted', validIn: PYTHON_CALL }, { handler: 'refused', validIn: PYTHON_CALL });
    const diagnosis = diagnoseHandler({ verdict: 'valid', validIn: PYTHON_CALL }, refused, known);
    expect(diagnosis?.code).toBe('handler-refused-valid-signature');
    expect(diagnosis?.message).toContain('no single signing style fits every call it accepted and refused');
  });

  it('an invalid signature accepted: the handler does not check, or has another key', () => {
    const diagnosis = diagnoseHandler({ verdict: 'invalid', validIn: [] }, accepted, knowing({ handler: 'accepted', validIn: [] }));
    expect(diagnosis?.code).toBe('handler-accepted-invalid-signature');
    expect(diagnosis?.message).toContain('either it does not check signatures, or its key differs from this one');
    expect(diagnosis?.hint).toContain('flowent-companion verifier <python|node|go>');
  });

  it('a call without a signature accepted: anyone can run the action', () => {
    expect(diagnoseHandler({ verdict: 'missing', validIn: [] }, accepted, emptyKnowledge())?.code).toBe('handler-accepted-unsigned');
  });

  it("Flowent's unsigned registration check refused: registration would fail", () => {
    const diagnosis = diagnoseHandler({ verdict: 'unsigned-test', validIn: [] }, refused, emptyKnowledge());
    expect(diagnosis?.code).toBe('handler-refused-registration-check');
    expect(diagnosis?.message).toContain('the action cannot be registered');
  });

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
