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
    await waitFor(() => expect(within(empty).getByTestId('empty-webhook-url').textContent).toBe(`${publicUrl}/actions/<action_name>`));
    expect(empty.textContent).toContain("Register your action in Flowent with the tunnel's public URL");
    expect(within(empty).getByTestId('empty-local-url').textContent).toBe(`${c.baseUrl}/actions/<action_name>`);
    expect(empty.textContent).toContain("This computer's own URL, which Flowent in the cloud cannot reach:");

    await user.click(within(empty).getByRole('button', { name: 'Copy public action URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(`${publicUrl}/actions/<action_name>`);
    await user.click(within(empty).getByRole('button', { name: 'Copy local action URL' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(`${c.baseUrl}/actions/<action_name>`);

    await navigator.clipboard.writeText('');
    await user.keyboard('c');
    await expect(navigator.clipboard.readText()).resolves.toBe(publicUrl);
  });

  it('with the tunnel closed: the local URL, said to be local, with the way to a public one; c copies the local one', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    const empty = await emptyState();
    await waitFor(() => expect(within(empty).getByTestId('empty-webhook-url').textContent).toBe(`${c.baseUrl}/actions/<action_name>`));
    expect(within(empty).queryByTestId('empty-local-url')).toBeNull();
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
