// The handler's diagnosis is worded once, for every front end: each names styles its own way
// (ids, labels) and says where a verifier is had; the sentences around them are the same.
import { describe, expect, it } from 'vitest';
import type { HandlerDiagnosis, HandlerKnownFor, HandlerTally } from '../../../main/contract/api';
import {
  handlerDiagnosisText,
  handlerDiagnosisWords,
  handlerKnownForText,
  type DiagnosedReport,
  type SigningVocabulary,
} from '../../../main/contract/words';
import { BY_ID } from '../../helpers/signing-vocabulary';

const LABELS: Record<string, string> = {
  python: 'Python example (as sent, ASCII escapes)',
  go: 'Go example (sorted keys, Go escaping)',
  raw: 'Raw body bytes (signature member cut out)',
  'nested-sorted+ascii': 'Keys as sent, nested sorted, ASCII escapes',
};
const BY_LABEL: SigningVocabulary = {
  style: (style) => LABELS[style] ?? style,
  styles: (styles) => styles.map((style) => LABELS[style] ?? style).join('; '),
  getVerifier: (style) => (style === 'raw' ? '"Show a verifier for most calls" below gives' : '"Show a verifier" below gives'),
  showSignedBytes: 'the "Signed bytes of" view shows them',
  replayResigned: '"Replay re-signed" below',
};

const tally = (accepted: number, refused: number, stylesAccepted: string[]): HandlerTally => ({
  accepted,
  refused,
  acceptedUnverified: 0,
  refusedUnverified: 0,
  stylesAccepted,
  stylesRefused: [],
  refusedAlike: 0,
});
const report = (
  diagnosis: HandlerDiagnosis,
  known = tally(1, 1, ['python']),
  knownFor: HandlerKnownFor = 'key-set-now',
): DiagnosedReport => ({
  diagnosis,
  known,
  knownFor,
  evidence: '401 "Invalid signature"',
});
const goCall: HandlerDiagnosis = { code: 'handler-signature-style-mismatch', signedIn: 'go', mostCallsIn: null };

describe('a valid signature refused, the styles told apart', () => {
  it('names this call’s style, by id, and the verifier by where the front end has it', () => {
    expect(handlerDiagnosisWords(report(goCall), BY_ID)).toEqual({
      what: 'Your handler rejected a valid signature (it answered 401 "Invalid signature"): this call was signed with go, a style it does not verify with.',
      todo: '"verifier go" prints a verifier that accepts how this call was signed.',
    });
  });

  it('names it by label in the same sentence', () => {
    expect(handlerDiagnosisWords(report(goCall), BY_LABEL)).toEqual({
      what:
        'Your handler rejected a valid signature (it answered 401 "Invalid signature"): this call was signed with Go example ' +
        '(sorted keys, Go escaping), a style it does not verify with.',
      todo: '"Show a verifier" below gives a verifier that accepts how this call was signed.',
    });
  });

  it('leaves the styles it may verify with to the table: a line at the top of the box, not a list of every candidate', () => {
    const { what } = handlerDiagnosisWords(report(goCall, tally(2, 1, ['python', 'nested-sorted+ascii'])), BY_LABEL);
    expect(what).not.toContain('Python example');
    expect(what).not.toContain('Keys as sent, nested sorted');
  });

  it('a handler that never accepted a signed call may have another serialization or another key', () => {
    const { what } = handlerDiagnosisWords(
      report({ code: 'handler-refused-valid-signature', cause: 'none-accepted', signedIn: 'go', mostCallsIn: null }, tally(0, 1, [])),
      BY_ID,
    );
    expect(what).toBe(
      'Your handler rejected a valid signature (it answered 401 "Invalid signature"): this call was signed with go. ' +
        'It has not accepted a signed call yet: it verifies with another style, or with another key.',
    );
  });

  it('the style most calls are signed in, beside this call’s, and a verifier for each where the front end has it', () => {
    const said = handlerDiagnosisWords(report({ ...goCall, mostCallsIn: 'raw' }), BY_LABEL);
    expect(said.what).toContain(
      "this call was signed with Go example (sorted keys, Go escaping), a style it does not verify with, though most of this Flowent's calls are signed with " +
        'Raw body bytes (signature member cut out).',
    );
    expect(said.todo).toBe(
      '"Show a verifier" below gives a verifier that accepts how this call was signed, and "Show a verifier for most calls" ' +
        "below gives one for most of this Flowent's calls.",
    );
  });
});

describe('the paragraph for a front end without the table (the command line)', () => {
  it('adds the styles the handler verifies with and its record, said as so far, as of now: an old call’s details show today’s totals', () => {
    expect(handlerDiagnosisText(report(goCall, tally(14, 8, ['python'])), BY_ID, 'read-later')).toBe(
      'Your handler rejected a valid signature (it answered 401 "Invalid signature"): this call was signed with go, a style it does not verify with. ' +
        'It verifies with python. So far (as of now, not when this call came), your handler has accepted 14 calls with a valid signature and rejected 8. ' +
        '"verifier go" prints a verifier that accepts how this call was signed.',
    );
  });

  it('said as the call came, the record is so far without the aside: now is when the call came', () => {
    const said = handlerDiagnosisText(report(goCall, tally(14, 8, ['python'])), BY_ID, 'as-it-came');
    expect(said).toContain('It verifies with python. So far, your handler has accepted 14 calls with a valid signature and rejected 8. ');
    expect(said).not.toContain('as of now');
  });

  it('candidates the calls have not told apart, as a list', () => {
    expect(handlerDiagnosisText(report(goCall, tally(2, 1, ['python', 'nested-sorted+ascii'])), BY_ID, 'read-later')).toContain(
      'It verifies with one of python, nested-sorted+ascii (the calls so far do not tell them apart). So far (as of now, not when this call came), your handler has accepted 2 calls',
    );
  });

  it('a rejected valid signature whose style is not the cause: the record only; the other diagnoses: none', () => {
    const keyNotStyle = handlerDiagnosisText(
      report({ code: 'handler-refused-valid-signature', cause: 'styles-alike' }),
      BY_ID,
      'read-later',
    );
    expect(keyNotStyle).toContain(
      'a body re-encoded by a framework). So far (as of now, not when this call came), your handler has accepted 1 call with a valid signature and rejected 1. Check that',
    );
    expect(handlerDiagnosisText(report({ code: 'handler-accepted-unsigned' }), BY_ID, 'read-later')).not.toContain('So far');
  });
});

