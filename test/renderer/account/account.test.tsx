// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { apiTokenEdgeSpaceWords } from '../../../main/contract/words';
import { useCompanion, valueOf, type Companion, type CompanionOptions } from '../harness/companion';
import { API_TOKEN, gatewayOptions, otherClientSession, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';
import { useAccountStore } from '../../../renderer/src/account/account-store';
import { closedPort } from '../../helpers/handler-process';
import { otherName, urlChangingTunnel } from '../../helpers/stand-in-tunnels';
import { fetch } from 'undici';

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

async function openAccount(c: Companion) {
  await c.send('send_email');
  const view = renderApp(c.bridge);
  await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
  await view.user.click(screen.getByRole('button', { name: 'Account' }));
  const dialog = await screen.findByRole('dialog', { name: 'Flowent account' });
  await within(dialog).findByRole('tabpanel', { name: 'Account' });
  return { ...view, dialog };
}

/** Registers `names` in Flowent against this companion and links them (Flowent's check reaches it for real). */
async function registerAndLink(c: Companion, names: string[], baseUrl = c.baseUrl): Promise<void> {
  for (const name of names) {
    valueOf(await c.api.registerHere(name, `Does ${name}`, {}, baseUrl));
  }
}

/** What the page says when nothing listens at the Gateway URL `url`. */
function unreachableWords(url: string): string {
  return `Cannot reach the Flowent Gateway at ${url}: the connection to ${new URL(url).host} was refused (nothing is listening there). Check the Gateway URL and your internet connection.`;
}

/** The text of every alert shown in `element`, top to bottom. */
function alertsIn(element: HTMLElement): (string | null)[] {
  return within(element)
    .queryAllByRole('alert')
    .map((alert) => alert.textContent);
}

/** A companion with the API token set in the keychain. */
async function withToken(c: Companion): Promise<Companion> {
  valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
  return c;
}

describe('account dialog: profiles', () => {
  it("the new profile form says why it cannot be saved, and every field's problem at once", async () => {
    const c = companion();
    const { dialog, user } = await openAccount(c);
    const profiles = within(dialog).getByRole('region', { name: 'Profiles' });
    await user.click(within(profiles).getByRole('button', { name: 'Add profile…' }));
    const save = within(profiles).getByRole('button', { name: 'Save profile' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Give the profile a name and a Gateway URL to save it.');
    expect(within(profiles).getByTestId('profile-save-why').textContent).toBe('Give the profile a name and a Gateway URL to save it.');
    // Nothing typed is no mistake yet.
    expect(within(profiles).queryAllByRole('alert')).toEqual([]);

    await user.type(within(profiles).getByLabelText('Profile name'), 'Staging Env!');
    expect(within(profiles).getByTestId('profile-save-why').textContent).toBe('Give the profile a Gateway URL to save it.');
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'not a url');
    expect(within(profiles).getByRole('alert', { name: 'Profile name problem' }).textContent).toBe(
      '"Staging Env!" is not a profile name: use 1-40 lowercase letters, digits, - or _.',
    );
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toBe(
      'The Gateway URL must be an http(s) URL such as https://api.flowent.chat/api/v1/gateway, not "not a url".',
    );
    expect(save.disabled).toBe(true);
    expect(save.title).toBe('Fix the name and the Gateway URL to save the profile.');

    await user.clear(within(profiles).getByLabelText('Profile name'));
    await user.type(within(profiles).getByLabelText('Profile name'), 'staging');
    // The core's rule, said as it is typed: a password in the URL is neither kept nor repeated.
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://deploy:S3CRET@staging.flowent.chat/api/v1/gateway');
    const credentials = within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent;
    expect(credentials).toContain('"https://deploy:***@staging.flowent.chat/api/v1/gateway": credentials do not belong in the Gateway URL');
    expect(credentials).not.toContain('S3CRET');
    expect(save.disabled).toBe(true);
    // A query string, which the Gateway's paths cannot follow, is named with the URL to give instead.
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(
      within(profiles).getByLabelText('Gateway base URL'),
      'https://staging.flowent.chat/api/v1/gateway?region=eu&token=S3CRET',
    );
    // Its values are not repeated, as the command line prints them: a token is often given there.
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toBe(
      '"https://staging.flowent.chat/api/v1/gateway?region=***&token=***": a Gateway URL takes no query string (the Gateway\'s paths are added after it), so it was not saved. Remove the part from "?" on: https://staging.flowent.chat/api/v1/gateway.',
    );
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://staging.flowent.chat/api/v1/gateway#access_token=S3CRET');
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toMatch(
      /^"https:\/\/staging\.flowent\.chat\/api\/v1\/gateway#\*\*\*": a Gateway URL takes no fragment/,
    );
    expect(save.disabled).toBe(true);
    await user.clear(within(profiles).getByLabelText('Gateway base URL'));
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://staging.flowent.chat/api/v1/gateway');
    expect(within(profiles).queryAllByRole('alert')).toEqual([]);
    expect(within(profiles).queryByTestId('profile-save-why')).toBeNull();
    expect(save.disabled).toBe(false);
    expect(save.title).toBe('');
    await user.click(save);
    await waitFor(() => expect(within(profiles).getByTestId('profile-staging')).toBeTruthy());
  });

  it('adds a profile, switches to it, edits its URL, and deletes it after confirming', async () => {
    const c = companion();
    const { user, dialog } = await openAccount(c);
    const profiles = within(dialog).getByRole('region', { name: 'Profiles' });
    expect(within(profiles).getByTestId('profile-default').textContent).toContain('active');

    await user.click(within(profiles).getByRole('button', { name: 'Add profile…' }));
    await user.type(within(profiles).getByLabelText('Profile name'), 'staging');
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://staging.flowent.chat/api/v1/gateway');
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));
    await waitFor(() =>
      expect(within(profiles).getByTestId('profile-staging').textContent).toContain('https://staging.flowent.chat/api/v1/gateway'),
    );
    expect(c.bridge.callsTo('saveProfile')).toEqual([[{ name: 'staging', baseUrl: 'https://staging.flowent.chat/api/v1/gateway' }]]);

    await user.click(within(profiles).getByRole('button', { name: 'Use staging' }));
    await waitFor(() => expect(within(profiles).getByTestId('profile-staging').textContent).toContain('active'));
    expect((await c.api.getAccount()).activeProfile).toBe('staging');

    await user.click(within(profiles).getByRole('button', { name: 'Edit profile staging' }));
    const url = within(profiles).getByLabelText('Gateway base URL');
    await user.clear(url);
    await user.type(url, 'not a url');
    // Said under the field as it is typed; the save waits until it is fixed.
    expect(within(profiles).getByRole('alert', { name: 'Gateway base URL problem' }).textContent).toContain(
      'The Gateway URL must be an http(s) URL',
    );
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));
    expect(c.bridge.callsTo('saveProfile')).toHaveLength(1);
    expect((await c.api.getAccount()).profiles.find((profile) => profile.name === 'staging')?.baseUrl).toBe(
      'https://staging.flowent.chat/api/v1/gateway',
    );

    await user.click(within(profiles).getByRole('button', { name: 'Cancel' }));
    expect(within(profiles).queryByRole('button', { name: 'Delete profile default' })).toBeNull();
    // The question every deletion asks, with Keep focused: Esc takes it back and leaves the dialog open.
    await user.click(within(profiles).getByRole('button', { name: 'Delete profile staging' }));
    const question = within(profiles).getByRole('group', { name: 'Confirm deleting the profile' });
    await waitFor(() => expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep' })));
    await user.keyboard('{Escape}');
    expect(within(profiles).queryByRole('group', { name: 'Confirm deleting the profile' })).toBeNull();
    expect(screen.getByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(profiles).getByRole('button', { name: 'Delete profile staging' })));
    await user.click(within(profiles).getByRole('button', { name: 'Delete profile staging' }));
    expect(c.bridge.callsTo('deleteProfile')).toHaveLength(0);
    await user.click(within(profiles).getByRole('button', { name: 'Delete staging for good' }));
    await waitFor(() => expect(within(profiles).queryByTestId('profile-staging')).toBeNull());
    // The row went with the keyboard in it: it lands on Add profile…, not on whatever control was nearest.
    await waitFor(() => expect(document.activeElement).toBe(within(profiles).getByRole('button', { name: 'Add profile…' })));
    expect(within(profiles).getByTestId('profile-default').textContent).toContain('active');
  });

  it('says FLOWENT_BASE_URL wins over the default URL it edits: beside the URL, in the form and when saved', async () => {
    // This companion's FLOWENT_BASE_URL is the Gateway stand-in's; the default profile's URL comes from it.
    const c = companion();
    const variable = gateway().baseUrl;
    const { user, dialog } = await openAccount(c);
    const profiles = within(dialog).getByRole('region', { name: 'Profiles' });
    expect(within(profiles).getByTestId('profile-default-source').textContent?.trim()).toBe('(from FLOWENT_BASE_URL)');

    await user.click(within(profiles).getByRole('button', { name: 'Edit profile default' }));
    // The form edits the saved URL (none yet), not the variable's, which saving would copy into the profile.
    expect((within(profiles).getByLabelText('Gateway base URL') as HTMLInputElement).value).toBe('');
    const inUse = `FLOWENT_BASE_URL is set (${variable}): it is the default profile's Gateway for this run, and the saved URL applies when it is unset.`;
    expect(within(profiles).getByRole('note', { name: 'Gateway URL in use' }).textContent).toBe(inUse);
    await user.type(within(profiles).getByLabelText('Gateway base URL'), 'https://saved.flowent.chat/api/v1/gateway');
    await user.click(within(profiles).getByRole('button', { name: 'Save profile' }));

    await screen.findByText(`Profile default saved: https://saved.flowent.chat/api/v1/gateway. ${inUse}`);
    await waitFor(() =>
      expect(within(profiles).getByTestId('profile-default-source').textContent?.trim()).toBe(
        '(from FLOWENT_BASE_URL; the saved https://saved.flowent.chat/api/v1/gateway applies when it is unset)',
      ),
    );
    expect(within(profiles).getByTestId('profile-default').textContent).toContain(variable);
    expect((await c.api.getAccount()).defaultGateway).toMatchObject({
      from: 'environment',
      saved: 'https://saved.flowent.chat/api/v1/gateway',
    });
    // Edited again, the form starts from what was saved.
    await user.click(within(profiles).getByRole('button', { name: 'Edit profile default' }));
    expect((within(profiles).getByLabelText('Gateway base URL') as HTMLInputElement).value).toBe(
      'https://saved.flowent.chat/api/v1/gateway',
    );
  });
});

