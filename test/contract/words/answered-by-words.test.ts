import { describe, expect, it } from 'vitest';
import { formatCallNotes } from '../../../main/cli/format-call';
import type { CallSummary } from '../../../main/contract/api';
import { answeredByWords, forwardingFailedWords, statusWords } from '../../../main/contract/words';

const REFUSED = 'Your handler at http://127.0.0.1:9/actions/send_email refused the connection.';

describe('the words for a mock that answered in place of the handler', () => {
  it('say after the status that the mock answered because the handler gave none', () => {
    expect(statusWords(200, 'fallback-mock')).toBe('200 from the mock: your handler gave no answer');
    expect(answeredByWords('fallback-mock')).toBe('from the mock: your handler gave no answer');
  });

  it('say nothing more where the status says enough', () => {
    expect(statusWords(200, 'forward')).toBe('200');
    expect(statusWords(200, 'mock')).toBe('200');
    expect(statusWords(0, 'forward-error')).toBe('no answer');
    expect(answeredByWords('companion')).toBeNull();
  });

  it('say why forwarding failed, for the mock answer only', () => {
    expect(forwardingFailedWords('fallback-mock', REFUSED)).toBe(`forwarding failed: ${REFUSED}`);
    // A 502's violation already says what forwarding met; a mock answer with no error recorded has no why.
    expect(forwardingFailedWords('forward-error', REFUSED)).toBeNull();
    expect(forwardingFailedWords('fallback-mock', null)).toBeNull();
  });

  it("are what the command line prints under a call's line", () => {
    const call = { answeredBy: 'fallback-mock', forwardError: REFUSED, signatureDiagnosis: null, violations: [] } as unknown as CallSummary;
    expect(formatCallNotes(call)).toEqual([`  forwarding failed: ${REFUSED}`]);
  });
});
