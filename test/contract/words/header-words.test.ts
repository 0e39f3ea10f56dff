// The page header's titles, as the page wrote them itself: the failure rule and the commands.
import { describe, expect, it } from 'vitest';
import { failureCountTitle, HEADER_COMMAND_TITLES, requestRateWords } from '../../../main/contract/words';

const RULE =
  'What counts as a failure: a call from Flowent whose answer was not 2xx (or that got no answer), whose signature is invalid, ' +
  "missing or malformed or that was not a Flowent call at all, or whose answer breaks Flowent's contract. " +
  'Without an HMAC key signatures cannot be checked, and that alone is not a failure. ' +
  'Replays, simulated and imported calls are never counted.';

describe("the header's titles", () => {
  it('says the failure rule, then what pressing the count does', () => {
    expect(failureCountTitle(false)).toBe(`${RULE} Press to list them.`);
    expect(failureCountTitle(true)).toBe(`${RULE} Press to list every call again.`);
  });

  it('says what each command opens', () => {
    expect(HEADER_COMMAND_TITLES).toEqual({
      answers: 'Mocks and forwarding',
      account: 'Flowent account and actions',
      project: 'The project folder: actions and answers as files, Plan and Apply',
      simulate: 'Send a Flowent call that never happened',
      settings: 'HMAC key, ngrok authtoken, history',
    });
  });

  it("says the request rate's sparkline, its name and its title", () => {
    expect(requestRateWords(12, 3)).toEqual({
      label: 'Request rate: 12 calls in the last 5 minutes; at most 3 in 10 seconds',
      title: 'Calls per 10 s over the last 5 minutes (12 in all). Top of the scale: 3 per 10 s.',
    });
    expect(requestRateWords(1, 1).label).toBe('Request rate: 1 call in the last 5 minutes; at most 1 in 10 seconds');
  });
});
