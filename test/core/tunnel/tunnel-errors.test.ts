import { describe, expect, it } from 'vitest';
import { inCliWords } from '../../../main/cli/cli-words';
import { inPageWords } from '../../../renderer/src/page/page-words';
import { forwardTimedOut, tunnelError } from '../../../main/core/tunnel/tunnel-errors';

/** Shaped like what @ngrok/ngrok 1.7.0 really throws (messages captured against the test edge). */
function sdkError(message: string, errorCode?: string): Error {
  return Object.assign(new Error(message), { code: 'GenericFailure' }, errorCode ? { errorCode } : {});
}

/** The authtoken sent, where a test's text does not quote it. */
const TOKEN = 'test-token';

describe('tunnel failures', () => {
  it('a missing authtoken, on the command line, names the variable and where to find the token', () => {
    expect(inCliWords({ code: 'tunnel-no-authtoken' })).toBe(
      'No ngrok authtoken is set. Set NGROK_AUTHTOKEN; find it at https://dashboard.ngrok.com/get-started/your-authtoken.',
    );
  });

  it.each([
    ['ERR_NGROK_105', 'tunnel-authtoken-invalid', /does not look like an ngrok authtoken/],
    ['ERR_NGROK_106', 'tunnel-authtoken-invalid', /old \(v1\)/],
    ['ERR_NGROK_107', 'tunnel-authtoken-invalid', /not valid/],
    ['ERR_NGROK_108', 'tunnel-too-many-sessions', /simultaneous agent sessions/],
    ['ERR_NGROK_120', 'tunnel-agent-outdated', /no longer supports/],
    ['ERR_NGROK_320', 'tunnel-domain-taken', /reserved by another ngrok account/],
  ])('%s → %s', (ngrokCode, code, text) => {
    const mapped = tunnelError(sdkError(`failed to connect session: server text. error_code: ${ngrokCode}`, ngrokCode), TOKEN);
    expect(mapped).toMatchObject({ code, ngrokCode });
    expect(inCliWords(mapped)).toMatch(text);
    expect(inCliWords(mapped)).toContain(ngrokCode);
  });

  it('a domain taken: the command line says to start without --domain, the page (only serve sets a domain) to start serve again without it', () => {
    const taken = { code: 'tunnel-domain-taken', ngrokCode: 'ERR_NGROK_320' } as const;
    const what =
      'This domain is reserved by another ngrok account (ERR_NGROK_320). Use a domain reserved on your account (https://dashboard.ngrok.com/domains)';
    expect(inCliWords(taken)).toBe(`${what} or start without --domain.`);
    expect(inPageWords(taken)).toBe(`${what} or start serve again without --domain.`);
  });

  it('finds the code in the message when errorCode is missing', () => {
    expect(tunnelError(new Error('bind failed: nope\r\n\r\nERR_NGROK_108\r\n'), TOKEN)).toMatchObject({ code: 'tunnel-too-many-sessions' });
  });

  it('an unknown code is shown with the service text, not guessed', () => {
    const mapped = tunnelError(
      sdkError('failed to connect session: Something new happened. error_code: ERR_NGROK_4242', 'ERR_NGROK_4242'),
      TOKEN,
    );
    expect(mapped).toEqual({ code: 'tunnel-rejected', ngrokCode: 'ERR_NGROK_4242', said: 'Something new happened.' });
    expect(inCliWords(mapped)).toBe('ngrok refused the tunnel (ERR_NGROK_4242): Something new happened.');
  });

  it("takes the authtoken out of ngrok's text, where it is quoted and wherever else it is echoed", () => {
    const quoting = sdkError(
      'failed to connect session: The authtoken you specified does not look like a proper ngrok tunnel authtoken.\n' +
        'Your authtoken: 2xToken_abc\nInstructions are on your dashboard (2xToken_abc)\r\n\r\nERR_NGROK_334\r\n',
      'ERR_NGROK_334',
    );
    const mapped = tunnelError(quoting, '2xToken_abc');
    expect(mapped).toMatchObject({ code: 'tunnel-rejected', ngrokCode: 'ERR_NGROK_334' });
    expect(inCliWords(mapped)).toBe(
      'ngrok refused the tunnel (ERR_NGROK_334): The authtoken you specified does not look like a proper ngrok tunnel authtoken. ' +
        'Your authtoken: [redacted] Instructions are on your dashboard ([redacted])',
    );
    // A token ngrok quotes in another form than the one sent (trimmed, cut short) is taken out by its label.
    expect(inCliWords(tunnelError(quoting, 'another-token'))).toContain('Your authtoken: [redacted] Instructions');
    // Without a code too.
    const failed = tunnelError(new Error('session ended: Your authtoken: 2xToken_abc was refused'), '2xToken_abc');
    expect(failed).toEqual({ code: 'tunnel-failed', reason: 'session ended: Your authtoken: [redacted] was refused' });
  });

  it('no network', () => {
    const mapped = tunnelError(sdkError('failed to connect session: failed to establish tcp connection'), TOKEN);
    expect(mapped).toEqual({ code: 'tunnel-unreachable', reason: 'failed to connect session: failed to establish tcp connection' });
  });

  it('a TLS failure points at intercepting proxies', () => {
    expect(tunnelError(sdkError('failed to connect session: tls handshake error'), TOKEN).code).toBe('tunnel-tls-failed');
  });

  it('anything else keeps its text', () => {
    expect(tunnelError('weird', TOKEN)).toEqual({ code: 'tunnel-failed', reason: 'weird' });
  });

  it('the forward() timeout names its duration', () => {
    expect(forwardTimedOut(15_000)).toEqual({ code: 'tunnel-timeout', seconds: 15 });
    expect(inCliWords(forwardTimedOut(15_000))).toMatch(/did not answer within 15 s/);
  });
});
