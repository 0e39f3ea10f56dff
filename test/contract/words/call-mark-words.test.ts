// The marks on a call's row, in the words the page said itself: each mark's whole sentence, for its title and label.
// The verdicts' labels are checked by their shape and the names people filter by, not restated one by one.
import { describe, expect, it } from 'vitest';
import { VERDICTS } from '../../../main/contract/names-and-limits';
import {
  contractMarkWords,
  handlerMarkWords,
  REGISTRATION_CHECK,
  refusalMarkWords,
  timestampMarkWords,
  VERDICT_LABEL,
  verdictTitle,
} from '../../../main/contract/words';

describe("a call's marks", () => {
  it('names every verdict, and says why beside it when the badge says more', () => {
    // A badge's word, lower case as a badge says it, with no full stop: verdictTitle follows it with ": why".
    for (const verdict of VERDICTS) expect(VERDICT_LABEL[verdict], verdict).toMatch(/^[a-z][^.:]*[a-z]$/);
    expect(new Set(VERDICTS.map((verdict) => VERDICT_LABEL[verdict])).size).toBe(VERDICTS.length);
    expect(VERDICT_LABEL.valid).toBe('valid');
    expect(VERDICT_LABEL.invalid).toBe('invalid');
    expect(VERDICT_LABEL['not-flowent']).toBe('not a Flowent call');
    expect(verdictTitle('valid', null)).toBe('valid');
    expect(verdictTitle('invalid', "The signature does not match this companion's HMAC key.")).toBe(
      "invalid: The signature does not match this companion's HMAC key.",
    );
    expect(verdictTitle('not-flowent', 'not JSON')).toBe('not a Flowent call: not JSON');
    expect(REGISTRATION_CHECK).toBe("Flowent's registration check");
  });

  it('says a timestamp past the window or from the future', () => {
    expect(timestampMarkWords({ flag: 'old', ageSeconds: 600 })).toBe(
      'Timestamp sent 10 min before it arrived (old: past the 5-minute window)',
    );
    expect(timestampMarkWords({ flag: 'future', ageSeconds: -90 })).toBe('Timestamp stamped 90 s after it arrived (in the future)');
  });

  it('tells no answer from an answer that breaks the contract, every violation whole', () => {
    expect(contractMarkWords(true, ['Your handler refused the connection.'])).toBe(
      'No answer, so Flowent sees a failed action: Your handler refused the connection.',
    );
    expect(contractMarkWords(false, ['The answer is not JSON.', 'The status is not 2xx.'])).toBe(
      "Answer breaks Flowent's contract: The answer is not JSON.; The status is not 2xx.",
    );
  });

  it("says the handler's verdict only where it disagrees with the companion's", () => {
    expect(handlerMarkWords({ handlerSignature: 'refused', verdict: 'valid' })).toBe("Your handler rejected this call's signature");
    expect(handlerMarkWords({ handlerSignature: 'refused', verdict: 'invalid' })).toBeNull();
    expect(handlerMarkWords({ handlerSignature: 'accepted', verdict: 'missing' })).toBe(
      'Your handler accepted a call whose signature is wrong or missing',
    );
    expect(handlerMarkWords({ handlerSignature: 'accepted', verdict: 'valid' })).toBeNull();
    expect(handlerMarkWords({ handlerSignature: null, verdict: 'invalid' })).toBeNull();
  });

  it('says why the companion refused a request, then what the marks it stands for would have said', () => {
    const refused = {
      problem: 'missing-parameters',
      verdict: 'valid',
      action: 'send_email',
      sentAction: null,
      test: false,
      timestamp: { flag: 'ok', ageSeconds: 1 },
    } as const;
    expect(refusalMarkWords(refused)).toBe('Refused by the companion: no parameters. Signature: valid.');
    expect(
      refusalMarkWords({
        ...refused,
        problem: 'action-mismatch',
        sentAction: '"create_ticket"',
        verdict: 'invalid',
        test: true,
        timestamp: { flag: 'old', ageSeconds: 600 },
      }),
    ).toBe(
      'Refused by the companion: action ≠ URL. The body\'s action_name is "create_ticket". The URL names send_email. Signature: invalid. ' +
        "Flowent's registration check. Timestamp sent 10 min before it arrived (old: past the 5-minute window).",
    );
  });
});
