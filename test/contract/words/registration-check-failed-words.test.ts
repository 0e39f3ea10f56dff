import { describe, expect, it } from 'vitest';
import { inCliWords } from '../../../main/cli/cli-words';

const failure = {
  ok: false as const,
  code: 'flowent-registration-check-failed' as const,
  status: 400,
  webhookUrl: 'http://127.0.0.1:8787/actions/send_email',
  said: 'failed to reach webhook endpoint: dial tcp 127.0.0.1:8787: connect: connection refused',
  error: 'action validation failed: failed to reach webhook endpoint: dial tcp 127.0.0.1:8787: connect: connection refused',
};

describe("a registration check Flowent could not deliver, in the companion's words", () => {
  it('says Flowent cannot reach an address this computer connects to, and to give one it can', () => {
    expect(inCliWords({ ...failure, reach: { connected: true } })).toBe(
      "Flowent's registration check failed: Flowent could not reach your webhook at http://127.0.0.1:8787/actions/send_email " +
        '(it said: dial tcp 127.0.0.1:8787: connect: connection refused), yet this computer connects to it. ' +
        "Give a URL Flowent can reach from where it runs (a tunnel's public URL, not a loopback or private address), then try again.",
    );
  });

  it('without what this computer met, says Flowent could not reach it, with the reason Flowent gave', () => {
    expect(inCliWords(failure)).toBe(
      `Flowent's registration check failed: Flowent could not reach your webhook at ${failure.webhookUrl} ` +
        '(it said: dial tcp 127.0.0.1:8787: connect: connection refused). Before registering, Flowent POSTs {"test": true} ' +
        'to the webhook_url and needs a 2xx answer: make sure the companion (or your handler) is running and reachable at that URL, then try again.',
    );
  });
});
