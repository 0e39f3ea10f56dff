// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { closedPort, handlerUrl } from '../../helpers/handler-process';
import { valueOf } from '../harness/companion';
import { otherName } from '../../helpers/stand-in-tunnels';
import { openActions, SEND_EMAIL_SCHEMA, SLOW, STAGING_TOKEN, useActionsCompanion } from './actions-setup';

const { gateway, handler, companion, companionOptions, actionInput, withActions } = useActionsCompanion();

describe('actions: empty states', () => {
  it('without a token it says to set one, and lists nothing', async () => {
    const c = companion();
    const { dialog } = await openActions(c);
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain(
      'Set your API token (Account tab) to see your actions',
    );
    expect(c.bridge.callsTo('listActions')).toHaveLength(0);
  });

  it('with a token and no actions it says how to register one', async () => {
    const { dialog } = await openActions(await withActions(companion()));
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain('No actions registered in Flowent yet');
  });
});

describe('actions: list, view, edit, delete', () => {
  it('lists actions with linked and stale badges, shows one with its schema, copies it, edits and deletes it', async () => {
    const c = await withActions(companion(), ['create_ticket']);
    // Linked at a URL that reaches this companion, but is not one it answers on now: stale.
    const gone = otherName(c.baseUrl);
    valueOf(await c.api.registerHere('send_email', 'Does send_email', SEND_EMAIL_SCHEMA, gone));
    const { dialog, user } = await openActions(c);
    const table = await within(dialog).findByRole('table', { name: 'Actions' });
    const row = within(table).getByTestId('action-row-send_email');
    expect(row.textContent).toContain('linked');
    expect(row.textContent).toContain('stale');
    expect(row.textContent).toContain(`${gone}/actions/send_email`);
    expect(within(table).getByTestId('action-row-create_ticket').textContent).not.toContain('linked');

    await user.click(within(row).getByRole('button', { name: 'send_email' }));
    const view = within(dialog).getByRole('region', { name: 'Action send_email' });
    expect(within(view).getByLabelText('JSON Schema').textContent).toContain('"recipient"');
    // serve's words for the same link, with the page's way to point it here.
    expect(view.textContent).toContain(
      `send_email (default) still points at ${gone}/actions/send_email, which no longer reaches this companion: ` +
        "Flowent's calls to it fail. Point it here again with Edit › Register here.",
    );
    await user.click(within(view).getByRole('button', { name: 'Copy JSON Schema' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(JSON.stringify(SEND_EMAIL_SCHEMA, null, 2));

    await user.click(within(view).getByRole('button', { name: 'Edit' }));
    const form = within(dialog).getByRole('form', { name: 'Edit send_email' });
    const description = within(form).getByLabelText('Description');
    await user.clear(description);
    await within(form).findByRole('alert', { name: 'description problems' }, SLOW);
    // Fixed and sent at once, before the check that follows typing has run: what is sent is checked, not the old problem.
    await user.type(description, 'Sends one email');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(c.bridge.callsTo('updateAction')).toHaveLength(1), SLOW);
    expect(c.bridge.callsTo('updateAction')[0]?.[1]).toMatchObject({ description: 'Sends one email' });
    const after = await within(dialog).findByRole('region', { name: 'Action send_email' });
    await waitFor(() => expect(after.textContent).toContain('Sends one email'));
    expect(
      gateway()
        .stored()
        .find((action) => action.name === 'send_email')?.description,
    ).toBe('Sends one email');

    await user.click(within(after).getByRole('button', { name: 'Delete…' }));
    expect(c.bridge.callsTo('deleteAction')).toHaveLength(0);
    await user.click(within(after).getByRole('button', { name: 'Delete send_email from Flowent' }));
    await waitFor(() => expect(within(dialog).queryByTestId('action-row-send_email')).toBeNull());
    expect(within(dialog).getByTestId('action-row-create_ticket')).toBeTruthy();
    expect(c.bridge.callsTo('deleteAction')).toEqual([['send_email']]);
    expect(
      gateway()
        .stored()
        .map((action) => action.name),
    ).toEqual(['create_ticket']);
  });

  it('links an action that points at this companion, and says why it does not link one that points at a handler', async () => {
    const c = await withActions(companion(), ['create_ticket']);
    valueOf(await c.api.registerAction(actionInput('send_email', { webhook_url: `${c.baseUrl}/actions/send_email` })));
    const { dialog, user } = await openActions(c);
    const table = await within(dialog).findByRole('table', { name: 'Actions' });

    await user.click(within(within(table).getByTestId('action-row-create_ticket')).getByRole('button', { name: 'create_ticket' }));
    const foreign = within(dialog).getByRole('region', { name: 'Action create_ticket' });
    await user.click(within(foreign).getByRole('button', { name: 'Link to this companion' }));
    await waitFor(() =>
      expect(foreign.textContent).toContain(
        `create_ticket points at ${handlerUrl(handler(), 'create_ticket')}, not at this companion (this companion is at ${c.baseUrl}`,
      ),
    );
    expect(foreign.textContent).toContain('Point it here with Edit › Register here, which links it too.');
    expect((await c.api.getAccount()).links).toEqual([]);

    await user.click(within(foreign).getByRole('button', { name: '← All actions' }));
    await user.click(within(await within(dialog).findByTestId('action-row-send_email')).getByRole('button', { name: 'send_email' }));
    const own = within(dialog).getByRole('region', { name: 'Action send_email' });
    await user.click(within(own).getByRole('button', { name: 'Link to this companion' }));
    await within(own).findByRole('button', { name: 'Unlink' }, SLOW);
    expect((await c.api.getAccount()).links.map((link) => link.action)).toEqual(['send_email']);
  });

  it("lists the active profile's actions, and lists again after a switch of profile", async () => {
    const c = await withActions(companion(), ['send_email']);
    // A second profile on the same Gateway, with another tenant's token and its own action.
    await c.api.saveProfile({ name: 'staging', baseUrl: gateway().baseUrl });
    await c.api.setFlowentApiToken('staging', STAGING_TOKEN);
    await c.api.setActiveProfile('staging');
    valueOf(await c.api.registerAction(actionInput('staging_only')));
    await c.api.setActiveProfile('default');
    const { dialog, user } = await openActions(c);
    await within(dialog).findByTestId('action-row-send_email');
    await user.click(within(dialog).getByRole('tab', { name: 'Account' }));
    await user.click(within(dialog).getByRole('button', { name: 'Use staging' }));
    await user.click(within(dialog).getByRole('tab', { name: 'Actions' }));
    await within(dialog).findByTestId('action-row-staging_only');
    expect(within(dialog).queryByTestId('action-row-send_email')).toBeNull();
    expect(within(dialog).getByRole('region', { name: 'Action registry' }).textContent).toContain('profile staging');
  });

  it('shows a listing refusal in words', async () => {
    // Flowent cannot be reached: nothing listens at the profile's base URL.
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const c = await withActions(await companion.restart(companionOptions({ env: { FLOWENT_BASE_URL: unreachable } })));
    const { dialog } = await openActions(c);
    expect((await within(dialog).findByRole('alert', { name: 'Actions error' })).textContent).toBe(
      `Cannot reach the Flowent Gateway at ${unreachable}: the connection to ${new URL(unreachable).host} was refused (nothing is listening there). Check the Gateway URL and your internet connection.`,
    );
  });
});
