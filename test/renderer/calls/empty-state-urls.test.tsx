// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, valueOf } from '../harness/companion';
import { agentFor, useNgrokEdge } from '../harness/ngrok-edge';
import { renderApp } from '../harness/render';

// What the page tells a person to give Flowent before the first call: with the tunnel online,
// its public URL (Flowent in the cloud cannot reach 127.0.0.1), this computer's said to be local.
// The embedded ngrok agent runs for real against the stand-in for ngrok's edge: one test at a time.
const edge = useNgrokEdge();
const companion = useCompanion(() => ({ ngrokAuthtoken: 'test-token', core: { tunnelProvider: agentFor(edge()) } }));

const emptyState = () => screen.findByRole('region', { name: 'No calls yet' });

describe.sequential('the empty state and the c key', () => {
  it('with the tunnel online: the public URL to register, the local one said to be local; c copies the public one', async () => {
    const c = companion();
    const publicUrl = valueOf(await c.api.openTunnel()).url;
    const { user } = renderApp(c.bridge);
    const empty = await emptyState();
    // No action known yet: a name is asked for, and no placeholder is offered to copy.
    await waitFor(() => expect(within(empty).getByTestId('no-known-actions')).toBeTruthy());
    expect(within(empty).getByTestId('empty-webhook-url-missing').textContent).toBe(
      `${publicUrl}/actions/… : type the action's name above for its URL.`,
    );
    expect(within(empty).queryByRole('button', { name: 'Copy public action URL' })).toBeNull();
    expect(empty.textContent).not.toContain('<action_name>');

    await user.type(within(empty).getByRole('combobox', { name: 'Action' }), 'send_email');
    expect(within(empty).getByTestId('empty-webhook-url').textContent).toBe(`${publicUrl}/actions/send_email`);
    expect(empty.textContent).toContain("Register your action in Flowent with the tunnel's public URL");
    expect(within(empty).getByTestId('empty-local-url').textContent).toBe(`${c.baseUrl}/actions/send_email`);
    expect(empty.textContent).toContain("This computer's own URL, which Flowent in the cloud cannot reach:");

    await user.click(within(empty).getByRole('button', { name: 'Copy public action URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(`${publicUrl}/actions/send_email`);
    await user.click(within(empty).getByRole('button', { name: 'Copy local action URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(`${c.baseUrl}/actions/send_email`);

    // The c shortcut is for the page, not the field: it copies once the field is left.
    (document.activeElement as HTMLElement | null)?.blur();
    await navigator.clipboard.writeText('');
    await user.keyboard('c');
    await expect(navigator.clipboard.readText()).resolves.toBe(publicUrl);
  });

  it('with the tunnel closed: the local URL, said to be local, with the way to a public one; c copies the local one', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    const empty = await emptyState();
    await user.type(within(empty).getByRole('combobox', { name: 'Action' }), 'lookup_order');
    expect(within(empty).getByTestId('empty-webhook-url').textContent).toBe(`${c.baseUrl}/actions/lookup_order`);
    expect(within(empty).queryByTestId('empty-local-url')).toBeNull();
    (document.activeElement as HTMLElement | null)?.blur();
    expect(within(empty).getByTestId('empty-local-note').textContent).toBe(
      "It is this computer's own URL, which Flowent in the cloud cannot reach: open a tunnel in Public URL for one it can.",
    );
    await user.keyboard('c');
    await expect(navigator.clipboard.readText()).resolves.toBe(c.baseUrl);
    await user.click(within(empty).getByRole('button', { name: 'Public URL' }));
    expect(screen.getByRole('dialog', { name: 'Public URL' })).toBeTruthy();
  });

  it('the shortcut list says which URL c copies', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await emptyState();
    await user.keyboard('?');
    const list = screen.getByRole('table', { name: 'Shortcuts' });
    const row = within(list).getByRole('rowheader', { name: 'c' }).closest('tr')!;
    expect(row.querySelector('td')!.textContent).toBe(
      "Copy the webhook base URL to give Flowent: the tunnel's public URL while it is online, else this computer's",
    );
  });
});
