// "This companion" says what the companion's webhook does with the call: it answers as it answers
// Flowent's calls, so an action that forwards reaches the handler (the title said "with the mock").
import { expect, it } from 'vitest';
import { ownWebhookTitle } from '../../../main/contract/words';

it('names both ways the webhook may answer', () => {
  const title = ownWebhookTitle('http://127.0.0.1:8787/actions/send_email');
  expect(title).toContain('Send to http://127.0.0.1:8787/actions/send_email');
  expect(title).toContain("with the action's mock");
  expect(title).toContain('forwarding to your handler');
});