describe('account dialog: API token and session', () => {
  it('sets the token in a password field that is emptied and never echoed, connects, and counts down the session', async () => {
    const c = companion();
    const { user, dialog } = await openAccount(c);
    const token = within(dialog).getByRole('region', { name: 'API token' });
    expect(within(token).getByTestId('api-token-current').textContent).toContain('No API token for default');
    const session = within(dialog).getByRole('region', { name: 'Session' });
    expect((within(session).getByRole('button', { name: 'Connect' }) as HTMLButtonElement).disabled).toBe(true);

    const input = within(token).getByLabelText('New API token') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, API_TOKEN);
    await user.click(within(token).getByRole('button', { name: 'Save token' }));
    await waitFor(() => expect(within(token).getByTestId('api-token-current').textContent).toContain('An API token is set for default'));
    expect(input.value).toBe('');
    expect(c.bridge.callsTo('setFlowentApiToken')).toEqual([['default', API_TOKEN]]);
    expect(document.body.textContent).not.toContain(API_TOKEN);
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain(API_TOKEN);

    expect(within(session).getByTestId('session-expiry').textContent).toContain('Not connected yet');
    await user.click(within(session).getByRole('button', { name: 'Connect' }));
    const expiresAt = async () => (await c.api.getAccount()).session.expiresAt;
    await waitFor(async () => expectCountdown(within(session).getByTestId('session-expiry').textContent, await expiresAt()));
    // The token exchange is not one of the requests Flowent counts against the hourly limit.
    expect((await c.api.getAccount()).requestsThisHour).toBe(0);
    expect(within(session).getByTestId('requests-this-hour').textContent).toBe('0 Gateway requests this hour');
    expect(gateway().exchanges).toBe(1);

    // Connected again, with a session Flowent now grants for 42 minutes: the countdown follows.
    gateway().setJwtLifetime(42 * 60 + 10);
    await user.click(within(session).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(within(session).getByTestId('session-expiry').textContent).toMatch(/Session expires in 42:\d\d/));
    expectCountdown(within(session).getByTestId('session-expiry').textContent, await expiresAt());

    await user.click(within(token).getByRole('button', { name: 'Clear token' }));
    await waitFor(() => expect(within(token).getByTestId('api-token-current').textContent).toContain('No API token'));
  });

  it('says in words why the token was rejected', async () => {
    const c = companion();
    const { user, dialog } = await openAccount(c);
    const token = within(dialog).getByRole('region', { name: 'API token' });
    // A token Flowent does not know (revoked, or never made).
    await user.type(within(token).getByLabelText('New API token'), 'api_revoked_token');
    await user.click(within(token).getByRole('button', { name: 'Save token' }));
    const session = within(dialog).getByRole('region', { name: 'Session' });
    await waitFor(() => expect((within(session).getByRole('button', { name: 'Connect' }) as HTMLButtonElement).disabled).toBe(false));
    await user.click(within(session).getByRole('button', { name: 'Connect' }));
    const rejected =
      'Flowent rejected the API token. Create a new one in Gateway Management (Flowent admin panel) and set it in Flowent account > Account (or start the companion with FLOWENT_API_TOKEN).';
    expect((await within(session).findByRole('alert', { name: 'Session error' })).textContent).toBe(rejected);
    expect((await c.api.getAccount()).session.lastError).toMatchObject({ code: 'flowent-api-token-rejected' });
    await waitFor(() => expect(useAccountStore.getState().account?.session.lastError).not.toBeNull());
    expect(alertsIn(dialog)).toEqual([rejected]);

    // Another token: the session starts over, and the refusal of the old one is not said any more.
    await user.type(within(token).getByLabelText('New API token'), API_TOKEN);
    await user.click(within(token).getByRole('button', { name: 'Save token' }));
    await waitFor(() => expect(alertsIn(dialog)).toEqual([]));
  });

  it("says a Gateway it cannot reach once, before and after the page hears of the session's failure", async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const c = await withToken(await companion.restart(companionOptions({ env: { FLOWENT_BASE_URL: unreachable } })));
    const { user, dialog } = await openAccount(c);
    const session = within(dialog).getByRole('region', { name: 'Session' });
    // Connect's own answer, while the core's word that the session failed waits on its way...
    c.bridge.events.pause();
    await user.click(within(session).getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(alertsIn(dialog)).toEqual([unreachableWords(unreachable)]));
    expect(within(session).getByRole('alert', { name: 'Session error' })).toBeTruthy();
    // ...and once it has come: the account keeps the same failure, said in the same place.
    c.bridge.events.resume();
    await waitFor(() => expect(useAccountStore.getState().account?.session.lastError).toMatchObject({ code: 'flowent-unreachable' }));
    expect(alertsIn(dialog)).toEqual([unreachableWords(unreachable)]);
  });

  it("shows the session's failure the account keeps, with no Connect from this page", async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const c = await withToken(await companion.restart(companionOptions({ env: { FLOWENT_BASE_URL: unreachable } })));
    // An exchange that failed before the page opened (another window's Connect, a listing).
    expect((await c.api.connectFlowent()).ok).toBe(false);
    const { dialog } = await openAccount(c);
    const session = within(dialog).getByRole('region', { name: 'Session' });
    expect((await within(session).findByRole('alert', { name: 'Session error' })).textContent).toBe(unreachableWords(unreachable));
    expect(alertsIn(dialog)).toEqual([unreachableWords(unreachable)]);
  });

  it('says a token with a space at an edge would be refused by Flowent, typed or in use, not that signatures would not match', async () => {
    const c = await companion.restart(companionOptions({ mode: 'headless', env: { FLOWENT_API_TOKEN: `${API_TOKEN}\n` } }));
    const { dialog, user } = await openAccount(c);
    const token = within(dialog).getByRole('region', { name: 'API token' });
    const inUse = await within(token).findByRole('note', { name: 'API token in use spaces' });
    expect(inUse.textContent).toBe(apiTokenEdgeSpaceWords('FLOWENT_API_TOKEN', 'used as it is'));
    expect(inUse.textContent).toContain('Flowent would refuse the token');
    await user.type(within(token).getByLabelText('New API token'), ` ${API_TOKEN}`);
    const typed = within(token).getByRole('note', { name: 'API token spaces' }).textContent ?? '';
    expect(typed).toBe(apiTokenEdgeSpaceWords('It', 'saved as typed'));
    expect(`${inUse.textContent} ${typed}`).not.toMatch(/signature|key/);
  });

  it('in the headless command, shows the token from FLOWENT_API_TOKEN: replaceable for this run, not clearable', async () => {
    const c = await companion.restart(companionOptions({ mode: 'headless', env: { FLOWENT_API_TOKEN: API_TOKEN } }));
    const { dialog, user } = await openAccount(c);
    const token = within(dialog).getByRole('region', { name: 'API token' });
    expect(within(token).getByTestId('api-token-current').textContent).toBe('An API token is set for default (from FLOWENT_API_TOKEN).');
    expect(within(token).getByLabelText('New API token')).toBeTruthy();
    expect(within(token).queryByRole('button', { name: 'Clear token' })).toBeNull();
    const session = within(dialog).getByRole('region', { name: 'Session' });
    await user.click(within(session).getByRole('button', { name: 'Connect' }));
    await waitFor(async () =>
      expectCountdown(within(session).getByTestId('session-expiry').textContent, (await c.api.getAccount()).session.expiresAt),
    );
  });
});

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

    tunnel.change({ previous: old, current: moved });
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

    tunnel.change({ previous: gone, current: c.baseUrl });
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
    tunnel.change({ previous: c.baseUrl, current: moved });
    await screen.findByText(`Pointed send_email at ${moved} in Flowent`);
    await screen.findByText('Flowent no longer has gone_action: not re-pointed (Flowent account > Account says what to do)');
    // Flowent's 404 marked the link gone: no failure to fix, and nothing waiting to be updated.
    expect(screen.queryByText('Could not point gone_action', { exact: false })).toBeNull();
    expect(screen.queryByRole('alert', { name: 'Actions to update' })).toBeNull();
    // Back: the next change re-points send_email and says nothing more of gone_action.
    tunnel.change({ previous: moved, current: c.baseUrl });
    await screen.findByText(`Pointed send_email at ${c.baseUrl} in Flowent`);
    const [newest, first] = (await c.api.getAccount()).followHistory;
    expect(newest?.changes.map(({ action, outcome }) => `${action} ${outcome}`)).toEqual(['send_email updated']);
    expect(first?.changes.map(({ action, outcome }) => `${action} ${outcome}`)).toEqual(['send_email updated', 'gone_action gone']);
  });

  it('opens with f and closes with Esc', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getAccount').length).toBeGreaterThan(0));
    await user.keyboard('f');
    expect(await screen.findByRole('dialog', { name: 'Flowent account' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Flowent account' })).toBeNull();
  });
});
