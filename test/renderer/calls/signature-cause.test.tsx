// @vitest-environment happy-dom
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { flowentPayload } from '../../helpers/flowent-signer';
import { KEY, useCompanion } from '../harness/companion';
import { renderApp, rowOf } from '../harness/render';

// Calls whose signatures fail for different reasons must not read alike in the list: an invalid
// one's badge says its cause in a word or two, and every badge's title and label say it whole,
// as the details lead with it.
const companion = useCompanion();

function hmac(message: string): string {
  return createHmac('sha256', Buffer.from(KEY, 'utf8')).update(message).digest('hex');
}

describe('why a signature failed, from the list', () => {
  it('invalid says its cause in the badge (wrong key, uppercase hex, the signature field signed), malformed and missing their word, each with the cause in its title', async () => {
    const c = companion();
    await c.send('send_email', {}, { key: 'another-key' });
    const payload = flowentPayload('send_email');
    await c.post('/actions/send_email', JSON.stringify({ ...payload, signature: hmac(JSON.stringify(payload)).toUpperCase() }));
    await c.post('/actions/send_email', JSON.stringify({ ...payload, signature: hmac(JSON.stringify({ ...payload, signature: '' })) }));
    await c.post('/actions/send_email', JSON.stringify({ ...payload, signature: 'abc' }));
    await c.send('send_email', {}, { key: null });
    renderApp(c.bridge);

    const badge = async (id: number) => (await rowOf(id)).querySelector('[data-verdict]')!;
    // An invalid signature's badge says its cause in a word or two (a wrong key and an uppercase
    // digest need different fixes); malformed and missing keep their word. The title says it whole.
    const expected: [number, string, string, RegExp][] = [
      [1, 'wrong key?', 'no-match', /^invalid: The signature matches none of the \d+ known styles: the key is wrong/],
      [2, 'hex case', 'hex-case', /^invalid: The signature matches the .* style but is written in uppercase hex/],
      [
        3,
        'field signed',
        'signature-field-included',
        /^invalid: The signature matches the .* style computed with "signature":"" left in the body/,
      ],
      [4, 'malformed', 'malformed-signature', /^malformed: /],
      [5, 'missing', 'missing-signature', /^missing: The body has no "signature" member/],
    ];
    for (const [id, word, code, title] of expected) {
      const mark = await badge(id);
      expect(mark.textContent).toBe(word);
      expect(mark.getAttribute('data-cause')).toBe(code);
      expect(mark.getAttribute('title')).toMatch(title);
      expect(mark.getAttribute('aria-label')).toBe(mark.getAttribute('title'));
    }
  });
});
