// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, makeCall } from './fake-bridge';
import { REJECTED_TOKEN } from './fake-account';
import { renderApp, resetPage } from './harness/render';

/**
 * The countdown shows the time left until `expiresAt`, give or take the second or two the
 * page takes to redraw: checked against the clock, not a fixed string a busy machine misses.
 */
function expectCountdown(text: string | null, expiresAt: number | null): void {
  const shown = /Session expires in (?:(\d+):)?(\d+):(\d\d)/.exec(text ?? '');
  expect(shown, text ?? '').not.toBeNull();
  const [, h, m, sec] = shown!;
  const seconds = Number(h ?? 0) * 3600 + Number(m) * 60 + Number(sec);
  const left = ((expiresAt ?? 0) - Date.now()) / 1000;
  expect(Math.abs(seconds - left)).toBeLessThanOrEqual(2);
}

afterEach(resetPage);

async function openAccount(bridge = new FakeBridge([makeCall({ id: 1 })])) {
  const view = renderApp(bridge);
  await waitFor(() => expect(bridge.callsTo('getAccount').length).toBeGreaterThan(0));
  await view.user.click(screen.getByRole('button', { name: 'Account' }));
  const dialog = await screen.findByRole('dialog', { name: 'Flowent account' }, { timeout: 5000 });
  await within(dialog).findByRole('tabpanel', { name: 'Account' });
  return { ...view, bridge, dialog };
}

describe('account dialog: profiles', () => {
  it('adds a profile, switches to it, edits its URL, and deletes it after confirming', async () => {
    const { user, dialog, bridge } = await openAccount();
    const profiles = within(dialog).getByRole('region', { name: 'Profiles' });
    expect(within(profiles).getByTestId('profile-default').textContent).toContain('active');

    await user.click(within(profiles).getByRole('button', { name: 'Add profile…' }));
    await user.type(within(profiles).getByLabelText('Profile name'), 'staging');
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://staging.flowent.chat/api/v1/gateway');
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(within(profiles).getByTestId('profile-staging').textContent).toContain('https://staging.flowent.chat/api/v1/gateway'),
    );
    expect(bridge.callsTo('saveProfile')).toEqual([[{ name: 'staging', baseUrl: 'https://staging.flowent.chat/api/v1/gateway' }]]);

    await user.click(within(profiles).getByRole('button', { name: 'Use staging' }));
    await waitFor(() => expect(within(profiles).getByTestId('profile-staging').textContent).toContain('active'));
    expect(bridge.flowent.activeProfile).toBe('staging');

    await user.click(within(profiles).getByRole('button', { name: 'Edit profile staging' }));
    const url = within(profiles).getByLabelText('Gateway base URL');
    await user.clear(url);
    await user.type(url, 'not a url');
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));
    expect((await within(profiles).findByRole('alert', { name: 'Profile form error' })).textContent).toContain('is not a Gateway base URL');

    await user.click(within(profiles).getByRole('button', { name: 'Cancel' }));
    expect(within(profiles).queryByRole('button', { name: 'Delete profile default' })).toBeNull();
    await user.click(within(profiles).getByRole('button', { name: 'Delete profile staging' }));
    expect(bridge.callsTo('deleteProfile')).toHaveLength(0);
    await user.click(within(profiles).getByRole('button', { name: 'Delete staging for good' }));
    await waitFor(() => expect(within(profiles).queryByTestId('profile-staging')).toBeNull());
    expect(within(profiles).getByTestId('profile-default').textContent).toContain('active');
  });
});

