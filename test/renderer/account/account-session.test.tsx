// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { apiTokenEdgeSpaceWords } from '../../../main/contract/words';
import { API_TOKEN } from '../harness/gateway';
import { useAccountStore } from '../../../renderer/src/account/account-store';
import { closedPort } from '../../helpers/handler-process';
import { openAccount, useAccountCompanion, withToken } from './account-setup';

const { gateway, companion, companionOptions } = useAccountCompanion();

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

describe('account dialog: API token and session', () => {
  it('sets the token in a password field that is emptied and never echoed, connects, and counts down the session', async () => {
    const c = companion();
    const { user, dialog } = await openAccount(c);
    const token = within(dialog).getByRole('region', { name: 'API token' });
    expect(within(token).getByTestId('api-token-current').textContent).toContain('No Flowent API token is set.');
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
    await waitFor(() => expect(within(token).getByTestId('api-token-current').textContent).toContain('No Flowent API token is set.'));
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
