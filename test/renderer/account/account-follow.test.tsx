// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { fetch } from 'undici';
import { valueOf, type Companion } from '../harness/companion';
import { otherClientSession } from '../harness/gateway';
import { renderApp } from '../harness/render';
import { otherName } from '../../helpers/stand-in-tunnels';
import { openAccount, useAccountCompanion, withToken } from './account-setup';

const { gateway, companion, tunnel } = useAccountCompanion();

/** Registers `names` in Flowent against this companion and links them (Flowent's check reaches it for real). */
async function registerAndLink(c: Companion, names: string[], baseUrl = c.baseUrl): Promise<void> {
  for (const name of names) {
    valueOf(await c.api.registerHere(name, `Does ${name}`, {}, baseUrl));
  }
}

describe('account: following the public URL', () => {
  it('sets the follow mode, offers "Update them" for proposed changes, and keeps a record', async () => {
    const c = await withToken(companion());
    await registerAndLink(c, ['send_email', 'create_ticket', 'lookup_order']);
    const old = c.baseUrl;
    const moved = otherName(old);
    const { user, dialog } = await openAccount(c);
    const follow = within(dialog).getByRole('region', { name: 'Follow the tunnel' });
    expect((within(follow).getByRole('combobox', { name: 'Follow mode' }) as HTMLSelectElement).value).toBe('ask');
    await waitFor(() => expect(follow.textContent).toContain('3 linked actions'));
    await user.click(within(dialog).getByRole('button', { name: 'Close Flowent account' }));

    tunnel().change({ previous: old, current: moved });
    const banner = await screen.findByRole('alert', { name: 'Actions to update' });
    // serve's words for the links left at the old URL, with the page's way to re-point them.
    const [names, sentence] = banner.textContent!.split(' still point at ');
    expect(names!.split(', ').sort()).toEqual(['create_ticket', 'lookup_order', 'send_email']);
    expect(sentence).toContain(`the old URL ${old}: re-point them to ${moved} with Update them, beside this.`);
    await user.click(within(banner).getByRole('button', { name: 'Update them' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Actions to update' })).toBeNull());
    expect(c.bridge.callsTo('applyFollow')).toHaveLength(1);
    // Re-pointed in Flowent, and Flowent's registration check reached the companion at the new URL.
    expect(
      gateway()
        .stored()
        .map((action) => action.webhook_url),
    ).toContain(`${moved}/actions/send_email`);
    await screen.findByText(
      /^Pointed (send_email|create_ticket|lookup_order), (send_email|create_ticket|lookup_order), (send_email|create_ticket|lookup_order) at /,
    );

    await user.click(screen.getByRole('button', { name: 'Account' }));
    const history = await screen.findByRole('list', { name: 'Follow history' });
    await waitFor(() => expect(history.textContent).toContain(`send_email: now ${moved}/actions/send_email`));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Follow mode' }), 'auto');
    await waitFor(async () => expect((await c.api.getAccount()).followMode).toBe('auto'));
  });

  it('a dismissed proposal stays dismissed, and stale links show as a banner that opens Actions', async () => {
    const c = await withToken(companion());
    // Linked at a URL that does not reach this companion now (another host name for it, not its own).
    const gone = otherName(c.baseUrl);
    await registerAndLink(c, ['send_email'], gone);
    await c.api.clearFlowentApiToken('default');
    const { user } = renderApp(c.bridge);
    const stale = await screen.findByRole('alert', { name: 'Stale actions' });
    expect(stale.textContent).toContain(
      `send_email (default) still points at ${gone}/actions/send_email, which no longer reaches this companion: ` +
        "Flowent's calls to it fail. Point it here again with Edit › Register here.",
    );

    tunnel().change({ previous: gone, current: c.baseUrl });
    const banner = await screen.findByRole('alert', { name: 'Actions to update' });
    expect(banner.textContent).toContain(`send_email still points at the old URL ${gone}: re-point it to ${c.baseUrl} with Update them`);
    await user.click(within(banner).getByRole('button', { name: 'Dismiss actions to update' }));
    // A later read of the account (here with another follow mode, to see it applied) does not bring it back.
    await c.api.setFollowMode('auto');

    await user.click(within(stale).getByRole('button', { name: 'Open Actions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain('Set your API token');
    await user.click(within(dialog).getByRole('tab', { name: 'Account' }));
    await waitFor(() => expect((within(dialog).getByRole('combobox', { name: 'Follow mode' }) as HTMLSelectElement).value).toBe('auto'));
    expect(screen.queryByRole('alert', { name: 'Actions to update' })).toBeNull();
  });

  it('in auto mode says what the core re-pointed, and, once, which action Flowent no longer has', async () => {
    const c = await withToken(companion());
    await c.api.setFollowMode('auto');
    await registerAndLink(c, ['send_email', 'gone_action']);
    // Deleted in Flowent by someone else: the link is still here, and nothing has said it is gone.
    const token = await otherClientSession(gateway());
    await fetch(`${gateway().baseUrl}/actions/gone_action`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    const moved = otherName(c.baseUrl);
    renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    tunnel().change({ previous: c.baseUrl, current: moved });
    await screen.findByText(`Pointed send_email at ${moved} in Flowent`);
    await screen.findByText('Flowent no longer has gone_action: not re-pointed (Flowent account > Account says what to do)');
    // Flowent's 404 marked the link gone: no failure to fix, and nothing waiting to be updated.
    expect(screen.queryByText('Could not point gone_action', { exact: false })).toBeNull();
    expect(screen.queryByRole('alert', { name: 'Actions to update' })).toBeNull();
    // Back: the next change re-points send_email and says nothing more of gone_action.
    tunnel().change({ previous: moved, current: c.baseUrl });
    await screen.findByText(`Pointed send_email at ${c.baseUrl} in Flowent`);
    const [newest, first] = (await c.api.getAccount()).followHistory;
    expect(newest?.changes.map(({ action, outcome }) => `${action} ${outcome}`)).toEqual(['send_email updated']);
    expect(first?.changes.map(({ action, outcome }) => `${action} ${outcome}`)).toEqual(['send_email updated', 'gone_action gone']);
  });
});