describe('which key the record is for', () => {
  const CHANGED =
    'This call was checked with another key than the one set now: what your handler did is shown for the key this call was checked with.';

  it('says a key changed since the call came before the record it qualifies, in the paragraph and under the handler', () => {
    const changed = report(goCall, tally(1, 1, ['python']), 'key-changed');
    expect(handlerDiagnosisText(changed, BY_ID, 'read-later')).toContain(
      `a style it does not verify with. ${CHANGED} It verifies with python. So far (as of now, not when this call came), your handler has accepted 1 call`,
    );
    // The paragraph says it already: not twice.
    expect(handlerKnownForText(changed)).toBeNull();
    // A diagnosis the record does not explain, or none: said with the record under the handler.
    expect(handlerKnownForText({ ...changed, diagnosis: null })).toBe(
      `${CHANGED} So far (as of now, not when this call came), your handler has accepted 1 call with a valid signature and rejected 1.`,
    );
    expect(handlerKnownForText({ ...changed, diagnosis: { code: 'handler-accepted-unsigned' } })).toContain(CHANGED);
  });

  it('says a key not recorded is taken to be the key set now, and nothing for the key set now', () => {
    const unknown = report({ code: 'handler-refused-valid-signature', cause: 'styles-alike' }, tally(0, 3, []), 'key-not-recorded');
    expect(handlerDiagnosisText(unknown, BY_ID, 'read-later')).toContain(
      'Which key this call was checked with was not recorded (an older version stored it, or it was imported): what your handler did is shown for the key set now. So far',
    );
    expect(handlerDiagnosisText(report(goCall), BY_ID, 'read-later')).not.toMatch(/key set now|another key/);
    expect(handlerKnownForText({ ...report(goCall), diagnosis: null })).toBeNull();
  });
});

describe('every other disagreement', () => {
  it.each([
    [
      { code: 'handler-refused-valid-signature', cause: 'styles-alike' },
      'every known style gives the same signed text for this call: its key differs, or it verifies text none of the known styles produce (common: spaces after , or :, the signature field left in the signed text, a body re-encoded by a framework).',
      'Then compare the bytes your handler signs with the signed bytes here: "calls <id> --json" prints them.',
    ],
    [
      { code: 'handler-refused-valid-signature', cause: 'no-style-fits' },
      'no single signing style fits every call it accepted and rejected (its key may have changed since): its key differs, or it verifies text none',
      'verifies the body bytes as received, not a copy re-encoded by a framework.',
    ],
    [
      { code: 'handler-refused-valid-signature', cause: 'every-style-refused' },
      'it has rejected calls signed in every known style and accepted none: its key differs, or it verifies text none',
      "Check that your handler's FLOWENT_HMAC_KEY equals the key set here",
    ],
    [
      { code: 'handler-refused-valid-signature', cause: 'accepted-since', signedIn: 'python' },
      'this call was signed with python, a style your handler has accepted since. It was changed after this call came',
      'Nothing is left to fix if it was changed: "replay <id> --resign" sends this call again, to see that your handler accepts it now.',
    ],
    [
      { code: 'handler-refused-registration-check' },
      "Your handler rejected Flowent's registration check (it answered 401",
      'Answer calls with "test": true with a 2xx before checking the signature: "verifier any" prints a verifier that does.',
    ],
    [
      { code: 'handler-accepted-invalid-signature' },
      'either it does not check signatures, or its key differs from this one.',
      'Make your handler reject a wrong signature with 401 ("verifier any" prints one that does), and check',
    ],
    [
      // Not 64 hex characters: no key gives it, so the key has nothing to do with it.
      { code: 'handler-accepted-malformed-signature' },
      'Your handler accepted a call whose signature is not an HMAC-SHA256 at all (it answered 401 "Invalid signature"): it is not 64 hex characters, so no key gives it. Your handler does not check signatures, or checks something other than the body\'s "signature".',
      'Make your handler reject a signature that does not verify with 401 ("verifier any" prints one that does).',
    ],
    [
      { code: 'handler-accepted-unsigned' },
      'Your handler accepted a call without a signature (it answered 401 "Invalid signature"): anyone who can reach it',
      'Reject calls without a signature with 401, except Flowent\'s registration check ("test": true): "verifier any" prints a verifier that does.',
    ],
  ] as [HandlerDiagnosis, string, string][])('%o', (diagnosis, what, todo) => {
    const said = handlerDiagnosisWords(report(diagnosis), BY_ID);
    expect(said.what).toContain(what);
    expect(said.todo).toContain(todo);
  });
});
