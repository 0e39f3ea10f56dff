// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { within } from '@testing-library/react';
import { request } from 'undici';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';

const companion = useCompanion();

/** Sends bytes as they are: the harness's post sends text, which is always UTF-8. */
async function postBytes(baseUrl: string, body: Uint8Array): Promise<void> {
  const response = await request(`${baseUrl}/actions/send_email`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
  await response.body.arrayBuffer();
}

describe('notes on a request body', () => {
  it('says a body that is not UTF-8 text shows � where bytes could not be read, and the Hex view shows its bytes', async () => {
    const c = companion();
    // "café" in Latin-1: the é is the single byte 0xe9.
    await postBytes(c.baseUrl, Buffer.from('{"action_name":"send_email","parameters":{"to":"caf\xe9"}}', 'latin1'));
    const { pane, user } = await openCall(c.bridge, 1);
    const request = within(pane).getByRole('region', { name: 'Request' });
    const note = within(request).getByRole('note', { name: 'Body encoding' });
    expect(note.textContent).toMatch(/not valid UTF-8 text.*�.*Hex/);
    await user.click(within(note).getByRole('button', { name: 'Show the bytes in Hex' }));
    expect(within(request).getByLabelText('Request body bytes (hex)').textContent).toContain('e9');
  });

  it('shows that note only in the views that show �: not in Hex or Base64, which show the bytes', async () => {
    const c = companion();
    await postBytes(c.baseUrl, Buffer.from('{"action_name":"send_email","parameters":{"to":"caf\xe9"}}', 'latin1'));
    const { pane, user } = await openCall(c.bridge, 1);
    const request = within(pane).getByRole('region', { name: 'Request' });
    const note = within(request).getByRole('note', { name: 'Body encoding' });
    await user.click(within(note).getByRole('button', { name: 'Show the bytes in Hex' }));
    expect(within(request).queryByRole('note', { name: 'Body encoding' })).toBeNull();
    // The button that was clicked is gone: the keyboard focus goes to the Hex tab, not to the page's start.
    expect(document.activeElement).toBe(within(request).getByRole('tab', { name: 'Hex' }));
    await user.click(within(request).getByRole('tab', { name: 'Base64' }));
    expect(within(request).queryByRole('note', { name: 'Body encoding' })).toBeNull();
    await user.click(within(request).getByRole('tab', { name: 'Raw' }));
    expect(within(request).getByRole('note', { name: 'Body encoding' })).toBeTruthy();
  });

  it('has no such note for a UTF-8 body', async () => {
    const c = companion();
    await postBytes(c.baseUrl, Buffer.from('{"action_name":"send_email","parameters":{"to":"café"}}', 'utf8'));
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).queryByRole('note', { name: 'Body encoding' })).toBeNull();
  });
});

describe('a body too large to colour', () => {
  it('says why Pretty shows it as plain text', async () => {
    const c = companion();
    const body = JSON.stringify({ action_name: 'send_email', parameters: { text: 'a'.repeat(300 * 1024) } });
    await c.post('/actions/send_email', body);
    const { pane } = await openCall(c.bridge, 1);
    const request = within(pane).getByRole('region', { name: 'Request' });
    expect(within(request).getByRole('note', { name: 'Pretty view' }).textContent).toBe(
      'Shown as plain text: bodies over 256 KB are not formatted or highlighted.',
    );
    expect(within(request).getByLabelText('Request body').textContent).toBe(body);
  });

  it('says nothing of it for a body under the limit', async () => {
    const c = companion();
    await c.post('/actions/send_email', JSON.stringify({ action_name: 'send_email', parameters: { text: 'a'.repeat(1024) } }));
    const { pane } = await openCall(c.bridge, 1);
    expect(within(pane).queryByRole('note', { name: 'Pretty view' })).toBeNull();
  });
});
