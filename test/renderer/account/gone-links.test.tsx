// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { fetch } from 'undici';
import { useCompanion, valueOf, type Companion } from '../harness/companion';
import { API_TOKEN, gatewayOptions, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';

// The Account tab lists the links Flowent no longer has of every profile: each one's Unlink
// unlinks it from its own profile, not from the active one, whose link of the same name stays.

/** The API token of a second Flowent tenant, for a second profile. */
const STAGING_TOKEN = 'api_staging_token';

const gateway = useGateway({ apiTokens: { [API_TOKEN]: 'tenant-1', [STAGING_TOKEN]: 'tenant-2' } });
const companion = useCompanion(() => gatewayOptions(gateway()));

/** Deletes the action on Flowent as the tenant's admin would, with a session of their own. */
async function deleteOnFlowent(apiToken: string, name: string): Promise<void> {
  const exchange = await fetch(`${gateway().baseUrl}/token/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_token: apiToken }),
  });
  const { jwt_token } = (await exchange.json()) as { jwt_token: string };
  const deleted = await fetch(`${gateway().baseUrl}/actions/${name}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${jwt_token}` },
  });
  expect(deleted.status).toBe(200);
}

/**
 * In the active profile: `name` on Flowent pointing at this companion, linked, then deleted on
 * Flowent and found gone by a list of the profile's actions.
 */
async function goneLink(c: Companion, tenant: string, apiToken: string, name: string): Promise<void> {
  gateway().storeAction({ name, description: `Does ${name}`, webhook_url: `${c.baseUrl}/actions/${name}`, json_schema: {} }, tenant);
  valueOf(await c.api.linkAction(name, false));
  await deleteOnFlowent(apiToken, name);
  valueOf(await c.api.listActions());
}

describe('links Flowent no longer has, of two profiles', () => {
  it("unlinks another profile's link from that profile, and leaves the active profile's of the same name", async () => {
    const c = companion();
    valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
    valueOf(await c.api.saveProfile({ name: 'staging', baseUrl: gateway().baseUrl }));
    valueOf(await c.api.setFlowentApiToken('staging', STAGING_TOKEN));
    valueOf(await c.api.setActiveProfile('staging'));
    await goneLink(c, 'tenant-2', STAGING_TOKEN, 'send_email');
    valueOf(await c.api.setActiveProfile('default'));
    await goneLink(c, 'tenant-1', API_TOKEN, 'send_email');

    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Account' }));
    const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
    const gone = await within(dialog).findByRole('list', { name: 'Linked actions Flowent no longer has' });
    const staging = within(gone).getByTestId('gone-link-staging-send_email');
    expect(staging.textContent).toBe(
      'send_email (staging): Flowent no longer has this action; register it again or unlink it (Unlink, beside this). Unlink',
    );

    await user.click(within(staging).getByRole('button', { name: 'Unlink send_email (staging)' }));
    await waitFor(() => expect(within(gone).queryByTestId('gone-link-staging-send_email')).toBeNull());
    // The toast names the profile it was unlinked from: the one in use has a send_email too.
    await screen.findByText('Unlinked send_email (staging): it no longer follows the public URL');
    const account = await c.api.getAccount();
    expect(account.activeProfile).toBe('default');
    expect(account.links.map((link) => `${link.action} (${link.profile})`)).toEqual(['send_email (default)']);
    expect(within(gone).getByTestId('gone-link-default-send_email')).toBeTruthy();
    expect(c.bridge.callsTo('unlinkAction')).toEqual([['send_email', 'staging']]);

    // The profile in use goes without saying.
    await user.click(within(gone).getByRole('button', { name: 'Unlink send_email (default)' }));
    await screen.findByText('Unlinked send_email: it no longer follows the public URL');
    expect(c.bridge.callsTo('unlinkAction')).toEqual([
      ['send_email', 'staging'],
      ['send_email', 'default'],
    ]);
  });
});