describe('account dialog: API token and session', () => {
  it('sets the token in a password field that is emptied and never echoed, connects, and counts down the session', async () => {
    const { user, dialog, bridge } = await openAccount();
    const token = within(dialog).getByRole('region', { name: 'API token' });
    expect(within(token).getByTestId('api-token-current').textContent).toContain('No API token for default');
    const session = within(dialog).getByRole('region', { name: 'Session' });
    expect((within(session).getByRole('button', { name: 'Connect' }) as HTMLButtonElement).disabled).toBe(true);

    const input = within(token).getByLabelText('New API token') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, 'fl_secret_token_123');
    await user.click(within(token).getByRole('button', { name: 'Save token' }));
    await waitFor(() => expect(within(token).getByTestId('api-token-current').textContent).toContain('An API token is set for default'));
    expect(input.value).toBe('');
    expect(bridge.callsTo('setFlowentApiToken')).toEqual([['default', 'fl_secret_token_123']]);
    expect(document.body.textContent).not.toContain('fl_secret_token_123');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('fl_secret_token_123');

    expect(within(session).getByTestId('session-expiry').textContent).toContain('Not connected yet');
    await user.click(within(session).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expectCountdown(within(session).getByTestId('session-expiry').textContent, bridge.flowent.session.expiresAt));
    expect(within(session).getByTestId('requests-this-hour').textContent).toBe('1 Gateway request this hour');

    // The core renews the session before it runs out and says so: the countdown follows.
    bridge.flowent.session = { expiresAt: Date.now() + 42 * 60_000 + 10_500, lastError: null };
    bridge.emit([{ type: 'account-changed' }]);
    await waitFor(() => expectCountdown(within(session).getByTestId('session-expiry').textContent, bridge.flowent.session.expiresAt));
    expect(within(session).getByTestId('session-expiry').textContent).toMatch(/Session expires in 42:\d\d/);

    await user.click(within(token).getByRole('button', { name: 'Clear token' }));
    await waitFor(() => expect(within(token).getByTestId('api-token-current').textContent).toContain('No API token'));
  });

  it('says in words why the token was rejected', async () => {
    const { user, dialog } = await openAccount();
    const token = within(dialog).getByRole('region', { name: 'API token' });
    await user.type(within(token).getByLabelText('New API token'), REJECTED_TOKEN);
    await user.click(within(token).getByRole('button', { name: 'Save token' }));
    const session = within(dialog).getByRole('region', { name: 'Session' });
    await waitFor(() => expect((within(session).getByRole('button', { name: 'Connect' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(within(session).getByRole('button', { name: 'Connect' }));
    expect((await within(session).findByRole('alert', { name: 'Connect error' })).textContent).toBe(
      'API token rejected: create a new one in Gateway Management.',
    );
    await waitFor(() => expect(within(session).getByTestId('session-error').textContent).toContain('API token rejected'));
  });

  it('shows where the token comes from when the UI cannot set it', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.flowent.canSetApiToken = false;
    const { dialog } = await openAccount(bridge);
    const token = within(dialog).getByRole('region', { name: 'API token' });
    expect(within(token).queryByLabelText('New API token')).toBeNull();
    expect(within(token).getByTestId('api-token-hint').textContent).toContain('the FLOWENT_API_TOKEN environment variable');
  });
});

describe('account: following the public URL', () => {
  it('sets the follow mode, offers "Update them" for proposed changes, and keeps a record', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.flowent.tokens.set('default', { source: 'keychain', rejected: false });
    const old = 'https://old-fox.ngrok-free.app';
    for (const name of ['send_email', 'create_ticket', 'lookup_order']) {
      bridge.flowent.actions.set('default', [
        ...(bridge.flowent.actions.get('default') ?? []),
        {
          id: name,
          tenant_id: 't',
          name,
          description: name,
          json_schema: {},
          webhook_url: `${old}/actions/${name}`,
          created_at: '',
          updated_at: '',
        },
      ]);
      bridge.flowent.links.push({ profile: 'default', action: name, webhookUrl: `${old}/actions/${name}`, linkedAt: 1 });
    }
    const { user, dialog } = await openAccount(bridge);
    const follow = within(dialog).getByRole('region', { name: 'Follow the tunnel' });
    expect((within(follow).getByRole('combobox', { name: 'Follow mode' }) as HTMLSelectElement).value).toBe('ask');
    expect(follow.textContent).toContain('3 linked actions');
    await user.click(within(dialog).getByRole('button', { name: 'Close Flowent account' }));

    bridge.flowent.followTunnel(old, 'https://new-fox.ngrok-free.app');
    const banner = await screen.findByRole('alert', { name: 'Actions to update' });
    expect(banner.textContent).toContain('3 actions still point at the old URL');
    await user.click(within(banner).getByRole('button', { name: 'Update them' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: 'Actions to update' })).toBeNull());
    expect(bridge.callsTo('applyFollow')).toHaveLength(1);
    expect(bridge.flowent.actions.get('default')?.map((a) => a.webhook_url)).toContain('https://new-fox.ngrok-free.app/actions/send_email');
    await screen.findByText('Pointed send_email, create_ticket, lookup_order at https://new-fox.ngrok-free.app in Flowent');

    await user.click(screen.getByRole('button', { name: 'Account' }));
    const history = await screen.findByRole('list', { name: 'Follow history' });
    await waitFor(() => expect(history.textContent).toContain('send_email: now https://new-fox.ngrok-free.app/actions/send_email'));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Follow mode' }), 'auto');
    await waitFor(() => expect(bridge.flowent.followMode).toBe('auto'));
  });

  it('a dismissed proposal stays dismissed, and stale links show as a banner that opens Actions', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.flowent.links.push({
      profile: 'default',
      action: 'send_email',
      webhookUrl: 'https://gone.example/actions/send_email',
      linkedAt: 1,
    });
    bridge.flowent.stale.push({
      profile: 'default',
      action: 'send_email',
      webhookUrl: 'https://gone.example/actions/send_email',
      linkedAt: 1,
      message: 'send_email still points at https://gone.example, which no longer reaches this companion.',
    });
    const { user } = renderApp(bridge);
    const stale = await screen.findByRole('alert', { name: 'Stale actions' });
    expect(stale.textContent).toContain('send_email still points at https://gone.example');

    bridge.flowent.followTunnel('https://gone.example', 'https://new.example');
    const banner = await screen.findByRole('alert', { name: 'Actions to update' });
    expect(banner.textContent).toContain('1 action still points at the old URL');
    await user.click(within(banner).getByRole('button', { name: 'Dismiss actions to update' }));
    // A later read of the account (here with another follow mode, to see it applied) does not bring it back.
    bridge.flowent.followMode = 'auto';
    bridge.emit([{ type: 'account-changed' }]);

    await user.click(within(stale).getByRole('button', { name: 'Open Actions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Flowent account' }, { timeout: 5000 });
    expect((await within(dialog).findByTestId('actions-empty')).textContent).toContain('Set your API token');
    await user.click(within(dialog).getByRole('tab', { name: 'Account' }));
    await waitFor(() => expect((within(dialog).getByRole('combobox', { name: 'Follow mode' }) as HTMLSelectElement).value).toBe('auto'));
    expect(screen.queryByRole('alert', { name: 'Actions to update' })).toBeNull();
  });

  it('in auto mode says what the core re-pointed, and which action it could not', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    bridge.flowent.followMode = 'auto';
    const old = 'https://old.example';
    bridge.flowent.actions.set('default', [
      {
        id: 'a',
        tenant_id: 't',
        name: 'send_email',
        description: 'd',
        json_schema: {},
        webhook_url: `${old}/actions/send_email`,
        created_at: '',
        updated_at: '',
      },
    ]);
    for (const name of ['send_email', 'gone_action'])
      bridge.flowent.links.push({ profile: 'default', action: name, webhookUrl: `${old}/actions/${name}`, linkedAt: 1 });
    renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    bridge.flowent.followTunnel(old, 'https://new.example');
    await screen.findByText('Pointed send_email at https://new.example in Flowent');
    const failure = await screen.findByText(
      /Could not point gone_action at the new public URL https:\/\/new.example\/actions\/gone_action: Flowent has no action named gone_action/,
    );
    expect(failure).toBeTruthy();
    expect(screen.queryByRole('alert', { name: 'Actions to update' })).toBeNull();
  });

  it('opens with f and closes with Esc', async () => {
    const bridge = new FakeBridge([makeCall({ id: 1 })]);
    const { user } = renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    await user.keyboard('f');
    expect(await screen.findByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Flowent account' })).toBeNull();
  });
});
