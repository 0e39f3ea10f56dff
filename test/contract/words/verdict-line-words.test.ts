// The headline a call's details open with, and the words around the handler's diagnosis, as the page said them itself.
// The handler record's fact names are checked by their shape and the record's name, not restated one by one.
import { describe, expect, it } from 'vitest';
import {
  acceptedRejectedWords,
  FAILED_SIGNATURE_HEADLINE,
  HANDLER_RECORD,
  learnedStyleFoldWords,
  MOST_CALLS_FOLD,
  noStylesWords,
  notFlowentHeadline,
  requestRefusedHeadline,
  SET_KEY_AGAIN,
  spoiledSignatureLine,
  THIS_STYLE_FOLD,
  UNSIGNED_CHECK_IS_FINE,
  validSignatureHeadline,
  WHAT_TO_DO_LEAD,
} from '../../../main/contract/words';

const matched = (...flags: boolean[]) => flags.map((flag) => ({ matched: flag }));

describe("the headline of a call's details", () => {
  it('says a request refused, or not a Flowent call, with why in a word', () => {
    expect(requestRefusedHeadline('missing-parameters')).toBe('Request refused: no parameters.');
    expect(notFlowentHeadline('invalid-json')).toBe('Not a Flowent call (body not JSON).');
    expect(notFlowentHeadline(null)).toBe('Not a Flowent call.');
  });

  it('names the style of a valid signature, and the others that sign the same bytes', () => {
    expect(validSignatureHeadline(null, [])).toBe('Valid signature.');
    expect(validSignatureHeadline('Python example', matched(true, false, false))).toBe('Valid signature: Python example.');
    expect(validSignatureHeadline('Python example', matched(true, true, false))).toBe(
      'Valid signature: Python example and 1 more style that sign these bytes alike.',
    );
    expect(validSignatureHeadline('Python example', matched(true, true, true, false))).toBe(
      'Valid signature: Python example and 2 more styles that sign these bytes alike.',
    );
    expect(validSignatureHeadline('Python example', matched(true, true, true))).toBe(
      'Valid signature: Python example, like every style (they sign these bytes alike).',
    );
  });

  it('says a signature that failed or was not checked, and an unsigned check that is fine', () => {
    expect(FAILED_SIGNATURE_HEADLINE).toEqual({
      invalid: 'Invalid signature.',
      malformed: 'Malformed signature.',
      missing: 'No signature.',
      'no-key': 'Signature not checked.',
    });
    expect(UNSIGNED_CHECK_IS_FINE).toBe('An unsigned registration check: Flowent may send it without a signature, and that is fine.');
    expect(WHAT_TO_DO_LEAD).toBe('What to do:');
  });

  it('says who spoiled a signature on purpose, then what the handler made of it', () => {
    const line = spoiledSignatureLine('simulator', {
      status: 401,
      answeredBy: 'forward',
      answer: '{"error":"Invalid signature"}',
      handlerSignature: 'refused',
      validAccepted: 2,
      judgedNow: false,
    });
    expect(line).toEqual({
      headline: 'Signature spoiled on purpose by send --wrong-signature / Simulate.',
      detail: 'Your handler refused the call with a wrong signature (401), as it should: it checks signatures.',
    });
  });
});

describe("the handler's record beside its diagnosis", () => {
  it('names the verifier folds and the facts', () => {
    expect(THIS_STYLE_FOLD).toBe('Show a verifier that checks this style');
    expect(learnedStyleFoldWords('Go example')).toBe('Show a verifier for Go example');
    expect(MOST_CALLS_FOLD).toBe("Show a verifier for most of this Flowent's calls");
    // Names of facts in a list: capitalised, no full stop; the totals say they are today's, not the call's time's.
    for (const [name, words] of Object.entries(HANDLER_RECORD)) expect(words, name).toMatch(/^[A-Z][^.:]*[a-z)]$/);
    expect(new Set(Object.values(HANDLER_RECORD)).size).toBe(Object.keys(HANDLER_RECORD).length);
    expect(HANDLER_RECORD.valid).toMatch(/\(as of now\)$/);
    expect(HANDLER_RECORD.unverified).toMatch(/\(as of now\)$/);
    expect(HANDLER_RECORD.name).toBe('What your handler did so far');
    expect(noStylesWords(false)).toBe('none yet');
    expect(noStylesWords(true)).toBe('none: it took a call whose signature is wrong or missing');
    expect(acceptedRejectedWords(3, 1)).toBe('3 accepted, 1 rejected');
    expect(SET_KEY_AGAIN).toBe('Set the key again in Settings');
  });
});
