import { describe, expect, it } from 'vitest';
import { formatCallLine } from '../../main/cli/format-call';
import { callSummary } from '../renderer/call-summary';

describe("a call's line: the handler's verdict", () => {
  // The command line words the verdict from the same table as the page's "Your handler" section.
  it.each([
    ['accepted', 200, '  200  handler accepted the signature  '],
    ['refused', 401, '  401  handler REJECTED the signature  '],
    ['unknown', 500, "  500  handler's answer says nothing about the signature  "],
  ] as const)('says %s after the status', (handlerSignature, status, words) => {
    const line = formatCallLine(callSummary({ id: 1, answeredBy: 'forward', status, handlerSignature }));
    expect(line).toContain(`valid (python)${words}3.0 ms`);
  });

  // Capitals only where the handler and the companion disagree: a wrong signature turned down is the handler doing its job.
  it.each([
    ['invalid', 'refused', 401, 'INVALID  401  handler rejected it too  '],
    ['missing', 'refused', 401, 'missing signature  401  handler rejected it too  '],
    ['invalid', 'accepted', 200, 'INVALID  200  handler ACCEPTED the signature  '],
    ['missing', 'accepted', 200, 'missing signature  200  handler ACCEPTED the call, which carried no signature  '],
    ['unsigned-test', 'refused', 401, 'unsigned test  401  handler REJECTED the registration check  '],
    ['unsigned-test', 'accepted', 200, 'unsigned test  200  handler accepted the registration check  '],
    ['no-key', 'refused', 401, 'no key  401  handler rejected the signature  '],
  ] as const)('a %s call the handler %s', (verdict, handlerSignature, status, words) => {
    const line = formatCallLine(callSummary({ id: 1, answeredBy: 'forward', style: null, verdict, status, handlerSignature }));
    expect(line).toContain(words);
  });

  // Valid once the key set here is trimmed, or the digest read in lowercase: the handler is right to take it.
  it.each([
    ['key-whitespace', 'The signature matches the python style with the key trimmed.'],
    ['hex-case', 'The signature matches the python style but is written in uppercase hex.'],
  ] as const)('a wrong signature valid once corrected (%s), taken, is not shouted about', (code, message) => {
    const call = callSummary({ id: 1, answeredBy: 'forward', style: null, verdict: 'invalid', status: 200, handlerSignature: 'accepted' });
    const line = formatCallLine({ ...call, signatureDiagnosis: { code, message } });
    expect(line).toContain('INVALID  200  handler accepted the signature  ');
    expect(line).not.toContain('ACCEPTED');
  });
});

describe("a call's line: a request with no action", () => {
  // A 5,000-character path made a 5,000-character line in serve's output, pushing the calls off the screen.
  it('keeps the start of an overlong request line', () => {
    const path = `/actions/${'a'.repeat(5_000)}`;
    const line = formatCallLine(callSummary({ id: 1, action: null, method: 'POST', path, problem: 'invalid-path-action', status: 400 }));
    // 120 characters kept: the request line's first 117 and the three dots.
    expect(line).toContain(`  ${`POST ${path}`.slice(0, 117)}...  `);
    expect(line.length).toBeLessThan(250);
  });

  // Node keeps nothing of a head that stops arriving: its request line is unknown, not missing.
  it('says a head that stopped arriving was unfinished, and a head the parser could not read had no request line', () => {
    const stalled = formatCallLine(callSummary({ id: 1, action: null, method: '', path: '', problem: 'headers-timeout', status: 408 }));
    expect(stalled).toContain('  (request head unfinished)  ');
    const unreadable = formatCallLine(callSummary({ id: 1, action: null, method: '', path: '', problem: 'malformed-http', status: 400 }));
    expect(unreadable).toContain('  (no request line)  ');
  });
});
