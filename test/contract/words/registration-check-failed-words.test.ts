import { describe, expect, it } from 'vitest';
import { inCliWords } from '../../../main/cli/cli-words';

const webhookUrl = 'http://127.0.0.1:8787/actions/send_email';

/** Flowent's refusal, `said` being what followed "action validation failed: " (as `gatewayFailure` leaves it). */
const refused = (said: string) => ({
  ok: false as const,
  code: 'flowent-registration-check-failed' as const,
  status: 400,
  webhookUrl,
  said,
  error: `action validation failed: ${said}`,
});

// Flowent documents no words for a check it got no answer to: the stand-in's, and another as likely.
const STAND_IN_WORDS = 'failed to reach webhook endpoint: dial tcp 127.0.0.1:8787: connect: connection refused';
const OTHER_WORDS = 'webhook request failed: dial tcp: i/o timeout';

describe("a registration check Flowent got no answer to, in the companion's words", () => {
  it.each([STAND_IN_WORDS, OTHER_WORDS])('says so with Flowent\'s own words, whatever they are: "%s"', (said) => {
    expect(inCliWords(refused(said))).toBe(
      `Flowent's registration check failed: Flowent got no answer from your webhook at ${webhookUrl} (it said: ${said}). ` +
        'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: ' +
        'make sure the companion (or your handler) is running and reachable at that URL, then try again.',
    );
  });

  it('says Flowent cannot reach an address this computer connects to, and to give one it can', () => {
    expect(inCliWords({ ...refused(OTHER_WORDS), reach: { connected: true } })).toBe(
      `Flowent's registration check failed: Flowent got no answer from your webhook at ${webhookUrl} (it said: ${OTHER_WORDS}), ` +
        "yet this computer connects to it. Give a URL Flowent can reach from where it runs (a tunnel's public URL, " +
        'not a loopback or private address), then try again.',
    );
  });

  it('says which data folder held no such check when something listens there, but not when nothing does', () => {
    const notInHistoryOf = '/home/me/.config/flowent-companion';
    expect(inCliWords({ ...refused(OTHER_WORDS), notInHistoryOf, reach: { connected: true } })).toContain(
      `yet this computer connects to it. No companion using the data folder ${notInHistoryOf} has stored that check. Give a URL`,
    );
    const refusedHere = { connected: false as const, problem: { kind: 'refused' as const } };
    expect(inCliWords({ ...refused(OTHER_WORDS), notInHistoryOf, reach: refusedHere })).not.toContain('data folder');
  });
});

describe("a registration check the webhook answered, in the companion's words", () => {
  it('says the status it answered and what to make answer there, as before', () => {
    expect(inCliWords(refused('returned status 500'))).toBe(
      `Flowent's registration check failed: your webhook at ${webhookUrl} returned status 500. ` +
        'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: it was reached and answered 500, ' +
        'so make what answers there (your handler, or the companion\'s mock for the action) answer {"test": true} with a 2xx, then try again.',
    );
  });

  it("says a 404 at an ngrok URL that is not this companion's is most likely no tunnel open there, not a mistyped path", () => {
    const ngrokUrl = 'https://5f1e-203-0-113-7.ngrok-free.app/actions/send_email';
    expect(inCliWords({ ...refused('returned status 404'), webhookUrl: ngrokUrl })).toBe(
      `Flowent's registration check failed: your webhook at ${ngrokUrl} returned status 404. ` +
        'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: that is an ngrok URL, and ngrok ' +
        'answers 404 when no tunnel is open at it (the agent that had it stopped, or its URL changed when it started again), so start ' +
        'the tunnel that should answer there and give the action the URL it has now; if a tunnel is open there, check the path, then try again.',
    );
    // Elsewhere a 404 is a path nothing answers at.
    expect(inCliWords(refused('returned status 404'))).toContain('nothing answers at that path (an action name or path mistyped?)');
    expect(inCliWords({ ...refused('returned status 404'), webhookUrl: 'https://shop.example/ngrok.app/actions/x' })).toContain(
      'nothing answers at that path',
    );
  });

  it('found in no history here, says which data folder held none and where a companion answering there keeps it', () => {
    const notInHistoryOf = '/home/me/.config/flowent-companion';
    expect(inCliWords({ ...refused('returned status 500'), notInHistoryOf })).toBe(
      `Flowent's registration check failed: your webhook at ${webhookUrl} returned status 500. ` +
        `No companion using the data folder ${notInHistoryOf} has stored that check. ` +
        'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: it was reached and answered 500, ' +
        'so make what answers there (your handler, or the companion\'s mock for the action) answer {"test": true} with a 2xx, then try again. ' +
        "If a companion answers at that URL, it uses another data folder: that folder's history holds the check and why it answered so.",
    );
  });
});

describe("a registration check sent to a URL this companion's tunnel had, which never reached it", () => {
  const tunnelUrl = 'https://t3-abc.edge.test';
  const atTunnel = { ...refused('returned status 404'), webhookUrl: `${tunnelUrl}/actions/notify` };

  it('says the tunnel was not open there when it is open there again now, and to try again', () => {
    expect(inCliWords({ ...atTunnel, ownTunnel: { url: tunnelUrl, now: tunnelUrl } })).toBe(
      `Flowent's registration check failed: your webhook at ${tunnelUrl}/actions/notify returned status 404. ` +
        `That is a URL this companion's tunnel had (${tunnelUrl}), and the tunnel was not open there when Flowent checked, ` +
        'so the check never reached it: ngrok answers 404 for a tunnel it does not have. It is open there again now: try again.',
    );
  });

  it("speaks of ngrok's 404 only when that is what Flowent met", () => {
    const said = 'failed to reach webhook endpoint: dial tcp: lookup t3-abc.edge.test: no such host';
    const words = inCliWords({ ...atTunnel, said, ownTunnel: { url: tunnelUrl, now: null } });
    expect(words).toContain('and no tunnel of this companion is open now, so the check never reached it. Open the tunnel again');
    expect(words).not.toContain('404');
  });
});
