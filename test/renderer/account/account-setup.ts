/** Shared setup of the Account dialog's component tests, over a real core and a stand-in Gateway. */
import { screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import { useCompanion, valueOf, type Companion, type CompanionOptions } from '../harness/companion';
import { API_TOKEN, gatewayOptions, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';
import { urlChangingTunnel } from '../../helpers/stand-in-tunnels';

/**
 * For a test file of the Account dialog: a Gateway stand-in, and a companion that reaches it
 * through a tunnel whose public URL the test changes (`tunnel().change(...)`), both new for each test.
 */
export function useAccountCompanion() {
  const gateway = useGateway();
  let tunnel = urlChangingTunnel();
  const companionOptions = (more: CompanionOptions = {}): CompanionOptions => {
    const reach = gatewayOptions(gateway());
    return { ...more, env: { ...reach.env, ...more.env }, core: { ...reach.core, tunnelProvider: tunnel, ...more.core } };
  };
  const companion = useCompanion(() => {
    tunnel = urlChangingTunnel();
    return companionOptions();
  });
  return { gateway, companion, companionOptions, tunnel: () => tunnel };
}

/** Sends one call, renders the page and opens the Account dialog on its Account tab. */
export async function openAccount(c: Companion) {
  await c.send('send_email');
  const view = renderApp(c.bridge);
  await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
  await view.user.click(screen.getByRole('button', { name: 'Account' }));
  const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
  await within(dialog).findByRole('tabpanel', { name: 'Account' });
  return { ...view, dialog };
}

/** A companion with the API token set in the keychain. */
export async function withToken(c: Companion): Promise<Companion> {
  valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
  return c;
}
