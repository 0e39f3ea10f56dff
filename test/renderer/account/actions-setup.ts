/** Shared setup of the Actions tab's component tests, over a real core, a stand-in Gateway and a real handler. */
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { expect } from 'vitest';
import type { ActionCreate } from '../../../main/contract/api';
import { useCompanion, valueOf, type Companion, type CompanionOptions } from '../harness/companion';
import { API_TOKEN, gatewayOptions, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';
import { handlerUrl, useHandler } from '../../helpers/handler-process';
import { reachableTunnel } from '../../helpers/stand-in-tunnels';

/** Past the check's 250 ms pause in typing, with room for a loaded machine. */
export const SLOW = { timeout: 3000 };

export const SEND_EMAIL_SCHEMA = {
  type: 'object',
  properties: { recipient: { type: 'string' }, subject: { type: 'string' } },
  required: ['recipient'],
};

/** The API token of a second Flowent tenant, for a second profile. */
export const STAGING_TOKEN = 'api_staging_token';

/**
 * For a test file of the Actions tab: a Gateway stand-in that knows two tenants, a handler, and a
 * companion with an ngrok authtoken and a tunnel Flowent reaches, all new for each test.
 */
export function useActionsCompanion() {
  const gateway = useGateway({ apiTokens: { [API_TOKEN]: 'tenant-1', [STAGING_TOKEN]: 'tenant-2' } });
  const handler = useHandler();
  const companionOptions = (more: CompanionOptions = {}): CompanionOptions => {
    const reach = gatewayOptions(gateway());
    return {
      ngrokAuthtoken: 'test-token',
      ...more,
      env: { ...reach.env, ...more.env },
      core: { ...reach.core, tunnelProvider: reachableTunnel(), ...more.core },
    };
  };
  const companion = useCompanion(() => companionOptions());

  /** An action as a developer registers it, with its webhook at the handler (Flowent's check reaches it). */
  const actionInput = (name: string, patch: Partial<ActionCreate> = {}): ActionCreate => ({
    name,
    description: `Does ${name}`,
    webhook_url: handlerUrl(handler(), name),
    json_schema: SEND_EMAIL_SCHEMA,
    ...patch,
  });

  /** The companion with the API token set and `names` registered in Flowent. */
  const withActions = async (c: Companion, names: string[] = []): Promise<Companion> => {
    valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
    for (const name of names) {
      valueOf(await c.api.registerAction(actionInput(name)));
    }
    return c;
  };

  return { gateway, handler, companion, companionOptions, actionInput, withActions };
}

/** Renders the page and opens the Account dialog on its Actions tab. */
export async function openActions(c: Companion) {
  const view = renderApp(c.bridge);
  await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
  await view.user.click(screen.getByRole('button', { name: 'Account' }));
  const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
  await view.user.click(within(dialog).getByRole('tab', { name: 'Actions' }));
  return { ...view, dialog };
}

/** The register form's "Register here" part, the form opened from the Actions tab with send_email's name and description typed. */
export async function registerHereFor(dialog: HTMLElement, user: UserEvent): Promise<HTMLElement> {
  await user.click(await within(dialog).findByRole('button', { name: 'Register an action…' }));
  const form = within(dialog).getByRole('form', { name: 'Register an action' });
  await user.type(within(form).getByLabelText('Name'), 'send_email');
  await user.type(within(form).getByLabelText('Description'), 'Sends an email');
  return within(form).getByRole('region', { name: 'Register here' });
}
