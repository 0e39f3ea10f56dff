// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';

// What a developer takes out of a call's details: its id (what the command line knows it by:
// `replay 42`, `mocks from-call 42`), its headers as lines, and each style's expected signature
// to compare with what their handler computes.
const companion = useCompanion();

describe('copying from the details', () => {
  it("shows the call's id in the details' title and copies it", async () => {
    const c = companion();
    await c.send('send_email');
    await c.send('create_ticket');
    const { pane, user } = await openCall(c.bridge, 2);
    const title = within(pane).getByRole('heading', { level: 2 });
    expect(title.textContent).toMatch(/^#2 POST \/actions\/create_ticket/);
    // Its label says what it copies: a bare "Copy" beside the request line read as copying the request.
    await user.click(within(pane).getByRole('button', { name: 'Copy id' }));
    await expect(navigator.clipboard.readText()).resolves.toBe('2');
    await screen.findByText('Copied');
  });

  it('copies the request headers as Name: value lines, and a credential as [redacted], never its value', async () => {
    const c = companion();
    await c.send(
      'send_email',
      {},
      { headers: { 'X-Trace-Id': 'abc0', Authorization: 'Bearer s3cret-value', 'X-Auth-Token': 'tok-s3cret' } },
    );
    const { pane, user } = await openCall(c.bridge, 1);
    const request = within(pane).getByRole('region', { name: 'Request' });
    await user.click(within(request).getByText(/^Request headers \(\d+\)$/));
    const table = within(request).getByRole('table', { name: 'Request headers' });
    const shown = within(table)
      .getAllByRole('row')
      .map((row) => [row.querySelector('th')!.textContent!, row.querySelector('td')!.textContent!]);
    await user.click(within(request).getByRole('button', { name: 'Copy request headers' }));
    const copied = await navigator.clipboard.readText();
    expect(copied).not.toMatch(/s3cret/);
    const expected = shown.map(([name, value]) =>
      /^(authorization|x-auth-token)$/i.test(name!) ? `${name}: [redacted]` : `${name}: ${value}`,
    );
    expect(copied.split('\n')).toEqual(expected);
    expect(copied).toContain('X-Trace-Id: abc0');
    expect(copied).toContain('Authorization: [redacted]');
    // Said beside the button, so what is copied is no surprise next to the table that shows the values.
    expect(within(request).getByText('Authorization, X-Auth-Token are copied as [redacted].')).toBeTruthy();
  });

  it('copies the answer headers the same way', async () => {
    const c = companion();
    await c.send('send_email');
    const { pane, user } = await openCall(c.bridge, 1);
    const answer = within(pane).getByRole('region', { name: 'Answer' });
    await user.click(within(answer).getByText(/^Answer headers \(\d+\)$/));
    await user.click(within(answer).getByRole('button', { name: 'Copy answer headers' }));
    const copied = await navigator.clipboard.readText();
    expect(copied).toMatch(/^Content-Type: application\/json/im);
    expect(within(answer).queryByText(/copied as \[redacted\]/)).toBeNull();
  });

  it('copies each style’s expected signature as shown', async () => {
    const c = companion();
    await c.send('send_email', { to: 'ada@example.com' }, { key: 'another-key' });
    const { pane, user } = await openCall(c.bridge, 1);
    const panel = within(pane).getByRole('region', { name: 'Signature' });
    const table = within(panel).getByRole('table', { name: 'Expected signature per style' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const label = row.querySelector('td')!.textContent!;
      const digest = row.querySelector('code')!.textContent!;
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      await user.click(within(row).getByRole('button', { name: `Copy expected signature, ${label}` }));
      await expect(navigator.clipboard.readText()).resolves.toBe(digest);
    }
  });
});
