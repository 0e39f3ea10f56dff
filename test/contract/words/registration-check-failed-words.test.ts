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
});

describe("a registration check the webhook answered, in the companion's words", () => {
  it('says the status it answered and what to make answer there, as before', () => {
    expect(inCliWords(refused('returned status 500'))).toBe(
      `Flowent's registration check failed: your webhook at ${webhookUrl} returned status 500. ` +
        'Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: it was reached and answered 500, ' +
        'so make what answers there (your handler, or the companion\'s mock for the action) answer {"test": true} with a 2xx, then try again.',
    );
  });
});
