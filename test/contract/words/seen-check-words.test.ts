import { expect, it } from 'vitest';
import { inCliWords } from '../../../main/cli/cli-words';
import { describeFailure } from '../../../main/core/answers/forward-failure';

const webhookUrl = 'http://127.0.0.1:8787/actions/send_email';

it('a check forwarded to a handler that is down gives the forwarding advice once, with single full stops', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9999'), { code: 'ECONNREFUSED' });
  const forwardError = describeFailure(refused, new URL('http://127.0.0.1:9999/actions/send_email'), 'handler').message;
  const words = inCliWords({
    code: 'flowent-registration-check-failed',
    status: 400,
    webhookUrl,
    said: 'returned status 502',
    error: 'action validation failed: returned status 502',
    seen: { callId: 7, status: 502, answeredBy: 'forward-error', action: 'send_email', sentAction: null, problem: null, forwardError },
  });
  expect(words).toContain(`(call #7 in the history): ${forwardError}`);
  expect(words).not.toMatch(/\.\./);
  expect(words.match(/Start your handler/g)).toHaveLength(1);
  expect(words.endsWith('Once your handler answers where the action forwards to, try again.')).toBe(true);
});
